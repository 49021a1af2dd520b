// What the engine holds for an execution it runs: the committed row, signals
// waiting to be applied, armed timers and running task calls. Kept small, as
// a parked execution costs little more than this record: lists are made when
// first needed, and a task call makes an AbortController only when the task
// asks for its signal.
import type { Signal } from '../asl/index.js';
import type { DurableStore, StoredExecution } from '../store/durable-store.js';
import type { KeyedList } from '../store/keyed-list.js';
import type { GroupCommitter } from './committer.js';
import { Alarm } from './clock.js';
import type { EngineCalls, TaskContext } from './task-runner.js';

/**
 * A timer of an execution: the arm command a transition carries out, the
 * timer row it writes (an in-memory store keeps this very object), and once
 * armed, the clock's alarm (its own handle there; the clock hands it back
 * when it fires). One object per armed timer.
 */
export class ArmedTimer extends Alarm {
  /** the execution it was armed for */
  live: Live | undefined = undefined;
  constructor(readonly timerId: string, readonly dueAt: number) { super(); }
  get type(): 'armTimer' { return 'armTimer'; }
}

export class Live {
  /** signals delivered and not yet applied */
  mailbox: Signal[] | undefined = undefined;
  /** callers waiting for those signals to be committed */
  settled: (() => void)[] | undefined = undefined;
  busy = false;
  timers: KeyedList<ArmedTimer> | undefined = undefined;
  tasks: KeyedList<TaskCall> | undefined = undefined;
  /** called with the final row when the execution ends: one caller's function and its argument (fanOut's list for several) */
  doneFn: ((rec: StoredExecution, arg: any) => void) | undefined = undefined;
  doneArg: unknown = undefined;

  constructor(public rec: StoredExecution, readonly committer: GroupCommitter) {}

  /** the store its transitions are committed to */
  get store(): DurableStore { return this.committer.store; }
}

/** One running call of a task resource: its TaskContext, and how the engine cancels it. */
export class TaskCall implements TaskContext {
  /** made when the task asks for its signal; CANCELLED when cancelled before it asked */
  private abort: AbortController | typeof CANCELLED | undefined = undefined;

  constructor(readonly id: string, private readonly live: Live, readonly taskToken: string | undefined,
    readonly engine: EngineCalls | undefined) {}

  get executionArn(): string { return this.live.rec.executionArn; }
  get stateMachineArn(): string { return this.live.rec.state.info.stateMachineArn; }
  get region(): string { return this.live.rec.state.info.region; }
  get account(): string { return this.live.rec.state.info.account; }
  get signal(): AbortSignal {
    if (this.abort === undefined || this.abort === CANCELLED) {
      const cancelled = this.abort === CANCELLED;
      this.abort = new AbortController();
      if (cancelled) this.abort.abort();
    }
    return this.abort.signal;
  }

  /** cancelled (timed out, its execution ended): its outcome is ignored */
  get cancelled(): boolean {
    return this.abort === CANCELLED || (this.abort !== undefined && this.abort.signal.aborted);
  }

  /** whether the task took its signal: it may still be listening for a cancellation */
  get listening(): boolean { return this.abort !== undefined; }

  cancel(): void {
    if (this.abort === undefined) this.abort = CANCELLED;
    else if (this.abort !== CANCELLED) this.abort.abort();
  }
}

const CANCELLED = 'cancelled';

/** calls one waiter; a waiter that throws does not stop the engine (it is called from a commit's completion) */
const tell = (fn: (rec: StoredExecution, arg: unknown) => void, rec: StoredExecution, arg: unknown): void => {
  try {
    fn(rec, arg);
  } catch (e) {
    console.error(`switchyard: a waiter for ${rec.executionArn} failed:`, (e as Error).message);
  }
};

/** several callers wait for one execution: doneArg holds their functions and arguments in turn */
const fanOut = (rec: StoredExecution, list: unknown[]): void => {
  for (let i = 0; i < list.length; i += 2) tell(list[i] as (rec: StoredExecution, arg: unknown) => void, rec, list[i + 1]);
};

/** adds a caller to tell when `live` ends */
export function addDone<A>(live: Live, fn: (rec: StoredExecution, arg: A) => void, arg: A): void {
  if (live.doneFn === undefined) { live.doneFn = fn; live.doneArg = arg; return; }
  if (live.doneFn === fanOut) { (live.doneArg as unknown[]).push(fn, arg); return; }
  live.doneArg = [live.doneFn, live.doneArg, fn, arg];
  live.doneFn = fanOut;
}

/** tells every caller waiting for `live` that it ended, once */
export function callDone(live: Live): void {
  const fn = live.doneFn;
  if (fn === undefined) return;
  const arg = live.doneArg;
  live.doneFn = live.doneArg = undefined;
  tell(fn, live.rec, arg);
}

export const timerKey = (t: ArmedTimer): string => t.timerId;
export const taskKey = (t: TaskCall): string => t.id;
