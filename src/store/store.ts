// Records the engine keeps. The storage interface itself is DurableStore
// (durable-store.ts); implementations: memory/, sqlite/, postgres/.
import type { ExecState, PayloadText } from '../asl/index.js';

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
  /** a DeferredText only from a store that keeps values (DurableStore.keepsValues) */
  outputText?: PayloadText;
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
