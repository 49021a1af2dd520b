// One transition of an execution: applies a signal to the state, runs every
// frame that can make progress without the outside world, and collects the
// history events and commands. Mutates the state it is given (the caller owns
// it); does no I/O and reads no clock (time comes from env.now).
import type { Program, StateDef } from '../definition/types.js';
import { stateKey } from '../definition/types.js';
import { StatesError } from '../errors/states-error.js';
import { errorMatches, STATES_ERRORS, isKnownStatesError } from '../errors/table.js';
import {
  DeferredText, exceedsPayloadLimit, keptText, noteFinishedOutput, NOT_TRUNCATED, type PayloadText, payloadText, STATE_ENTERED, surelyFits, textOf,
} from './events.js';
import { EventLog, FORM_DETAIL, FORM_ENTERED, FORM_EXITED, FORM_FIELDS, FORM_NONE } from './event-log.js';
import type { Command, Signal, StepEnv } from './protocol.js';
import { ENTERING, FINISHED, NONE, NO_ATTEMPTS, type ExecState, type Frame } from './state.js';
import { buildContext } from './context.js';
import type { PathScope } from './jsonpath-io.js';
import { FrameScope } from './frame-scope.js';
import { stateIndex } from '../definition/state-index.js';
import { STATE_HANDLERS } from '../states/index.js';
import { ExpressionError } from '../query/jsonata/jsonata.js';

export { MAX_PAYLOAD_BYTES } from './events.js';
export const MAX_HISTORY_EVENTS = 25_000;

/** Errors whose cause AWS prefixes with the state and its entered event id. */
const STATE_PREFIXED = new Set(['States.Runtime', 'States.QueryEvaluationError']);

export class Run {
  /** the events this transition writes */
  readonly log: EventLog;
  readonly commands: Command[] = [];
  /**
   * frame ids to enter, from `readyHead` (an index: shift() is O(n) on large
   * queues) to `readyEnd`; an emptied queue starts over in the same array
   * (a new one would allocate its room again for every state of a chain)
   */
  private readonly ready: string[] = [];
  private readyHead = 0;
  private readyEnd = 0;
  /** payload texts made in this transition, by value: a state's output is the next state's input (a Map: it lives one transition) */
  private texts: Map<object, PayloadText> | undefined;
  private lastValue: object | undefined = undefined;
  private lastText: PayloadText = '';
  /** an event past the history quota was refused; the execution fails */
  private historyFull = false;

  /** `expectedEvents`: how many events the transition is likely to write (the log is made with room for them) */
  constructor(readonly program: Program, readonly state: ExecState, readonly env: StepEnv, expectedEvents?: number) {
    this.log = new EventLog(expectedEvents);
  }

  // ---------------------------------------------------------------- events

  emit(frame: Frame | undefined, type: string, details?: Record<string, unknown>, previousEventId?: number): number {
    let key: string | undefined;
    let extra = false;
    if (details) for (const k in details) { if (key === undefined) key = k; else extra = true; }
    if (extra) return this.append(frame, type, previousEventId, FORM_FIELDS, details, undefined);
    return key === undefined
      ? this.append(frame, type, previousEventId, FORM_NONE, undefined, undefined)
      : this.append(frame, type, previousEventId, FORM_DETAIL, key, details![key]);
  }

  /** emit() with one detail field, `key`: the common case, without a wrapper object. */
  emitDetail(frame: Frame | undefined, type: string, key: string, value: unknown, previousEventId?: number): number {
    return this.append(frame, type, previousEventId, FORM_DETAIL, key, value);
  }

  /** A state's entered event ({name, input, inputDetails}), written without a detail object. */
  emitEntered(frame: Frame, type: string, name: string, input: PayloadText): number {
    return this.append(frame, type, undefined, FORM_ENTERED, name, input);
  }

  /** A state's exited event ({name, output, outputDetails}), written without a detail object. */
  emitExited(frame: Frame, type: string, name: string, output: PayloadText, previousEventId?: number): number {
    return this.append(frame, type, previousEventId, FORM_EXITED, name, output);
  }

