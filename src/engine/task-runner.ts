import type { Command } from '../asl/index.js';

export type TaskInvocation = Extract<Command, { type: 'invokeTask' }>;

/** LLM token usage of one task call (recorded per state and per execution). */
export interface TokenUsage {
  readonly modelId: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** What a task may ask of the engine while it runs (nested executions). */
export interface EngineCalls {
  /** starts an execution of another state machine; the child knows its parent */
  startExecution(args: { stateMachineArn: string; name?: string; input?: string; parentExecutionArn: string }): Promise<{ executionArn: string; startDate: number }>;
  /** resolves with the child's terminal description */
  whenDone(executionArn: string): Promise<{ status: string; output?: string; error?: string; cause?: string; startDate: number; stopDate?: number; stateMachineArn: string; name: string; inputText: string }>;
  stopExecution(executionArn: string, error?: string, cause?: string): void;
}

export interface TaskContext {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly region: string;
  readonly account: string;
  /** aborted when the task is cancelled (timeout, execution stopped) */
  readonly signal: AbortSignal;
  readonly taskToken?: string;
  readonly engine?: EngineCalls;
}

export type TaskOutcome =
  | { readonly kind: 'success'; readonly output: unknown; readonly usage?: TokenUsage }
  | { readonly kind: 'failure'; readonly error: string; readonly cause?: string; readonly usage?: TokenUsage }
  /**
   * the result arrives later: through a task token (SendTaskSuccess/Failure)
   * or an activity worker; `submitted` is the call's own response, written as
   * TaskSubmitted for .waitForTaskToken integrations
   */
  | { readonly kind: 'pending'; readonly submitted?: unknown; readonly usage?: TokenUsage };

/** Calls task resources. Implemented in src/integrations, wired by the server. */
export interface TaskRunner {
  invoke(invocation: TaskInvocation, ctx: TaskContext): Promise<TaskOutcome>;
}
