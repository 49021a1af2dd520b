// TestState (AWS "Using TestState API to test a state"): runs ONE state of a
// definition through the interpreter, with a mocked or real task result, and
// reports its status (SUCCEEDED, FAILED, RETRIABLE, CAUGHT_ERROR), output,
// next state and, at DEBUG/TRACE, the data after each processing step.
// Pure: the one task call an unmocked Task needs is made by the caller.
import type { Program, StateDef } from '../definition/types.js';
import { stateKey } from '../definition/types.js';
import { invalidDefinitionMessage, parseDefinition } from '../parse/parse.js';
import { Run } from '../execution/run.js';
import type { Command, StepEnv } from '../execution/protocol.js';
import type { ExecState, ExecutionInfo, Frame } from '../execution/state.js';
import { payloadText } from '../execution/events.js';
import { errorMatches, isKnownStatesError, STATES_ERRORS } from '../errors/table.js';
import { parseKeepingText } from './raw-json.js';
import { checkContext, checkMockShape, type TestStateProblem } from './checks.js';
import { inspectInput, inspectMap, inspectResult, type MapInspection } from './inspect.js';

export type { TestStateProblem } from './checks.js';
export type TaskInvocation = Extract<Command, { type: 'invokeTask' }>;

export interface TestStateRequest {
  readonly definition: string;
  readonly stateName?: string;
  readonly roleArn?: string;
  readonly input?: string;
  readonly variables?: string;
  readonly context?: string;
  readonly inspectionLevel?: 'INFO' | 'DEBUG' | 'TRACE';
  readonly revealSecrets?: boolean;
  readonly mock?: {
    readonly result?: string;
    readonly errorOutput?: { readonly error?: string; readonly cause?: string };
    readonly fieldValidationMode?: 'STRICT' | 'PRESENT' | 'NONE';
  };
  readonly stateConfiguration?: {
    readonly retrierRetryCount?: number;
    readonly errorCausedByState?: string;
    readonly mapIterationFailureCount?: number;
    readonly mapItemReaderData?: string;
  };
  readonly region: string;
  readonly account: string;
}

export type TaskOutcome =
  | { readonly kind: 'success'; readonly output: unknown }
  | { readonly kind: 'failure'; readonly error?: string; readonly cause?: string };

export interface TestStateResult {
  readonly status: 'SUCCEEDED' | 'FAILED' | 'RETRIABLE' | 'CAUGHT_ERROR';
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly nextState?: string;
  readonly inspectionData?: Record<string, unknown>;
}

/** The name AWS gives a state tested on its own. */
const LONE_STATE = 'StateName';
const MOCK_RESOURCE = 'arn:aws:states:::switchyard:testState.mock';
const invalid = (message: string): TestStateProblem => ({ code: 'ValidationException', message });

/** What the single-state run observed. */
interface Probe {
  exit?: { output: unknown; next?: string };
  failure?: { error: string; cause?: string };
}

/** A run that stops when the state under test leaves (it never enters the next one). */
class SingleStateRun extends Run {
  constructor(program: Program, state: ExecState, env: StepEnv, private readonly probe: Probe, private readonly fixedContext: unknown,
    private readonly retriesSoFar: number) {
    super(program, state, env);
  }

  override transition(frame: Frame, _def: StateDef, output: unknown, next: string | undefined): void {
    this.probe.exit = { output, next };
    frame.phase = { kind: 'finished' };
  }

  override context(frame: Frame): unknown {
    return this.fixedContext === undefined ? super.context(frame) : this.fixedContext;
  }

  override stateFailed(...args: Parameters<Run['stateFailed']>): void {
    const [frame, def, error, cause] = args;
    this.probe.failure = { error, cause };
    // stateConfiguration.retrierRetryCount: the retries made before this attempt (entering a state resets them)
    frame.retryAttempts = def.retry.map(() => this.retriesSoFar);
    frame.retryCount = this.retriesSoFar;
    super.stateFailed(...args);
  }
}

/** States a lone state names (Next, Default, Choices, Catch) become Succeed stubs, so the wrapper parses. */
function targetsOf(st: Record<string, any>): string[] {
  const out = [st.Next, st.Default];
  for (const c of Array.isArray(st.Choices) ? st.Choices : []) out.push(c?.Next);
  for (const c of Array.isArray(st.Catch) ? st.Catch : []) out.push(c?.Next);
  return out.filter((n): n is string => typeof n === 'string' && n !== LONE_STATE);
}

