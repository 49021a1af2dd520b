import type { Command } from '../asl/index.js';

export type TaskInvocation = Extract<Command, { type: 'invokeTask' }>;

export interface TaskContext {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly region: string;
  readonly account: string;
  /** aborted when the task is cancelled (timeout, execution stopped) */
  readonly signal: AbortSignal;
}

export type TaskOutcome =
  | { readonly kind: 'success'; readonly output: unknown }
  | { readonly kind: 'failure'; readonly error: string; readonly cause?: string }
  /** the result arrives later through a task token (callback) or an activity worker */
  | { readonly kind: 'pending' };

/** Calls task resources. Implemented in src/integrations, wired by the server. */
export interface TaskRunner {
  invoke(invocation: TaskInvocation, ctx: TaskContext): Promise<TaskOutcome>;
}
