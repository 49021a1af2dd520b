// What flows into and out of the pure interpreter. Signals are facts the
// engine observed (a task finished, a timer fired); commands are work the
// engine must do (call a resource, arm a timer). See DESIGN.md.

export interface StepEnv {
  /** epoch milliseconds of this transition */
  readonly now: number;
  uuid(): string;
  /** uniform in [0, 1) */
  random(): number;
  /** whether an activity exists (a Task on a missing activity fails before it is scheduled) */
  activityExists?(activityArn: string): boolean;
  /**
   * History payloads may be DeferredText, written when read: the store keeps
   * values (DurableStore.keepsValues). Otherwise every payload is a text.
   */
  readonly deferTexts?: boolean;
}

export type Signal =
  | { readonly type: 'taskStarted'; readonly taskId: string; readonly workerName?: string }
  | { readonly type: 'taskSubmitted'; readonly taskId: string; readonly output: unknown }
  | { readonly type: 'taskSucceeded'; readonly taskId: string; readonly output: unknown }
  | { readonly type: 'taskFailed'; readonly taskId: string; readonly error: string; readonly cause?: string }
  | { readonly type: 'taskHeartbeat'; readonly taskId: string }
  | { readonly type: 'timerFired'; readonly timerId: string }
  | { readonly type: 'stop'; readonly error?: string; readonly cause?: string };

export interface TaskInvocation {
  readonly taskId: string;
  /** the Resource field as written, e.g. arn:aws:states:::lambda:invoke */
  readonly resource: string;
  readonly family: 'lambda' | 'task' | 'activity';
  readonly resourceType: string;
  /** the effective parameters (after InputPath/Parameters or Arguments) */
  readonly parameters: unknown;
  readonly timeoutSeconds?: number;
  readonly heartbeatSeconds?: number;
  readonly taskToken?: string;
  readonly stateName: string;
  readonly credentials?: unknown;
  /**
   * the call was made before a restart and answered this (its TaskSubmitted):
   * the resource is not called again, its outcome is waited for (a nested
   * execution's end, a task token)
   */
  readonly submitted?: unknown;
}

export type Command =
  | ({ readonly type: 'invokeTask' } & TaskInvocation)
  | { readonly type: 'cancelTask'; readonly taskId: string }
  | { readonly type: 'armTimer'; readonly timerId: string; readonly dueAt: number }
  | { readonly type: 'cancelTimer'; readonly timerId: string };

// ---- the contract of task resources: what the engine hands a task call and
// what it answers (implemented in src/integrations, called by src/engine;
// both read these types from here)

/** LLM token usage of one task call (recorded per state and per execution). */
export interface TokenUsage {
  readonly modelId: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

export type TaskOutcome =
  | { readonly kind: 'success'; readonly output: unknown; readonly usage?: TokenUsage }
  | { readonly kind: 'failure'; readonly error: string; readonly cause?: string; readonly usage?: TokenUsage }
  /**
   * the result arrives later: through a task token (SendTaskSuccess/Failure),
   * an activity worker or a nested execution; `submitted` is the call's own
   * response, written as TaskSubmitted for .waitForTaskToken integrations
   */
  | { readonly kind: 'pending'; readonly submitted?: unknown; readonly usage?: TokenUsage };

/** A nested execution's terminal description. */
export interface ChildDescription {
  readonly status: string; readonly output?: string; readonly error?: string; readonly cause?: string;
  readonly startDate: number; readonly stopDate?: number; readonly stateMachineArn: string; readonly name: string;
  readonly inputText: string;
}

/** What a task may ask of the engine while it runs (nested executions). */
export interface EngineCalls {
  /** starts an execution of another state machine; the child knows its parent */
  startExecution(args: { stateMachineArn: string; name?: string; input?: string; parentExecutionArn: string }): Promise<{ executionArn: string; startDate: number }>;
  /** resolves with the child's terminal description */
  whenDone(executionArn: string): Promise<ChildDescription>;
  stopExecution(executionArn: string, error?: string, cause?: string): void;
}

export interface TaskContext {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly region: string;
  readonly account: string;
  /**
   * aborted when the task is cancelled (timeout, execution stopped); made on
   * first read. A task that answers `pending` and must hear of a later
   * cancellation (a nested execution it waits for) reads it before answering.
   */
  readonly signal: AbortSignal;
  /** whether the task was cancelled, read without making the signal */
  readonly cancelled: boolean;
  readonly taskToken?: string;
  readonly engine?: EngineCalls;
}