function locate(req: TestStateRequest): TestStateProblem | { program: Program; def: StateDef } {
  let text = req.definition;
  if (req.stateName === undefined) {
    let raw: unknown;
    try { raw = JSON.parse(text); } catch (e) {
      return { code: 'InvalidDefinition', message: `Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${(e as Error).message}'` };
    }
    const st = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, any>;
    const states: Record<string, unknown> = { [LONE_STATE]: st };
    for (const t of targetsOf(st)) states[t] ??= { Type: 'Succeed' };
    text = JSON.stringify({ StartAt: LONE_STATE, States: states });
  }
  const parsed = parseDefinition(text, { type: 'STANDARD' });
  if (!parsed.program) return { code: 'InvalidDefinition', message: invalidDefinitionMessage(parsed.diagnostics) };
  const name = req.stateName ?? LONE_STATE;
  for (const def of parsed.program.compiled.values()) {
    const d = def as StateDef;
    if (d && typeof d === 'object' && d.name === name && typeof d.type === 'string' && d.raw) return { program: parsed.program, def: d };
  }
  return invalid('State not found in definition');
}

function parseJson(text: string, what: string): { value: unknown } | TestStateProblem {
  try { return { value: parseKeepingText(text) }; } catch { return invalid(`${what} must be valid JSON`); }
}

/**
 * The state as TestState runs it. A Map or Parallel state runs as a Task
 * whose result is the mock (its iterations or branches do not run); a Pass
 * state with a Result ignores its Parameters, as AWS does.
 */
function underTest(def: StateDef): StateDef {
  if (def.type === 'Map' || def.type === 'Parallel') {
    const raw: Record<string, any> = { ...def.raw, Type: 'Task', Resource: MOCK_RESOURCE };
    for (const k of ['Parameters', 'Arguments', 'ItemSelector', 'Items', 'ItemsPath', 'Branches', 'ItemProcessor', 'Iterator', 'ItemReader', 'ItemBatcher', 'ResultWriter']) delete raw[k];
    return { ...def, type: 'Task', raw };
  }
  if (def.type === 'Pass' && def.raw.Result !== undefined && def.raw.Parameters !== undefined) {
    const raw = { ...def.raw };
    delete raw.Parameters;
    return { ...def, raw };
  }
  return def;
}

export class PreparedTestState {
  private readonly probe: Probe = {};
  private readonly state: ExecState;
  private readonly frame: Frame;
  private readonly program: Program;
  private readonly mapInspection?: MapInspection;
  private retryDelayMs?: number;
  private mocked?: TaskOutcome;
  /** the task the state scheduled */
  private scheduled?: TaskInvocation;

  /** the synthetic execution the state runs in ($$.Execution) */
  get info(): ExecutionInfo {
    return this.state.info;
  }

  /** the task call to make before finish(), when the state is a Task whose result is not mocked */
  get invocation(): TaskInvocation | undefined {
    return this.mocked ? undefined : this.scheduled;
  }

  constructor(private readonly req: TestStateRequest, private readonly original: StateDef, program: Program,
    private readonly def: StateDef, input: unknown, variables: Record<string, unknown>, private readonly context: unknown,
    mockResult: { value: unknown } | undefined, private readonly env: StepEnv) {
    const compiled = new Map(program.compiled);
    compiled.set(stateKey(def.scopeKey, def.name), def);
    this.program = { ...program, compiled };
    const smName = env.uuid();
    const execName = env.uuid();
    const info: ExecutionInfo = {
      executionArn: `arn:aws:states:${req.region}:${req.account}:express:${smName}:${execName}`, name: execName,
      stateMachineArn: `arn:aws:states:${req.region}:${req.account}:stateMachine:${smName}`, stateMachineName: smName,
      // AWS shows $$.Execution.RoleArn as null when the request names no role
      roleArn: (req.roleArn ?? null) as string, startTime: new Date(env.now).toISOString(), input, inputText: req.input ?? '{}',
      redriveCount: 0, region: req.region, account: req.account, type: 'EXPRESS',
    };
    this.frame = {
      id: 'root', slot: 0, scopeKey: def.scopeKey, stateName: def.name, input, lastEventId: 0, enteredEventId: 0,
      enteredTime: env.now, retryAttempts: [], retryCount: 0, phase: { kind: 'entering' },
      vars: { ...variables }, silent: false,
    };
    this.state = { info, status: 'RUNNING', nextEventId: 1, seq: 0, frames: { root: this.frame }, tasks: {}, timers: {} };
    const run = this.run();
    if (original.type === 'Map') {
      const reader = req.stateConfiguration?.mapItemReaderData;
      this.mapInspection = inspectMap(run, this.frame, original, reader === undefined ? undefined : parseKeepingText(reader));
    }
    run.addFrame(this.frame);
    run.drain();
    const phase = this.frame.phase;
    if (phase.kind === 'waiting') this.run().apply({ type: 'timerFired', timerId: phase.timerId });
    if (this.frame.phase.kind !== 'task') return;
    const taskId = this.frame.phase.taskId;
    this.scheduled = run.commands.find((c): c is TaskInvocation => c.type === 'invokeTask' && c.taskId === taskId);
    this.mocked = this.mockOutcome(mockResult);
  }