  /**
   * Appends an event to the log and answers its id, or the id emit()
   * answers when none is written (a silent frame, a full history).
   */
  private append(frame: Frame | undefined, type: string, previousEventId: number | undefined, form: number, x: unknown, y: unknown): number {
    if (frame?.silent) return 0;
    // AWS quota: 25,000 events per execution history; the last one is the failure
    if (this.state.nextEventId >= MAX_HISTORY_EVENTS && type !== 'ExecutionFailed') {
      this.historyFull = true;
      return this.state.nextEventId - 1;
    }
    const id = this.state.nextEventId++;
    const root = this.state.frames.root;
    const prev = previousEventId ?? (frame ? frame.lastEventId : root?.lastEventId ?? 0);
    this.log.add(id, this.env.now, type, prev, form, x, y);
    if (frame) frame.lastEventId = id;
    else if (root) root.lastEventId = id;
    return id;
  }

  newId(prefix: string): string {
    return `${prefix}${++this.state.seq}`;
  }

  /**
   * A new id for a Map or Parallel child's frame or task: digits only. The
   * state keeps frames and tasks in objects keyed by id, and a key of digits
   * is an element, where other text is a property name the engine interns in
   * a process-wide table first: a Map of 10,000 items makes 20,000 ids.
   */
  newChildId(): string {
    return String(++this.state.seq);
  }

  armTimer(frame: Frame | undefined, dueAt: number): string {
    const timerId = this.newId('t');
    if (this.state.timers === NONE) this.state.timers = {};
    this.state.timers[timerId] = frame ? frame.id : '';
    (this.state.timerDue ??= {})[timerId] = dueAt;
    this.commands.push({ type: 'armTimer', timerId, dueAt });
    return timerId;
  }

  cancelTimer(timerId: string | undefined): void {
    if (!timerId || !(timerId in this.state.timers)) return;
    delete this.state.timers[timerId];
    delete this.state.timerDue?.[timerId];
    this.commands.push({ type: 'cancelTimer', timerId });
  }

  // ---------------------------------------------------------------- frames

  /** the program's states by scope and name, looked up once per step */
  private index: ReturnType<typeof stateIndex> | undefined;

  def(frame: Frame): StateDef {
    const d = (this.index ??= stateIndex(this.program)).get(frame.scopeKey)?.get(frame.stateName)
      ?? this.program.compiled.get(stateKey(frame.scopeKey, frame.stateName)) as StateDef | undefined;
    if (!d) throw new Error(`no state '${frame.stateName}' in scope '${frame.scopeKey}'`);
    return d;
  }

  addFrame(frame: Frame): void {
    this.state.frames[frame.id] = frame;
    this.ready[this.readyEnd++] = frame.id;
  }

  scope(frame: Frame, input: unknown): PathScope {
    return new FrameScope(this, frame, input);
  }

  /** The context object ($$) of a frame's current state. */
  context(frame: Frame): unknown {
    return buildContext(this.state.info, frame, this.def(frame), this.env.now);
  }

  /**
   * A payload as history writes it (payloadText), made once per value in
   * this transition. Sound because the interpreter never mutates a value
   * once made: ResultPath and templates build new objects. With
   * env.deferTexts an object's text is not written here: the store writes it
   * when the history is read (DeferredText).
   */
  payload(value: unknown): PayloadText {
    if (typeof value !== 'object' || value === null) return payloadText(value);
    if (value === this.lastValue) return this.lastText;
    const t = this.texts?.get(value) ?? keptText(value) ?? (this.env.deferTexts ? new DeferredText(value) : payloadText(value));
    // the last value's text is kept in two fields; a Map is made when a second value comes
    if (this.lastValue !== undefined) (this.texts ??= new Map()).set(this.lastValue, this.lastText);
    this.lastValue = value;
    this.lastText = t;
    return t;
  }

  /** payload() written out: the text itself */
  text(value: unknown): string {
    return textOf(this.payload(value));
  }

  /** the payload text of `value` if this transition or an earlier one wrote it already */
  private writtenText(value: object): string | undefined {
    const t = value === this.lastValue ? this.lastText : this.texts?.get(value) ?? keptText(value);
    return t === undefined || typeof t === 'string' ? t : t.known;
  }

