import type { Catcher, StateDef } from '../definition/types.js';
import { NONE, type Frame } from '../execution/state.js';
import type { Run } from '../execution/run.js';
import { applyResultPath, evaluateTemplate as evaluatePathTemplate, selectPath } from '../execution/jsonpath-io.js';
import { evaluateTemplate as evaluateJsonata, type JsonataScope } from '../query/jsonata/jsonata.js';
import { buildContext } from '../execution/context.js';
import { NOT_TRUNCATED } from '../execution/events.js';
import { outerVariableScope, visibleVariables } from '../execution/variables.js';
import { StatesError } from '../errors/states-error.js';
import { MAX_PAYLOAD_BYTES, STATE_EXITED, utf8Length } from '../execution/events.js';

export const isJsonata = (def: StateDef): boolean => def.queryLanguage === 'JSONata';

class StatesScope implements JsonataScope {
  constructor(readonly states: Record<string, unknown>, readonly variables: Record<string, unknown>, private readonly run: Run) {}
  uuid(): string { return this.run.env.uuid(); }
  random(): number { return this.run.env.random(); }
}

/** $states and the visible variables for a JSONata field. */
export function jsonataScope(run: Run, frame: Frame, def: StateDef, extra: { result?: unknown; errorOutput?: unknown; context?: Record<string, unknown> } = {}): JsonataScope {
  const states: Record<string, unknown> = {
    input: frame.input,
    context: extra.context ?? buildContext(run.state.info, frame, def, run.env.now),
  };
  if ('result' in extra) states.result = extra.result;
  if ('errorOutput' in extra) states.errorOutput = extra.errorOutput;
  return new StatesScope(states, visibleVariables(run.state, frame), run);
}

/** The value a state works on: InputPath (JSONPath) or the raw input (JSONata). */
export function effectiveInput(run: Run, frame: Frame, def: StateDef): unknown {
  // no InputPath: the input itself (selectPath's answer, without making a scope)
  if (isJsonata(def) || def.raw.InputPath === undefined) return frame.input;
  return selectPath(def.raw.InputPath, run.scope(frame, frame.input));
}

/** Parameters (JSONPath) or Arguments (JSONata): what a Task or Parallel hands on. */
export function stateArguments(run: Run, frame: Frame, def: StateDef, input: unknown): unknown {
  if (isJsonata(def)) return def.raw.Arguments !== undefined ? evaluateJsonata(def.raw.Arguments, 'Arguments', jsonataScope(run, frame, def)) : input;
  return def.raw.Parameters !== undefined ? evaluatePathTemplate(def.raw.Parameters, run.scope(frame, input)) : input;
}

/** ResultSelector, ResultPath and OutputPath applied to a result (JSONPath). */
export function stateOutput(run: Run, frame: Frame, def: StateDef, result: unknown): unknown {
  if (def.raw.ResultSelector !== undefined) result = evaluatePathTemplate(def.raw.ResultSelector, run.scope(frame, result));
  const combined = applyResultPath(frame.input, def.raw.ResultPath, result);
  return def.raw.OutputPath === undefined ? combined : selectPath(def.raw.OutputPath, run.scope(frame, combined));
}

interface CompleteOptions {
  readonly output?: unknown;
  readonly assign?: unknown;
  readonly next?: string | null;
  readonly previousEventId?: number;
  readonly errorOutput?: unknown;
  readonly jsonPathAssignInput?: unknown;
}

const DEFAULTS: CompleteOptions = Object.freeze({});

/**
 * Leaves a state with its result: computes the output (ResultSelector/
 * ResultPath/OutputPath, or JSONata Output) and the Assign variables,
 * writes XStateExited, and moves on to `next` (default: the state's Next/End).
 */
export function complete(run: Run, frame: Frame, def: StateDef, result: unknown, opts: CompleteOptions = DEFAULTS): void {
  let output: unknown;
  let assigned: Record<string, unknown> | undefined;
  const assignTemplate = 'assign' in opts ? opts.assign : def.raw.Assign;
  if (isJsonata(def)) {
    const scope = jsonataScope(run, frame, def, 'errorOutput' in opts ? { errorOutput: opts.errorOutput } : { result });
    const outputTemplate = 'output' in opts ? opts.output : def.raw.Output;
    output = outputTemplate !== undefined ? evaluateJsonata(outputTemplate, 'Output', scope) : result;
    if (assignTemplate !== undefined) assigned = evaluateJsonata(assignTemplate, 'Assign', scope) as Record<string, unknown>;
  } else {
    if (assignTemplate !== undefined) {
      assigned = evaluatePathTemplate(assignTemplate, run.scope(frame, opts.jsonPathAssignInput ?? result)) as Record<string, unknown>;
    }
    output = 'output' in opts ? opts.output : stateOutput(run, frame, def, result);
  }
  run.checkSize(frame, def, output);
  // a silent frame (a Distributed Map's child) writes no event: its output text is never made
  const text = frame.silent ? '' : run.payload(output);
  let details: Record<string, unknown> | undefined;
  if (assigned) {
    const texts: Record<string, string> = {};
    let bytes = 0;
    for (const [k, v] of Object.entries(assigned)) { texts[k] = run.text(v); bytes += utf8Length(k) + utf8Length(texts[k]); }
    // "up to 256 KiB per state" (AWS, Passing data between states with variables)
    if (bytes > MAX_PAYLOAD_BYTES) {
      throw new StatesError('States.DataLimitExceeded',
        `The state/task '${def.name}' assigned variables with a size exceeding the maximum number of bytes service limit.`);
    }
    for (const k of Object.keys(assigned)) {
      // a Parallel branch or Map iteration reads the variables of the scopes around it but cannot assign them
      if (outerVariableScope(run.state, frame, k)) {
        throw new StatesError('States.Runtime', `The variable '${k}' belongs to an outer scope and cannot be assigned in state '${def.name}'.`);
      }
    }
    if (frame.vars === NONE) frame.vars = {};
    for (const [k, v] of Object.entries(assigned)) frame.vars[k] = v;
    // an empty Assign writes no assignedVariables (recorded: assign BASE_EMPTY)
    if (Object.keys(texts).length) {
      details = { name: def.name, output: text, outputDetails: NOT_TRUNCATED, assignedVariables: texts, assignedVariablesDetails: NOT_TRUNCATED };
    }
  }
  if (details) run.emitDetail(frame, STATE_EXITED[def.type], 'stateExitedEventDetails', details, opts.previousEventId);
  else run.emitExited(frame, STATE_EXITED[def.type], def.name, text, opts.previousEventId);
  const next = opts.next === undefined ? (def.end ? undefined : def.next) : opts.next ?? undefined;
  run.transition(frame, def, output, next);
}

/** Error output of a Catcher: {Error, Cause}. */
function errorOutput(error: string, cause: string | undefined): Record<string, unknown> {
  return { Error: error, Cause: cause ?? '' };
}

export function leaveThroughCatcher(run: Run, frame: Frame, def: StateDef, catcher: Catcher, error: string, cause: string | undefined, previousEventId?: number): void {
  const eo = errorOutput(error, cause);
  if (isJsonata(def)) {
    complete(run, frame, def, undefined, { errorOutput: eo, output: catcher.output ?? eo, assign: catcher.assign, next: catcher.next, previousEventId });
    return;
  }
  complete(run, frame, def, eo, {
    output: applyResultPath(frame.input, catcher.resultPath, eo), assign: catcher.assign, next: catcher.next, previousEventId,
  });
}

export const noRetry = (): void => { throw new Error('state type has no Retry'); };