  private run(): SingleStateRun {
    return new SingleStateRun(this.program, this.state, this.env, this.probe, this.context, this.req.stateConfiguration?.retrierRetryCount ?? 0);
  }

  private mockOutcome(mockResult: { value: unknown } | undefined): TaskOutcome | undefined {
    const map = this.mapInspection;
    if (map?.error) return { kind: 'failure', error: map.error.error, cause: map.error.cause };
    const errorOutput = this.req.mock?.errorOutput;
    if (errorOutput) return { kind: 'failure', error: errorOutput.error, cause: errorOutput.cause };
    if (!mockResult) return undefined;
    const failures = this.req.stateConfiguration?.mapIterationFailureCount;
    if (map && failures !== undefined && (this.original.retry.length || this.original.catch.length)) {
      const count = map.toleratedFailureCount ?? 0;
      const total = map.items?.length ?? 0;
      const overPercentage = map.toleratedFailurePercentage === undefined || total === 0 || (failures / total) * 100 > map.toleratedFailurePercentage;
      if (failures > count && overPercentage) {
        return { kind: 'failure', error: 'States.ExceedToleratedFailureThreshold', cause: 'The specified tolerated failure threshold was exceeded' };
      }
    }
    return { kind: 'success', output: mockResult.value };
  }

  /** Applies the task's result (the mock's, or `outcome` of the call made for `invocation`) and reports. */
  finish(outcome?: TaskOutcome): TestStateResult {
    const result = this.frame.phase.kind === 'task' ? (this.mocked ?? outcome) : undefined;
    if (result && this.frame.phase.kind === 'task') {
      const taskId = this.frame.phase.taskId;
      const run = this.run();
      run.apply(result.kind === 'success'
        ? { type: 'taskSucceeded', taskId, output: result.output }
        : { type: 'taskFailed', taskId, error: result.error as string, cause: result.cause });
      const retry = run.commands.find((c) => c.type === 'armTimer');
      if (retry && retry.type === 'armTimer') this.retryDelayMs = retry.dueAt - this.env.now;
    }
    return this.report(result);
  }

  private report(taskResult: TaskOutcome | undefined): TestStateResult {
    const { probe, state } = this;
    let status: TestStateResult['status'];
    const out: { output?: string; error?: string; cause?: string; nextState?: string } = {};
    const failure = probe.failure;
    if (state.status === 'FAILED') {
      status = 'FAILED';
      if (state.error !== undefined) out.error = state.error;
      if (state.cause !== undefined) out.cause = state.cause;
    } else if (probe.exit) {
      status = failure ? 'CAUGHT_ERROR' : 'SUCCEEDED';
      out.output = payloadText(probe.exit.output);
      if (probe.exit.next !== undefined) out.nextState = probe.exit.next;
    } else {
      status = 'RETRIABLE';
    }
    if (status !== 'FAILED' && failure) {
      if (failure.error !== undefined) out.error = failure.error;
      if (failure.cause !== undefined) out.cause = failure.cause;
    }
    const level = this.req.inspectionLevel ?? 'INFO';
    if (level === 'INFO') return { status, ...out };
    return { status, ...out, inspectionData: this.inspection(status, taskResult, failure) };
  }

