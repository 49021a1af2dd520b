// What the engine holds for an execution it runs: the committed row, signals
// waiting to be applied, armed timers and running task calls. Kept small, as
// a parked execution costs little more than this record: lists are made when
// first needed, and a task call makes an AbortController only when the task
// asks for its signal.
import type { Signal } from '../asl/index.js';
import type { DurableStore, StoredExecution } from '../store/durable-store.js';
import type { KeyedList } from '../store/keyed-list.js';
import type { GroupCommitter } from './committer.js';
import type { EngineCalls, TaskContext } from './task-runner.js';

/** a timer armed on the clock for an execution; the clock hands it back when it fires */
export class ArmedTimer {
  handle: unknown = undefined;
  constructor(readonly id: string, readonly live: Live) {}
}

export class Live {
  /** signals delivered and not yet applied */
  mailbox: Signal[] | undefined = undefined;
  /** callers waiting for those signals to be committed */
  settled: (() => void)[] | undefined = undefined;
  busy = false;
  timers: KeyedList<ArmedTimer> | undefined = undefined;
  tasks: KeyedList<TaskCall> | undefined = undefined;
  waiters: ((rec: StoredExecution) => void)[] | undefined = undefined;

  constructor(public rec: StoredExecution, readonly store: DurableStore, readonly committer: GroupCommitter) {}
}

/** One running call of a task resource: its TaskContext, and how the engine cancels it. */
export class TaskCall implements TaskContext {
  private controller: AbortController | undefined = undefined;
  /** cancelled (timed out, its execution ended): its outcome is ignored */
  cancelled = false;

  constructor(readonly id: string, private readonly live: Live, readonly taskToken: string | undefined,
    readonly engine: EngineCalls | undefined) {}

  get executionArn(): string { return this.live.rec.executionArn; }
  get stateMachineArn(): string { return this.live.rec.state.info.stateMachineArn; }
  get region(): string { return this.live.rec.state.info.region; }
  get account(): string { return this.live.rec.state.info.account; }
  get signal(): AbortSignal {
    this.controller ??= new AbortController();
    if (this.cancelled && !this.controller.signal.aborted) this.controller.abort();
    return this.controller.signal;
  }

  cancel(): void {
    this.cancelled = true;
    this.controller?.abort();
  }
}

export const timerKey = (t: ArmedTimer): string => t.id;
export const taskKey = (t: TaskCall): string => t.id;
