// The executions this engine runs, and the path of their transitions. A
// signal lands in its execution's mailbox; every signal waiting there is
// stepped in one go and committed as ONE transition through the group
// committer; once it is committed, its commands run (arm timers, call task
// resources). An execution has at most one transition in flight, so its
// signals apply in the order they arrived. The path is callbacks, not
// promises: a transition in flight is one small object.
import { type Command, type ExecState, type Program, type Signal, type StepEnv, payloadText, stepAll } from '../asl/index.js';
import type { Lease, StoredExecution, TaskRecord, TimerRecord, TransitionOutcome } from '../store/durable-store.js';
import { keyedDelete, keyedGet, keyedSet, keyedValues } from '../store/keyed-list.js';
import type { ActivityQueue } from './activities.js';
import type { Clock } from './clock.js';
import type { CommitTarget } from './committer.js';
import { crashPoint } from './crash-points.js';
import { ArmedTimer, Live, TaskCall, callDone, taskKey, timerKey } from './live.js';
import type { EngineCalls, TaskRunner, TokenUsage } from './task-runner.js';
import { StepBatch, nextRecord } from './transition.js';

/** What the running executions need of the engine that holds them. */
export interface RunningHost {
  readonly clock: Clock;
  readonly tasks: TaskRunner;
  readonly activities: ActivityQueue;
  readonly engineCalls: EngineCalls | undefined;
  /** several workers share the store: results of tasks of executions that moved are recorded for their new owner */
  readonly shared: boolean;
  readonly workerId: string;
  program(definition: string, type: 'STANDARD' | 'EXPRESS'): Program;
  env(): StepEnv;
  /** the lease a transition of `live` takes or renews */
  lease(live: Live): Lease | undefined;
  recordUsage(executionArn: string, stateName: string, usage: TokenUsage): void;
  /** a signal for an execution not running here (shared stores adopt it) */
  signal(executionArn: string, signal: Signal): Promise<void>;
}

/** A transition being committed, and what to do once it is. */
class InFlight implements CommitTarget {
  constructor(
    private readonly running: Running,
    readonly live: Live,
    readonly rec: StoredExecution,
    readonly commands: readonly (Command | undefined)[],
    /** the signals it applies (none for a start or redrive) */
    readonly signals: readonly Signal[] | undefined,
    readonly settled: (() => void)[] | undefined,
    readonly attempt: number,
    /** a start or redrive: told the outcome (the row, or undefined when refused) */
    readonly begun?: { resolve(rec: StoredExecution | undefined): void; reject(e: unknown): void },
  ) {}

  committed(outcome: TransitionOutcome): void { this.running.committed(this, outcome); }
  failed(error: unknown): void { this.running.failed(this, error); }
}

const settle = (settled: (() => void)[] | undefined): void => { if (settled) for (const done of settled) done(); };

/** the task calls of an execution's frames that were answered already (TaskSubmitted), by task id */
function submittedCalls(frames: ExecState['frames']): Map<string, unknown> | undefined {
  let calls: Map<string, unknown> | undefined;
  for (const id in frames) {
    const phase = frames[id]!.phase;
    if (phase.kind === 'task' && phase.submitted !== undefined) (calls ??= new Map()).set(phase.taskId, phase.submitted);
  }
  return calls;
}

/** a signal to an execution's mailbox */
const post = (live: Live, signal: Signal): void => { if (live.mailbox) live.mailbox.push(signal); else live.mailbox = [signal]; };

export class Running {
  readonly live = new Map<string, Live>();
  closed = false;

  constructor(private readonly host: RunningHost) {}

  /** Commits the first transition of an execution (a start, a redrive) and runs it; undefined when the row conflicts. */
  begin(live: Live, batch: StepBatch, expectedVersion: number): Promise<StoredExecution | undefined> {
    return new Promise((resolve, reject) => {
      live.busy = true;
      live.committer.commit(batch.transition(live.rec, expectedVersion, this.host.lease(live)),
        new InFlight(this, live, live.rec, batch.commands, undefined, undefined, 0, { resolve, reject }));
    });
  }

  /** mail for an execution: stepped at once when it is idle (at the clock's time of the signal), else with the next transition */
  deliver(live: Live, signal: Signal, done?: () => void): void {
    post(live, signal);
    if (done) { if (live.settled) live.settled.push(done); else live.settled = [done]; }
    if (!live.busy) this.next(live, 0);
  }

  /**
   * A task's result: to the mailbox, stepped in a microtask with the others
   * that arrive in this turn (a Map's items finishing together are applied
   * in one interpreter run instead of one each).
   */
  private deliverSoon(live: Live, signal: Signal): void {
    post(live, signal);
    if (!live.busy) {
      live.busy = true;
      queueMicrotask(() => this.next(live, 0));
    }
  }

  /** a signal from our own work for `live`: straight to its mailbox while it is still the execution's */
  private route(live: Live, signal: Signal): void {
    if (this.live.get(live.rec.executionArn) === live) this.deliver(live, signal);
    else void this.host.signal(live.rec.executionArn, signal);
  }

