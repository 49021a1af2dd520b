// The contract with the engine: the task-resource types of the interpreter's
// protocol (src/asl/execution/protocol.ts), which the engine uses as well,
// under the names the integrations use.
import type { TaskOutcome } from '../asl/index.js';

export type {
  ChildDescription, EngineCalls, TaskInvocation as Invocation, TaskOutcome as Outcome, TaskContext as TaskCtx, TokenUsage,
} from '../asl/index.js';

/** Delivers an outcome that arrives after a `pending` one (the end of a `.sync` call). */
export type LateOutcome = (executionArn: string, taskId: string, outcome: TaskOutcome) => void;

export const runtimeFailure = (cause: string): TaskOutcome => ({ kind: 'failure', error: 'States.Runtime', cause });
