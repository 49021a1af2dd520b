// The store write of one transition. The engine may apply several signals of
// one execution one after another (each a `step` on the same state) and
// commit them together: their events in order, and the net effect of their
// commands. A timer armed and cancelled, or a task scheduled and cancelled,
// within the same transition is neither written nor carried out.
import { type Command, EventLog, type ExecState, type HistoryEvent, type Signal, type StepResult, payloadOf } from '../asl/index.js';
import type { ExecutionRecord, Lease, StoredExecution, TaskInvocation, Transition } from '../store/durable-store.js';
import { ArmedTimer } from './live.js';

/** the key a cancel looks for, of a command that arms a timer or schedules a task */
const heldKey = (c: Command): string | undefined =>
  c.type === 'armTimer' ? 't' + c.timerId : c.type === 'invokeTask' ? 'k' + c.taskId : undefined;

/** whether `cancel` undoes `c`: the arm of its timer, the schedule of its task */
const undoes = (cancel: Extract<Command, { type: 'cancelTimer' | 'cancelTask' }>, c: Command | undefined): boolean =>
  cancel.type === 'cancelTimer' ? c?.type === 'armTimer' && c.timerId === cancel.timerId : c?.type === 'invokeTask' && c.taskId === cancel.taskId;

export class StepBatch {
  /** the steps' events: the first step's log, or one made once a second step adds events to it */
  private log: EventLog | undefined;
  private ownLog = false;
  /** the commands to carry out after the commit, in order; undefined where a later command undid one */
  readonly commands: (Command | undefined)[] = [];
  /** index in `commands` of timers armed and tasks scheduled within the batch, by id; made when a cancel needs it */
  private held: Map<string, number> | undefined;
  private timersFired: string[] | undefined;
  private tasksApplied: string[] | undefined;
  private tasksStarted: string[] | undefined;

  /** true when no step produced anything: nothing to write */
  get empty(): boolean { return this.log === undefined && this.commands.length === 0; }

  /** folds one step in; a step that produced nothing writes nothing, not even its signal's timer or task */
  add(signal: Signal | undefined, r: StepResult): void {
    // results made by hand (tests) carry events only
    const log = r.log ?? (r.events.length ? EventLog.of(r.events) : undefined);
    const count = log === undefined ? 0 : log.count;
    if (!count && !r.commands.length) return;
    if (count) {
      if (this.log === undefined) this.log = log;
      else {
        // the first step's log is the interpreter's: copied once before appending to it
        if (!this.ownLog) { const own = new EventLog(); own.append(this.log); this.log = own; this.ownLog = true; }
        this.log.append(log!);
      }
    }
    for (let i = 0; i < r.commands.length; i++) {
      const c = r.commands[i]!;
      if (c.type === 'cancelTimer' || c.type === 'cancelTask') { this.undo(c); continue; }
      if (this.held) { const k = heldKey(c); if (k) this.held.set(k, this.commands.length); }
      this.commands.push(c);
    }
    if (signal !== undefined) this.applied(signal);
  }

  /** folds in the result of several signals' steps (stepAll): `applied` are the ones whose steps produced anything */
  addAll(r: StepResult & { readonly applied: readonly Signal[] }): void {
    this.add(undefined, r);
    for (let i = 0; i < r.applied.length; i++) this.applied(r.applied[i]!);
  }

  /** what a signal that changed the execution does to its rows: its timer fired, its task's result applied or started */
  private applied(signal: Signal): void {
    if (signal.type === 'timerFired') (this.timersFired ??= []).push(signal.timerId);
    else if (signal.type === 'taskSucceeded' || signal.type === 'taskFailed') (this.tasksApplied ??= []).push(signal.taskId);
    else if (signal.type === 'taskStarted') (this.tasksStarted ??= []).push(signal.taskId);
  }