  /** the clock's call for an armed timer that came due */
  private readonly timerFired = (t: ArmedTimer): void => {
    const live = t.live!;
    live.timers = keyedDelete(live.timers, t.timerId, timerKey);
    this.deliver(live, { type: 'timerFired', timerId: t.timerId });
  };

  /**
   * Every waiting signal, one step each in order on the same state, then ONE
   * transition to commit. With nothing waiting, the execution rests.
   */
  private next(live: Live, attempt: number): void {
    for (;;) {
      const signals = live.mailbox;
      if (!signals || this.closed) { live.busy = false; return; }
      const settled = live.settled;
      live.mailbox = live.settled = undefined;
      live.busy = true;
      const prev = live.rec;
      if (prev.status === 'RUNNING') {
        const env = this.host.env();
        const program = this.host.program(prev.definition, prev.state.info.type);
        const batch = new StepBatch();
        // every waiting signal in one interpreter run on the same state
        batch.addAll(stepAll(program, prev.state, signals, env));
        if (!batch.empty) {
          const rec = nextRecord(prev, prev.state, prev.version + 1, env.now);
          crashPoint('before-commit');
          live.committer.commit(batch.transition(rec, prev.version, this.host.lease(live)),
            new InFlight(this, live, rec, batch.commands, signals, settled, attempt));
          return;
        }
      }
      settle(settled);
    }
  }

  committed(f: InFlight, outcome: TransitionOutcome): void {
    const live = f.live;
    if (f.begun) {
      if (!outcome.ok) { live.busy = false; f.begun.resolve(undefined); return; }
      live.rec = outcome.version === f.rec.version ? f.rec : { ...f.rec, version: outcome.version };
      // one that ended in its first step (a chain of Pass states) never runs here: it is not listed
      if (live.rec.status === 'RUNNING') this.live.set(live.rec.executionArn, live);
      this.run(live, f.commands, undefined);
      f.begun.resolve(live.rec);
      this.next(live, 0);
      return;
    }
    crashPoint('after-commit');
    if (!outcome.ok) { void this.reload(f); return; }
    live.rec = f.rec;
    this.run(live, f.commands, f.signals);
    settle(f.settled);
    this.next(live, 0);
  }

  /** Storage faults are retried, never turned into ASL errors: nothing of the batch was written. */
  failed(f: InFlight, error: unknown): void {
    if (f.begun) { f.live.busy = false; f.begun.reject(error); return; }
    if (this.closed) { settle(f.settled); return; }
    console.error(`switchyard: commit failed for ${f.rec.executionArn}, retrying:`, (error as Error).message);
    setTimeout(() => void this.reload(f), Math.min(1000, 20 * 2 ** f.attempt));
  }

  /** The stored row is the truth: reload it (our copy was stepped in place) and apply the signals again. */
  private async reload(f: InFlight): Promise<void> {
    const live = f.live;
    const arn = live.rec.executionArn;
    const fresh = await live.store.getExecution(arn);
    if (fresh) live.rec = fresh;
    if (fresh && this.host.shared && fresh.status === 'RUNNING') {
      const lease = await live.store.leaseOf(arn);
      if (lease && lease.owner !== this.host.workerId && lease.expiresAt > Date.now()) {
        // another worker runs it now: hand over what only we know, task results
        this.detach(live);
        const results = (f.signals ?? []).flatMap((s) => s.type === 'taskSucceeded' || s.type === 'taskFailed' ? [{
          executionArn: arn, taskId: s.taskId, result: s.type === 'taskSucceeded'
            ? { kind: 'success' as const, output: s.output } : { kind: 'failure' as const, error: s.error, cause: s.cause },
        }] : []);
        if (results.length) await live.store.recordTaskResults(results);
        settle(f.settled);
        this.next(live, 0);
        return;
      }
    }
    if (!fresh) { settle(f.settled); this.next(live, 0); return; }
    // the same signals first, then whatever arrived meanwhile
    live.mailbox = live.mailbox ? [...f.signals!, ...live.mailbox] : f.signals!.slice();
    if (f.settled) live.settled = live.settled ? [...f.settled, ...live.settled] : f.settled;
    this.next(live, f.attempt + 1);
  }

  /** Stops running an execution another worker has taken over (its timers are that worker's now). */
  detach(live: Live): void {
    if (this.live.get(live.rec.executionArn) !== live) return;
    for (const t of keyedValues(live.timers)) this.host.clock.cancel(t);
    live.timers = undefined;
    this.live.delete(live.rec.executionArn);
  }

