// The contract with the engine (src/engine/task-runner.ts), restated
// structurally: integrations may import only the interpreter.

export interface TokenUsage {
  readonly modelId: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

export type Outcome =
  | { readonly kind: 'success'; readonly output: unknown; readonly usage?: TokenUsage }
  | { readonly kind: 'failure'; readonly error: string; readonly cause?: string; readonly usage?: TokenUsage }
  /** the result comes later (task token, activity worker, nested execution); `submitted` is written as TaskSubmitted */
  | { readonly kind: 'pending'; readonly submitted?: unknown; readonly usage?: TokenUsage };

export interface Invocation {
  readonly taskId: string;
  readonly resource: string;
  readonly family: 'lambda' | 'task' | 'activity';
  readonly resourceType: string;
  readonly parameters: unknown;
  readonly timeoutSeconds?: number;
  readonly heartbeatSeconds?: number;
  readonly taskToken?: string;
  readonly stateName: string;
  readonly credentials?: unknown;
}

export interface ChildDescription {
  readonly status: string; readonly output?: string; readonly error?: string; readonly cause?: string;
  readonly startDate: number; readonly stopDate?: number; readonly stateMachineArn: string; readonly name: string;
  readonly inputText: string;
}

/** What nested executions need from the engine (EngineCalls in src/engine/task-runner.ts). */
export interface EngineCalls {
  startExecution(args: { stateMachineArn: string; name?: string; input?: string; parentExecutionArn: string }): Promise<{ executionArn: string; startDate: number }>;
  whenDone(executionArn: string): Promise<ChildDescription>;
  stopExecution(executionArn: string, error?: string, cause?: string): void;
}

export interface TaskCtx {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly region: string;
  readonly account: string;
  readonly signal: AbortSignal;
  readonly taskToken?: string;
  readonly engine?: EngineCalls;
}

/** Delivers an outcome that arrives after a `pending` one (the end of a `.sync` call). */
export type LateOutcome = (executionArn: string, taskId: string, outcome: Outcome) => void;

export const runtimeFailure = (cause: string): Outcome => ({ kind: 'failure', error: 'States.Runtime', cause });
