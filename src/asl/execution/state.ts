// Plain, serialisable execution state: everything the interpreter needs to
// continue an execution after a restart. Never holds functions or promises.

export interface ExecutionInfo {
  readonly executionArn: string;
  readonly name: string;
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly roleArn: string;
  /** ISO-8601 start time, as $$.Execution.StartTime shows it */
  readonly startTime: string;
  readonly input: unknown;
  /** the input text exactly as given to StartExecution */
  readonly inputText: string;
  readonly redriveCount: number;
  readonly region: string;
  readonly account: string;
  readonly type: 'STANDARD' | 'EXPRESS';
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface TaskPhase {
  readonly kind: 'task';
  readonly taskId: string;
  /** the resolved resource and its event family */
  readonly family: 'lambda' | 'task' | 'activity';
  readonly resourceType: string;
  readonly resource: string;
  readonly timeoutTimerId?: string;
  readonly heartbeatTimerId?: string;
  readonly heartbeatSeconds?: number;
  started: boolean;
  /** what the call answered when its outcome comes later (TaskSubmitted): a restart waits on it instead of calling again */
  readonly submitted?: unknown;
}

export interface ChildrenPhase {
  readonly kind: 'children';
  readonly mode: 'parallel' | 'map' | 'distributed';
  /** the effective input (after InputPath) templates are evaluated against */
  readonly effectiveInput: unknown;
  readonly items: readonly unknown[];
  readonly maxConcurrency: number;
  readonly startedEventId: number;
  launched: number;
  running: number;
  done: number;
  results: unknown[];
  /** previousEventId for the next child-start event */
  cursor: number;
  /** last MapIterationSucceeded id (parent's terminating events point at it) */
  lastDoneEventId: number;
  failures: number;
  readonly toleratedFailureCount: number;
  readonly toleratedFailurePercentage: number;
  failed?: { error: string; cause?: string; lastEventId: number };
  readonly childIds: string[];
  readonly mapRunArn?: string;
}

export type Phase =
  | { readonly kind: 'entering' }
  | TaskPhase
  | { readonly kind: 'waiting'; readonly timerId: string; readonly effectiveInput: unknown }
  | { readonly kind: 'retrying'; readonly timerId: string }
  | ChildrenPhase
  | { readonly kind: 'finished' };

/** The phases that carry no data, made once (frozen): frames enter and finish states all the time. */
export const ENTERING: Phase = Object.freeze({ kind: 'entering' });
export const FINISHED: Phase = Object.freeze({ kind: 'finished' });

/**
 * Shared empty containers (frozen): a frame's variables and retry counts, the
 * execution's tasks and timers stay this one object until something is put
 * in them (copy on first write); they serialise as {} and [] as before.
 */
export const NONE: Record<string, any> = Object.freeze({}) as Record<string, any>;
export const NO_ATTEMPTS: number[] = Object.freeze([]) as unknown as number[];

export interface Frame {
  readonly id: string;
  readonly parentId?: string;
  /** branch index (Parallel) or item index (Map) */
  readonly slot: number;
  readonly scopeKey: string;
  stateName: string;
  input: unknown;
  lastEventId: number;
  enteredEventId: number;
  /** previousEventId of the entered event (EvaluationFailed repeats it) */
  enteredPreviousId?: number;
  enteredTime: number;
  retryAttempts: number[];
  retryCount: number;
  phase: Phase;
  /** Map iteration: $$.Map.Item */
  readonly mapItem?: { readonly index: number; readonly value: unknown };
  /** variables assigned in this frame's scope */
  vars: Record<string, unknown>;
  /** a distributed Map's children write no history */
  readonly silent: boolean;
  taskToken?: string;
}

export interface ExecState {
  readonly info: ExecutionInfo;
  status: ExecutionStatus;
  nextEventId: number;
  seq: number;
  frames: Record<string, Frame>;
  output?: unknown;
  error?: string;
  cause?: string;
  timeoutTimerId?: string;
  /** task id -> frame id */
  tasks: Record<string, string>;
  /** timer id -> frame id ('' for the execution timeout) */
  timers: Record<string, string>;
  /** timer id -> epoch ms it is due (timers due at the same instant fire together) */
  timerDue?: Record<string, number>;
}