  /**
   * Runs an execution here from its stored row: its timers, and task work
   * (when `redispatch`). A task whose call was answered already (its
   * TaskSubmitted was written) is dispatched with that answer: its resource
   * waits for the outcome instead of being called again.
   */
  adopt(live: Live, timers: readonly TimerRecord[], tasks: readonly TaskRecord[], redispatch: boolean): void {
    const commands: Command[] = timers.map((t) => ({ type: 'armTimer', timerId: t.timerId, dueAt: t.dueAt }));
    const submitted = redispatch && tasks.length ? submittedCalls(live.rec.state.frames) : undefined;
    for (const t of tasks) {
      if (t.result) {
        void this.host.signal(live.rec.executionArn, t.result.kind === 'success'
          ? { type: 'taskSucceeded', taskId: t.taskId, output: t.result.output }
          : { type: 'taskFailed', taskId: t.taskId, error: t.result.error, cause: t.result.cause });
      } else if (redispatch) {
        const answer = submitted?.get(t.taskId);
        commands.push(answer === undefined ? t.invocation : { ...t.invocation, submitted: answer });
      }
    }
    this.run(live, commands, undefined);
  }

  /** Carries out committed commands; forgets tasks whose results the transition applied; when the execution has ended, releases what it held. */
  private run(live: Live, commands: readonly (Command | undefined)[], signals: readonly Signal[] | undefined): void {
    const clock = this.host.clock;
    for (const c of commands) {
      if (c === undefined) continue;
      switch (c.type) {
        case 'armTimer': {
          // a transition's own timers come as ArmedTimer (its timer rows); recovery's as plain commands
          const t = c instanceof ArmedTimer ? c : new ArmedTimer(c.timerId, c.dueAt);
          t.live = live;
          clock.schedule(c.dueAt, this.timerFired, t);
          live.timers = keyedSet(live.timers, t, timerKey);
          break;
        }
        case 'cancelTimer': {
          const t = keyedGet(live.timers, c.timerId, timerKey);
          if (t) { clock.cancel(t); live.timers = keyedDelete(live.timers, c.timerId, timerKey); }
          break;
        }
        case 'cancelTask':
          keyedGet(live.tasks, c.taskId, taskKey)?.cancel();
          live.tasks = keyedDelete(live.tasks, c.taskId, taskKey);
          break;
        case 'invokeTask':
          this.dispatch(live, c);
          break;
      }
    }
    if (signals && live.tasks) {
      // a callback task's call stays until its result is applied
      for (const s of signals) if (s.type === 'taskSucceeded' || s.type === 'taskFailed') live.tasks = keyedDelete(live.tasks, s.taskId, taskKey);
    }
    if (live.rec.status !== 'RUNNING') {
      this.release(live);
      this.live.delete(live.rec.executionArn);
      callDone(live);
    }
  }

  /** cancels its timers and task calls */
  release(live: Live): void {
    if (live.timers) for (const t of keyedValues(live.timers)) this.host.clock.cancel(t);
    if (live.tasks) for (const call of keyedValues(live.tasks)) call.cancel();
    live.timers = live.tasks = undefined;
  }

  private dispatch(live: Live, c: Extract<Command, { type: 'invokeTask' }>): void {
    const arn = live.rec.executionArn;
    const call = new TaskCall(c.taskId, live, c.taskToken, this.host.engineCalls);
    live.tasks = keyedSet(live.tasks, call, taskKey);
    if (c.family === 'activity') {
      this.host.activities.schedule({ activityArn: c.resource, executionArn: arn, taskId: c.taskId, input: payloadText(c.parameters) }, call.signal);
      return;
    }
    this.host.tasks.invoke(c, call).then((outcome) => {
      if (outcome.usage) this.host.recordUsage(arn, c.stateName, outcome.usage);
      if (call.cancelled) return;
      crashPoint('task-result');
      if (outcome.kind === 'pending') {
        // a callback task that never took its signal has nothing left to cancel: its call is not kept while it is parked
        if (!call.listening) live.tasks = keyedDelete(live.tasks, c.taskId, taskKey);
        if (outcome.submitted !== undefined) this.route(live, { type: 'taskSubmitted', taskId: c.taskId, output: outcome.submitted });
        return;
      }
      live.tasks = keyedDelete(live.tasks, c.taskId, taskKey);
      if (this.live.get(arn) !== live) {
        // the execution moved to another worker while the task ran
        void live.store.recordTaskResults([{ executionArn: arn, taskId: c.taskId, result: outcome.kind === 'success'
          ? { kind: 'success', output: outcome.output } : { kind: 'failure', error: outcome.error, cause: outcome.cause } }]);
        return;
      }
      this.deliverSoon(live, outcome.kind === 'success'
        ? { type: 'taskSucceeded', taskId: c.taskId, output: outcome.output }
        : { type: 'taskFailed', taskId: c.taskId, error: outcome.error, cause: outcome.cause });
    }, (e: unknown) => {
      if (call.cancelled) return;
      live.tasks = keyedDelete(live.tasks, c.taskId, taskKey);
      this.route(live, { type: 'taskFailed', taskId: c.taskId, error: 'States.TaskFailed', cause: String(e) });
    });
  }

  /** Stops timers and task calls without touching stored state (a restart picks them up). */
  close(): void {
    this.closed = true;
    for (const live of this.live.values()) this.release(live);
    this.live.clear();
  }
}