  /** Runs every ready frame until all wait on the outside world. */
  drain(): void {
    while (this.readyHead < this.readyEnd && this.state.status === 'RUNNING' && !this.historyFull) {
      const frame = this.state.frames[this.ready[this.readyHead++]!];
      if (this.readyHead === this.readyEnd) this.readyHead = this.readyEnd = 0;
      if (!frame || frame.phase.kind !== 'entering') continue;
      this.enter(frame);
    }
    if (this.historyFull && this.state.status === 'RUNNING') {
      const cause = `The execution reached the maximum number of history events (${MAX_HISTORY_EVENTS}).`;
      this.finishExecution('FAILED', 'ExecutionFailed', { executionFailedEventDetails: { error: 'States.Runtime', cause } });
      this.state.error = 'States.Runtime';
      this.state.cause = cause;
    }
  }

  private enter(frame: Frame): void {
    const def = this.def(frame);
    frame.enteredPreviousId = frame.lastEventId;
    // a silent frame writes no event: its input text is not needed
    // a Map state writes its input re-serialised; other states echo the text they were given
    frame.enteredEventId = frame.silent ? 0
      : this.emitEntered(frame, STATE_ENTERED[def.type], def.name, def.type === 'Map' ? JSON.stringify(frame.input) : this.payload(frame.input));
    frame.enteredTime = this.env.now;
    // the shared empty array until a retry counts (run.stateFailed copies it on first write)
    if (frame.retryAttempts.length !== 0) frame.retryAttempts = NO_ATTEMPTS;
    frame.retryCount = 0;
    try {
      STATE_HANDLERS[def.type].enter(this, frame, def);
    } catch (e) {
      if (!(e instanceof StatesError)) throw e;
      this.stateFailed(frame, def, e.error, e.cause, e);
    }
  }

  /** Runs a piece of a state's work, turning a StatesError into the state's error handling. */
  guard(frame: Frame, def: StateDef, work: () => void): void {
    try {
      work();
    } catch (e) {
      if (!(e instanceof StatesError)) throw e;
      this.stateFailed(frame, def, e.error, e.cause, e);
    }
  }

  /** Leaves a state with its output: writes XStateExited and moves on. */

  transition(frame: Frame, _def: StateDef, output: unknown, next: string | undefined): void {
    if (next === undefined) { this.frameSucceeded(frame, output); return; }
    frame.stateName = next;
    frame.input = output;
    frame.phase = ENTERING;
    this.ready[this.readyEnd++] = frame.id;
  }

  /**
   * Whether a payload is over the quota. Its text is measured when it is
   * written already; otherwise a value whose size is surely within the quota
   * (an upper bound, counted without writing) passes, unless its frame writes
   * the text for its history now anyway.
   */
  exceedsLimit(frame: Frame, value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return exceedsPayloadLimit(payloadText(value));
    const written = this.writtenText(value);
    if (written !== undefined) return exceedsPayloadLimit(written);
    if ((frame.silent || this.env.deferTexts) && surelyFits(value)) return false;
    return exceedsPayloadLimit(this.text(value));
  }

  checkSize(frame: Frame, def: StateDef, output: unknown): void {
    if (this.exceedsLimit(frame, output)) {
      throw new StatesError('States.DataLimitExceeded',
        `The state/task '${def.name}' returned a result with a size exceeding the maximum number of bytes service limit.`);
    }
  }

  frameSucceeded(frame: Frame, output: unknown): void {
    frame.phase = FINISHED;
    if (!frame.parentId) {
      const text = this.payload(output);
      // the engine writes the execution's output text too (DescribeExecution): it finds this one rather than making another
      noteFinishedOutput(output, text);
      this.finishExecution('SUCCEEDED', 'ExecutionSucceeded', {
        executionSucceededEventDetails: { output: text, outputDetails: NOT_TRUNCATED },
      });
      this.state.output = output;
      return;
    }
    const parent = this.state.frames[frame.parentId]!;
    delete this.state.frames[frame.id];
    STATE_HANDLERS[this.def(parent).type].childSucceeded?.(this, parent, this.def(parent), frame, output);
  }

