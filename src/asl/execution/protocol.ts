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
}

export type Command =
  | ({ readonly type: 'invokeTask' } & TaskInvocation)
  | { readonly type: 'cancelTask'; readonly taskId: string }
  | { readonly type: 'armTimer'; readonly timerId: string; readonly dueAt: number }
  | { readonly type: 'cancelTimer'; readonly timerId: string };