  private inspection(status: TestStateResult['status'], taskResult: TaskOutcome | undefined, failure: Probe['failure']): Record<string, unknown> {
    const { original, frame } = this;
    const data: Record<string, unknown> = { input: payloadText(frame.input) };
    const run = this.run();
    const jsonPath = original.queryLanguage === 'JSONPath';
    const result = taskResult?.kind === 'success' ? taskResult.output : undefined;
    if (original.type === 'Map') Object.assign(data, this.mapInspection?.fields);
    else if (jsonPath && original.type !== 'Parallel' && !(original.type === 'Pass' && original.raw.Result !== undefined)) {
      const input = inspectInput(run, frame, original, this.scheduled?.parameters);
      Object.assign(data, input.fields);
      if (original.type === 'Pass' && status !== 'FAILED') Object.assign(data, inspectResult(run, frame, original, input.parameters));
    } else if (!jsonPath && original.type === 'Task') {
      const args = this.scheduled?.parameters;
      if (args !== undefined) data.afterArguments = payloadText(args);
    }
    if (original.type === 'Pass' && jsonPath && original.raw.Result !== undefined) {
      data.result = payloadText(original.raw.Result);
      Object.assign(data, inspectResult(run, frame, original, original.raw.Result));
    }
    if (taskResult?.kind === 'success') {
      if (original.type === 'Task') data.result = payloadText(result);
      if (jsonPath && (original.type === 'Task' || original.type === 'Parallel' || original.type === 'Map')) {
        Object.assign(data, inspectResult(run, frame, this.def, result));
      }
    }
    if (Object.keys(frame.vars).length) data.variables = payloadText(frame.vars);
    if (failure) {
      const details: Record<string, unknown> = {};
      const terminal = isKnownStatesError(failure.error) && STATES_ERRORS[failure.error].terminal;
      const matches = (patterns: readonly string[]): boolean => patterns.some((p) => errorMatches(p, failure.error));
      const retryIndex = terminal ? -1 : original.retry.findIndex((r) => matches(r.errorEquals));
      if (status === 'RETRIABLE' && this.retryDelayMs !== undefined) details.retryBackoffIntervalSeconds = Math.round(this.retryDelayMs / 1000);
      if (retryIndex >= 0) details.retryIndex = retryIndex;
      const catchIndex = status === 'CAUGHT_ERROR' ? original.catch.findIndex((c) => matches(c.errorEquals)) : -1;
      if (catchIndex >= 0) details.catchIndex = catchIndex;
      if (Object.keys(details).length) data.errorDetails = details;
    }
    return data;
  }
}

/** Checks a TestState request against its state and prepares the run; a problem is AWS's answer. */
export function prepareTestState(req: TestStateRequest, env: StepEnv): PreparedTestState | TestStateProblem {
  const located = locate(req);
  if ('code' in located) return located;
  const { program, def } = located;
  const mock = req.mock;
  if (mock && req.revealSecrets) return invalid('TestState does not support RevealSecrets when a mock is specified.');
  if (mock && !['Task', 'Map', 'Parallel'].includes(def.type)) return invalid(`State type '${def.type}' is not supported when a mock is specified`);
  if (!mock && (def.type === 'Map' || def.type === 'Parallel')) {
    return { code: 'InvalidDefinition', message: 'TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]' };
  }
  if (!mock && def.type === 'Task' && !req.roleArn) return invalid('RoleArn must be specified when testing a Task state');
  let mockResult: { value: unknown } | undefined;
  if (mock?.result !== undefined) {
    try { mockResult = { value: parseKeepingText(mock.result) }; } catch { return invalid('Mocked result must be valid JSON'); }
    const v = mockResult.value;
    if (def.type === 'Parallel') {
      if (!Array.isArray(v)) return invalid('Mocked result must be an array.');
      if (v.length !== def.branches.length) return invalid('Mocked result must contain the same number of items as number of Parallel branches.');
    }
    if (def.type === 'Map' && def.raw.ResultWriter !== undefined && (typeof v !== 'object' || v === null || Array.isArray(v))) {
      return invalid('Mocked result must be a JSON object.');
    }
    if (def.type === 'Task' && mock.fieldValidationMode !== 'NONE') {
      const p = checkMockShape(def, v);
      if (p) return p;
    }
  }
  let context: unknown;
  if (req.context !== undefined) {
    const c = parseJson(req.context, 'Context object');
    if ('code' in c) return c;
    const p = checkContext(c.value, def);
    if (p) return p;
    context = c.value;
  }
  let input: unknown = {};
  if (req.input !== undefined) {
    const i = parseJson(req.input, 'Input');
    if ('code' in i) return i;
    input = i.value;
  }
  let variables: Record<string, unknown> = {};
  if (req.variables !== undefined) {
    const v = parseJson(req.variables, 'Variables');
    if ('code' in v) return v;
    if (typeof v.value !== 'object' || v.value === null || Array.isArray(v.value)) return invalid('Variables must be a JSON object');
    variables = v.value as Record<string, unknown>;
  }
  return new PreparedTestState(req, def, program, underTest(def), input, variables, context, mockResult, env);
}
