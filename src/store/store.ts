// The storage interface the engine depends on. Implementations: memory/
// (throwaway runs), sqlite/ and postgres/ (durable). One transition of one
// execution is written by one call, atomically.
import type { ExecState, HistoryEvent } from '../asl/index.js';

export interface StateMachineRecord {
  readonly arn: string;
  readonly name: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  definition: string;
  roleArn: string;
  readonly creationDate: number;
  loggingConfiguration?: unknown;
  tracingConfiguration?: unknown;
  revisionId: string;
  description?: string;
  status: 'ACTIVE' | 'DELETING';
}

export interface ExecutionRecord {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly startDate: number;
  readonly inputText: string;
  status: ExecState['status'];
  stopDate?: number;
  outputText?: string;
  error?: string;
  cause?: string;
  state: ExecState;
  /** the definition the execution runs (it keeps running on it after updates) */
  readonly definition: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}

export interface Store {
  putStateMachine(sm: StateMachineRecord): void;
  getStateMachine(arn: string): StateMachineRecord | undefined;
  listStateMachines(): readonly StateMachineRecord[];
  deleteStateMachine(arn: string): void;

  /** creates the execution with its first events; false when the ARN exists */
  createExecution(rec: ExecutionRecord, events: readonly HistoryEvent[]): boolean;
  /** one transition: new events and the execution row, atomically */
  commitTransition(rec: ExecutionRecord, events: readonly HistoryEvent[]): void;
  getExecution(arn: string): ExecutionRecord | undefined;
  listExecutions(stateMachineArn: string): readonly ExecutionRecord[];
  /** history events with id > afterId, ascending */
  history(arn: string): readonly HistoryEvent[];
  /** executions that have not finished (recovery after a restart) */
  runningExecutions(): readonly ExecutionRecord[];
}