  /**
   * A frame failed. `closing` writes the events that close its last state
   * (a Task's TaskStateAborted); the parent decides where they go.
   */
  frameFailed(frame: Frame, error: string, cause: string | undefined, closing?: () => void): void {
    frame.phase = FINISHED;
    if (!frame.parentId) {
      const details: Record<string, unknown> = {};
      if (error !== undefined) details.error = error;
      if (cause !== undefined) details.cause = cause;
      this.finishExecution('FAILED', 'ExecutionFailed', { executionFailedEventDetails: details });
      this.state.error = error;
      this.state.cause = cause;
      return;
    }
    const parent = this.state.frames[frame.parentId]!;
    delete this.state.frames[frame.id];
    STATE_HANDLERS[this.def(parent).type].childFailed?.(this, parent, this.def(parent), frame, error, cause, closing);
  }

  /** A state raised an error: Retry, then Catch, then the frame fails. */
  stateFailed(frame: Frame, def: StateDef, error: string, cause: string | undefined, source?: StatesError, leaving?: () => void): void {
    if (STATE_PREFIXED.has(error) && source) {
      cause = `An error occurred while executing the state '${def.name}' (entered at the event id #${frame.enteredEventId}). ${cause ?? ''}`;
      if (error === 'States.QueryEvaluationError') {
        this.emit(frame, 'EvaluationFailed', {
          evaluationFailedEventDetails: { error, cause, ...(source.location ? { location: source.location } : {}), state: def.name },
        }, source instanceof ExpressionError ? frame.enteredPreviousId : undefined);
        // a Map state that fails evaluating its own fields closes with MapStateFailed
        if (def.type === 'Map' && !leaving) leaving = () => this.emit(frame, 'MapStateFailed');
      }
    }
    const terminal = isKnownStatesError(error) && STATES_ERRORS[error].terminal;
    if (!terminal) {
      const ri = def.retry.findIndex((r) => r.errorEquals.some((p) => errorMatches(p, error)));
      if (ri >= 0) {
        const r = def.retry[ri]!;
        const attempts = frame.retryAttempts[ri] ?? 0;
        if (attempts < r.maxAttempts) {
          if (frame.retryAttempts === NO_ATTEMPTS) frame.retryAttempts = [];
          frame.retryAttempts[ri] = attempts + 1;
          frame.retryCount += 1;
          let delay = r.intervalSeconds * Math.pow(r.backoffRate, attempts);
          if (r.maxDelaySeconds !== undefined) delay = Math.min(delay, r.maxDelaySeconds);
          if (r.jitterStrategy === 'FULL') delay = this.env.random() * delay;
          const timerId = this.armTimer(frame, this.env.now + Math.round(delay * 1000));
          frame.phase = { kind: 'retrying', timerId };
          return;
        }
      }
      const catcher = def.catch.find((c) => c.errorEquals.some((p) => errorMatches(p, error)));
      leaving?.();
      if (catcher) {
        const handler = STATE_HANDLERS[def.type];
        this.guard(frame, def, () => handler.caught(this, frame, def, catcher, error, cause));
        return;
      }
    }
    if (terminal) leaving?.();
    // AWS closes a Task that fails inside a branch or iteration with
    // TaskStateAborted, chained to the failure; the events that follow
    // (ParallelStateFailed, a retry's ParallelStateStarted) chain to the
    // failure too, not to the abort.
    const anchor = frame.lastEventId;
    const closing = frame.parentId && def.type === 'Task' ? () => { this.emit(frame, 'TaskStateAborted', undefined, anchor); } : undefined;
    this.frameFailed(frame, error, cause, closing);
  }

  // ---------------------------------------------------------------- execution

  finishExecution(status: ExecState['status'], type: string, details: Record<string, unknown>): void {
    if (this.state.status !== 'RUNNING') return;
    this.emit(undefined, type, details);
    this.state.status = status;
    this.releaseAll();
    // a succeeded execution is never stepped or redriven again: of its state only the output stays read
    // (its frames, their inputs and variables would otherwise be kept with the record for the retention period)
    if (status === 'SUCCEEDED') this.state.frames = NONE;
  }

  /** Cancels every outstanding task and timer (the execution ended). */
  private releaseAll(): void {
    if (this.state.tasks !== NONE) for (const taskId of Object.keys(this.state.tasks)) this.commands.push({ type: 'cancelTask', taskId });
    if (this.state.timers !== NONE) for (const timerId of Object.keys(this.state.timers)) this.commands.push({ type: 'cancelTimer', timerId });
    this.state.tasks = NONE;
    this.state.timers = NONE;
    this.state.timerDue = undefined;
  }

