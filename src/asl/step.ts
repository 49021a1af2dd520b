// The pure interpreter's entry points (DESIGN.md): start(program, info, env)
// and step(program, state, signal, env) -> { state, events, commands }.
// The given state is taken over and updated in place; no I/O, no clock.
import type { Program } from './definition/types.js';
import type { HistoryEvent } from './execution/events.js';
import { keepRawText, NOT_TRUNCATED } from './execution/events.js';
import type { Command, Signal, StepEnv } from './execution/protocol.js';
import { ENTERING, NONE, NO_ATTEMPTS, type ExecState, type ExecutionInfo, type Frame } from './execution/state.js';
import { Run } from './execution/run.js';
import type { EventLog } from './execution/event-log.js';

export const EXPRESS_MAX_SECONDS = 300;

/** the most states a start's event log is made with room for (a larger machine's log grows as it writes) */
const MAX_EXPECTED_STATES = 32;

export interface StepResult {
  readonly state: ExecState;
  /** the events, as objects */
  readonly events: readonly HistoryEvent[];
  /** the same events as the interpreter wrote them (absent from results made otherwise) */
  readonly log?: EventLog;
  readonly commands: readonly Command[];
}

/** a step's result: its events are made as objects when first read */
export class Stepped implements StepResult {
  constructor(readonly state: ExecState, readonly log: EventLog, readonly commands: readonly Command[]) {}
  get events(): readonly HistoryEvent[] { return this.log.events(); }
}

class SteppedAll extends Stepped {
  constructor(state: ExecState, log: EventLog, commands: readonly Command[], readonly applied: readonly Signal[]) { super(state, log, commands); }
}

export function start(program: Program, info: ExecutionInfo, env: StepEnv): StepResult {
  // every field it may get is in the literal (output: undefined): a field added later takes a separate property array
  const state: ExecState = { info, status: 'RUNNING', nextEventId: 1, seq: 0, frames: {}, tasks: NONE, timers: NONE, timerDue: undefined, output: undefined };
  // a start runs as far as it goes without waiting: a chain of states writes two events each, and its start and end
  const run = new Run(program, state, env, 2 + 2 * Math.min(program.root.states.size, MAX_EXPECTED_STATES));
  keepRawText(info.input, info.inputText);
  run.emit(undefined, 'ExecutionStarted', {
    executionStartedEventDetails: { input: info.inputText, inputDetails: NOT_TRUNCATED, roleArn: info.roleArn },
  });
  // every field a frame gets is in the literal (one added later would give the frame a separate property array)
  const root: Frame = {
    id: 'root', slot: 0, scopeKey: '', stateName: program.root.startAt, input: info.input,
    lastEventId: 0, enteredEventId: 0, enteredPreviousId: 0, enteredTime: env.now, retryAttempts: NO_ATTEMPTS, retryCount: 0,
    phase: ENTERING, vars: NONE, silent: false, taskToken: undefined,
  };
  // AWS writes the first state's entered event with previousEventId 0
  state.frames.root = root;
  // EXPRESS executions run for five minutes at most (AWS quota)
  const timeout = info.type === 'EXPRESS' ? Math.min(program.timeoutSeconds ?? EXPRESS_MAX_SECONDS, EXPRESS_MAX_SECONDS) : program.timeoutSeconds;
  if (timeout !== undefined) state.timeoutTimerId = run.armTimer(undefined, env.now + timeout * 1000);
  run.addFrame(root);
  run.drain();
  return new Stepped(state, run.log, run.commands);
}

export function step(program: Program, state: ExecState, signal: Signal, env: StepEnv): StepResult {
  const run = new Run(program, state, env);
  run.apply(signal);
  return new Stepped(state, run.log, run.commands);
}

/**
 * step() for several signals, one after another on the same state: one
 * result with the events and commands of all, and `applied`, the signals
 * whose steps produced anything (the others changed nothing).
 */
export function stepAll(program: Program, state: ExecState, signals: readonly Signal[], env: StepEnv): StepResult & { readonly applied: readonly Signal[] } {
  const run = new Run(program, state, env);
  const applied: Signal[] = [];
  for (let i = 0; i < signals.length; i++) {
    const events = run.log.count;
    const commands = run.commands.length;
    run.apply(signals[i]!);
    if (run.log.count !== events || run.commands.length !== commands) applied.push(signals[i]!);
  }
  return new SteppedAll(state, run.log, run.commands, applied);
}

export type {
  ChildDescription, Command, EngineCalls, Signal, StepEnv, TaskContext, TaskInvocation, TaskOutcome, TokenUsage,
} from './execution/protocol.js';
export type { ExecState, ExecutionInfo } from './execution/state.js';
export type { HistoryEvent } from './execution/events.js';
export type { Program } from './definition/types.js';
