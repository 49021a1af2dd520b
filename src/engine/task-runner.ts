import type { Command, TaskContext, TaskOutcome } from '../asl/index.js';

// The contract of task resources lives with the interpreter's protocol, where
// src/integrations reads it too
export type { ChildDescription, EngineCalls, TaskContext, TaskOutcome, TokenUsage } from '../asl/index.js';

/** a task call as the engine dispatches and stores it: the interpreter's command */
export type TaskInvocation = Extract<Command, { type: 'invokeTask' }>;

/** Calls task resources. Implemented in src/integrations, wired by the server. */
export interface TaskRunner {
  invoke(invocation: TaskInvocation, ctx: TaskContext): Promise<TaskOutcome>;
}