  private forgetTimer(timerId: string): void {
    delete this.state.timers[timerId];
    delete this.state.timerDue?.[timerId];
  }

  /** A task's timeout or heartbeat timer: the frame it belongs to and that frame's running task. */
  private taskTimer(timerId: string): Frame | undefined {
    const frame = this.state.frames[this.state.timers[timerId] ?? ''];
    const phase = frame?.phase;
    return phase?.kind === 'task' && (phase.timeoutTimerId === timerId || phase.heartbeatTimerId === timerId) ? frame : undefined;
  }

  /**
   * When a task's timer fires, every task timer due at the same instant
   * fires with it, in the order they were armed: AWS writes all their
   * TaskTimedOut events before it handles the first failure (a Map whose
   * iterations share a TimeoutSeconds records four TaskTimedOut, then
   * MapIterationFailed). Empty when the timer is not a task's.
   */
  private taskTimersDueWith(timerId: string): string[] {
    if (!this.taskTimer(timerId)) return [];
    const due = this.state.timerDue?.[timerId];
    if (due === undefined) return [timerId];
    const seq = (id: string): number => Number(id.slice(1));
    return Object.keys(this.state.timers)
      .filter((id) => id === timerId || (this.state.timerDue?.[id] === due && this.taskTimer(id)))
      .sort((a, b) => seq(a) - seq(b));
  }

  private expireTasks(timerIds: readonly string[]): void {
    const failures: { frame: Frame; fail: () => void }[] = [];
    for (const timerId of timerIds) {
      const frame = this.taskTimer(timerId)!;
      this.forgetTimer(timerId);
      // the engine fires each timer once; those handled here early must not fire again
      this.commands.push({ type: 'cancelTimer', timerId });
      const def = this.def(frame);
      const fail = STATE_HANDLERS[def.type].expire?.(this, frame, def, timerId);
      if (fail) failures.push({ frame, fail });
    }
    for (const { frame, fail } of failures) {
      // a failure handled before may have aborted this frame already
      if (this.state.status !== 'RUNNING' || this.state.frames[frame.id] !== frame || frame.phase.kind === 'finished') continue;
      this.guard(frame, this.def(frame), fail);
    }
  }

  apply(signal: Signal): void {
    if (this.state.status !== 'RUNNING') return;
    switch (signal.type) {
      case 'stop': {
        const details: Record<string, unknown> = {};
        if (signal.error !== undefined) details.error = signal.error;
        if (signal.cause !== undefined) details.cause = signal.cause;
        this.finishExecution('ABORTED', 'ExecutionAborted', { executionAbortedEventDetails: details });
        this.state.error = signal.error;
        this.state.cause = signal.cause;
        return;
      }
      case 'timerFired': {
        const frameId = this.state.timers[signal.timerId];
        if (frameId === undefined) return;
        if (frameId === '') {
          this.forgetTimer(signal.timerId);
          this.finishExecution('TIMED_OUT', 'ExecutionTimedOut', { executionTimedOutEventDetails: {} });
          return;
        }
        const expiring = this.taskTimersDueWith(signal.timerId);
        if (expiring.length) { this.expireTasks(expiring); break; }
        this.forgetTimer(signal.timerId);
        const frame = this.state.frames[frameId];
        if (!frame) return;
        const def = this.def(frame);
        if (frame.phase.kind === 'retrying' && frame.phase.timerId === signal.timerId) {
          this.guard(frame, def, () => STATE_HANDLERS[def.type].retry(this, frame, def));
        } else {
          this.guard(frame, def, () => STATE_HANDLERS[def.type].timer?.(this, frame, def, signal.timerId));
        }
        break;
      }
      default: {
        const frameId = this.state.tasks[signal.taskId];
        const frame = frameId === undefined ? undefined : this.state.frames[frameId];
        if (!frame) return;
        const def = this.def(frame);
        this.guard(frame, def, () => STATE_HANDLERS[def.type].task?.(this, frame, def, signal));
      }
    }
    this.drain();
  }
}
