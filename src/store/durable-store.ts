// The asynchronous store of the durable engine (issue 4): what store.ts
// offers, plus versioned execution rows, durable timers, pending task records,
// task tokens, leases and group commit. Implementations: sqlite/, postgres/.
// One contract suite (contract.ts) runs against both.
import type { EventLog, HistoryEvent, Command } from '../asl/index.js';
import type { ExecutionRecord, Page, StateMachineRecord } from './store.js';

export type { ExecutionRecord, Page, StateMachineRecord } from './store.js';

export type TaskInvocation = Extract<Command, { type: 'invokeTask' }>;

/** An execution row as stored: the record plus its optimistic-concurrency version. */
export type StoredExecution = ExecutionRecord & {
  /** 1 after creation, +1 for every committed transition */
  readonly version: number;
};

/** What ListExecutions shows: the row without its state, definition and payloads. */
export interface ExecutionSummary {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: ExecutionRecord['status'];
  readonly startDate: number;
  readonly stopDate?: number;
}

export interface TimerRecord {
  readonly executionArn: string;
  readonly timerId: string;
  /** epoch milliseconds */
  readonly dueAt: number;
}

export type TaskStatus = 'scheduled' | 'started' | 'completed';

export type TaskResult =
  | { readonly kind: 'success'; readonly output: unknown }
  | { readonly kind: 'failure'; readonly error: string; readonly cause?: string };

/** Task work recorded before it runs, and its result after (at-least-once delivery, exactly-once application). */
export interface TaskRecord {
  readonly executionArn: string;
  readonly taskId: string;
  readonly invocation: TaskInvocation;
  readonly status: TaskStatus;
  readonly result?: TaskResult;
}

export interface TaskTokenTarget {
  readonly executionArn: string;
  readonly taskId: string;
}

export interface Lease {
  readonly owner: string;
  /** epoch milliseconds */
  readonly expiresAt: number;
}

/**
 * One state transition of one execution: everything the engine writes for it,
 * applied all together or not at all.
 */
export interface Transition {
  /** the execution row after the transition (state, status, stop date, output) */
  readonly execution: ExecutionRecord;
  /** the version read before stepping; 0 creates the execution (fails if the ARN exists) */
  readonly expectedVersion: number;
  readonly events: readonly HistoryEvent[];
  /**
   * The same events as the interpreter wrote them, when it did: a store that
   * keeps them in its own form (the memory store) reads them from here
   * without the event objects being made.
   */
  readonly log?: EventLog;
  readonly timersArmed?: readonly { readonly timerId: string; readonly dueAt: number }[];
  /** cancelled timers, and the timer whose firing this transition applies */
  readonly timersCancelled?: readonly string[];
  /** recorded before the task runs; a task token is registered with it */
  readonly tasksScheduled?: readonly TaskInvocation[];
  readonly tasksStarted?: readonly string[];
  /** results recorded with the transition (the result stays until tasksDeleted) */
  readonly tasksCompleted?: readonly { readonly taskId: string; readonly result: TaskResult }[];
  /** tasks whose result this transition applied, or that it cancelled */
  readonly tasksDeleted?: readonly string[];
  /** takes (or renews) the execution's lease with the same write */
  readonly lease?: Lease;
}

export type TransitionOutcome =
  | { readonly ok: true; readonly version: number }
  /** 'version': the row moved on (or is gone) since it was read; 'exists': the ARN is taken */
  | { readonly ok: false; readonly conflict: 'version' | 'exists' };

export interface HistoryQuery {
  /** the last event id of the previous page; the page continues past it in reading order */
  readonly afterId?: number;
  readonly limit?: number;
  /** newest first */
  readonly reverse?: boolean;
}

export interface ExecutionQuery {
  readonly stateMachineArn?: string;
  readonly status?: ExecutionRecord['status'];
  readonly limit?: number;
  /** opaque keyset token from the previous page */
  readonly nextToken?: string;
}

export interface DurableStore {
  /**
   * Whether it keeps what it is handed as it is (the memory store): history
   * payloads and an execution's output text may then be DeferredText, whose
   * text is written only when read. Stores that write rows get texts.
   */
  readonly keepsValues?: boolean;

  // ---- state machines
  putStateMachine(sm: StateMachineRecord): Promise<void>;
  getStateMachine(arn: string): Promise<StateMachineRecord | undefined>;
  listStateMachines(): Promise<readonly StateMachineRecord[]>;
  deleteStateMachine(arn: string): Promise<void>;