  /** a cancel undoes an arm or a schedule of the same batch; else it is carried out */
  private undo(c: Extract<Command, { type: 'cancelTimer' | 'cancelTask' }>): void {
    let i: number | undefined;
    if (!this.held && this.commands.length <= 16) {
      for (let j = 0; j < this.commands.length; j++) if (undoes(c, this.commands[j])) { i = j; break; }
    } else {
      // many arms and schedules (a Map's children): index them once, then as they come
      if (!this.held) {
        this.held = new Map();
        this.commands.forEach((h, j) => { const k = h && heldKey(h); if (k) this.held!.set(k, j); });
      }
      const key = c.type === 'cancelTimer' ? 't' + c.timerId : 'k' + c.taskId;
      i = this.held.get(key);
      this.held.delete(key);
    }
    if (i === undefined) { this.commands.push(c); return; }
    this.commands[i] = undefined;
  }

  /** the transition that writes the batch on top of `expectedVersion` */
  transition(execution: ExecutionRecord, expectedVersion: number, lease: Lease | undefined): Transition {
    let timersArmed: { timerId: string; dueAt: number }[] | undefined;
    let timersCancelled: string[] | undefined = this.timersFired;
    let tasksScheduled: TaskInvocation[] | undefined;
    let tasksDeleted: string[] | undefined = this.tasksApplied;
    for (let i = 0; i < this.commands.length; i++) {
      const c = this.commands[i];
      if (c === undefined) continue;
      if (c.type === 'armTimer') {
        // the timer row written and the timer the engine arms once it is committed: one object
        const t = c instanceof ArmedTimer ? c : (this.commands[i] = new ArmedTimer(c.timerId, c.dueAt));
        (timersArmed ??= []).push(t);
      }
      else if (c.type === 'cancelTimer') (timersCancelled ??= []).push(c.timerId);
      else if (c.type === 'invokeTask') (tasksScheduled ??= []).push(c);
      else (tasksDeleted ??= []).push(c.taskId);
    }
    return new LoggedTransition(execution, expectedVersion, this.log ?? NO_EVENTS, timersArmed, timersCancelled, tasksScheduled, tasksDeleted,
      this.tasksStarted, lease);
  }
}

const NO_EVENTS = new EventLog();

/** a transition whose events are the interpreter's log, made into objects only for a store that reads them so */
class LoggedTransition implements Transition {
  constructor(
    readonly execution: ExecutionRecord,
    readonly expectedVersion: number,
    readonly log: EventLog,
    readonly timersArmed: { timerId: string; dueAt: number }[] | undefined,
    readonly timersCancelled: string[] | undefined,
    readonly tasksScheduled: TaskInvocation[] | undefined,
    readonly tasksDeleted: string[] | undefined,
    readonly tasksStarted: string[] | undefined,
    readonly lease: Lease | undefined,
  ) {}

  get events(): readonly HistoryEvent[] { return this.log.events(); }
}

/**
 * The execution row after a transition: one new object (the committed one is
 * never changed: readers and the in-memory store hold it). Rows have two
 * shapes, each always with the same fields: a running row has no stop date,
 * output or error fields (a parked execution's row is 4 fields smaller); a
 * stopped row has them all. `cleared`: a redrive, the stop date, output and
 * error of the previous run go.
 */
export function nextRecord(prev: ExecutionRecord, state: ExecState, version: number, now: number, cleared = false): StoredExecution {
  const done = state.status !== 'RUNNING';
  if (!done && (cleared || (prev.stopDate === undefined && prev.outputText === undefined && prev.error === undefined && prev.cause === undefined))) {
    return {
      executionArn: prev.executionArn,
      stateMachineArn: prev.stateMachineArn,
      name: prev.name,
      startDate: prev.startDate,
      inputText: prev.inputText,
      status: state.status,
      state,
      definition: prev.definition,
      version,
    };
  }
  return {
    executionArn: prev.executionArn,
    stateMachineArn: prev.stateMachineArn,
    name: prev.name,
    startDate: prev.startDate,
    inputText: prev.inputText,
    status: state.status,
    stopDate: done ? now : cleared ? undefined : prev.stopDate,
    outputText: done && state.status === 'SUCCEEDED' ? payloadOf(state.output) : cleared ? undefined : prev.outputText,
    error: done ? state.error : cleared ? undefined : prev.error,
    cause: done ? state.cause : cleared ? undefined : prev.cause,
    state,
    definition: prev.definition,
    version,
  };
}