  // ---- documents: small JSON bodies by key (the API registry)
  getDocument(key: string): Promise<string | undefined>;
  /** writes (or, with undefined, deletes) a document */
  putDocument(key: string, body: string | undefined): Promise<void>;

  // ---- transitions (group commit)
  /**
   * Writes many executions' transitions in ONE database transaction. A
   * transition whose expected version does not match is skipped and reported
   * as a conflict, the others commit. Any other failure rolls back the whole
   * batch and rejects: nothing of it is written.
   */
  commitTransitions(batch: readonly Transition[]): Promise<readonly TransitionOutcome[]>;
  /**
   * commitTransitions answered at once, by a store whose commit costs nothing
   * per call (process memory: no transaction, no fsync). The committer then
   * writes at the end of the current job, in a microtask, instead of waiting
   * a turn of the event loop to gather a batch, and hands the outcomes on in
   * that job, without a promise per batch. Throws where commitTransitions
   * rejects.
   */
  commitTransitionsNow?(batch: readonly Transition[]): readonly TransitionOutcome[];
  /**
   * How many commitTransitions calls may run at once (batches of different
   * executions); 1 when absent. Concurrent batches must not deadlock.
   */
  readonly commitConcurrency?: number;

  // ---- executions
  getExecution(arn: string): Promise<StoredExecution | undefined>;
  /** newest first (start date, then ARN, descending); pages stay correct while executions start */
  listExecutions(q: ExecutionQuery): Promise<Page<ExecutionSummary>>;
  /** executions that have not finished (single-process recovery after a restart) */
  runningExecutions(): Promise<readonly StoredExecution[]>;
  /** history events in id order (or reverse), paginated by event id */
  history(arn: string, q?: HistoryQuery): Promise<readonly HistoryEvent[]>;
  /** deletes up to `limit` finished executions stopped before stopDate, with everything they own; answers their ARNs */
  deleteExecutionsBefore(stopDate: number, limit?: number): Promise<readonly string[]>;

  // ---- timers
  /** timers due at `now` or earlier, earliest first; with `owner`, only of executions it leases */
  dueTimers(now: number, limit: number, owner?: string): Promise<readonly TimerRecord[]>;
  /** the earliest due time of any timer (of `owner`'s executions), to sleep until */
  nextTimerDue(owner?: string): Promise<number | undefined>;
  timersOf(executionArn: string): Promise<readonly TimerRecord[]>;

  // ---- tasks and task tokens
  tasksOf(executionArn: string): Promise<readonly TaskRecord[]>;
  /**
   * Records results of running tasks in one transaction. For each, true when
   * recorded; false when the task is unknown or already has a result, so a
   * duplicate delivery is dropped.
   */
  recordTaskResults(results: readonly (TaskTokenTarget & { readonly result: TaskResult })[]): Promise<readonly boolean[]>;
  /** tasks with a result not yet applied (of `owner`'s executions) */
  completedTasks(limit: number, owner?: string): Promise<readonly TaskRecord[]>;
  /** SendTask* look-ups; the token outlives its task until the execution is deleted */
  resolveTaskToken(token: string): Promise<TaskTokenTarget | undefined>;

  // ---- leases (several workers on one database)
  /**
   * Leases up to `limit` running executions, oldest first, that nobody holds
   * or whose lease has expired (expiresAt <= now); two claimers never get the
   * same execution. Times are the caller's clock (injected in tests).
   */
  claimExecutions(workerId: string, limit: number, leaseMs: number, now: number): Promise<readonly StoredExecution[]>;
  /** extends the leases `workerId` still holds; returns the ARNs renewed */
  renewLease(workerId: string, arns: readonly string[], leaseMs: number, now: number): Promise<readonly string[]>;
  releaseLease(workerId: string, arns: readonly string[]): Promise<void>;
  leaseOf(arn: string): Promise<Lease | undefined>;

  close(): Promise<void>;
}

/** Keyset token of ListExecutions: the last row's (startDate, ARN). */
export function executionToken(startDate: number, arn: string): string {
  return Buffer.from(JSON.stringify([startDate, arn])).toString('base64url');
}

/** A nextToken this store did not hand out (the API answers InvalidToken). */
export class InvalidPageToken extends Error {
  constructor(readonly token: string) { super('invalid pagination token'); }
}

export function parseExecutionToken(token: string): { startDate: number; arn: string } {
  try {
    const v: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string') return { startDate: v[0], arn: v[1] };
  } catch { /* falls through */ }
  throw new InvalidPageToken(token);
}

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;

export function pageSize(limit: number | undefined): number {
  return Math.min(Math.max(1, Math.floor(limit ?? DEFAULT_PAGE)), MAX_PAGE);
}
