import type { StateHandler } from './handler.js';
import { complete, effectiveInput, isJsonata, jsonataScope, leaveThroughCatcher, noRetry } from './common.js';
import { evaluateTemplate, expressionText, isJsonataExpression, unexpectedType } from '../query/jsonata/jsonata.js';
import { readPath, selectPath } from '../execution/jsonpath-io.js';
import { StatesError } from '../errors/states-error.js';
import { parseTimestamp } from './timestamp.js';
import type { Frame } from '../execution/state.js';
import type { Run } from '../execution/run.js';
import type { StateDef } from '../definition/types.js';

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** Epoch ms at which a JSONPath Wait state ends. */
function dueAt(run: Run, frame: Frame, def: StateDef, input: unknown): number {
  const raw = def.raw;
  if (isJsonata(def)) {
    const scope = jsonataScope(run, frame, def);
    if (raw.Seconds !== undefined) {
      const s = evaluateTemplate(raw.Seconds, 'Seconds', scope);
      if (typeof s !== 'number' || !Number.isInteger(s) || s < 0) {
        if (isJsonataExpression(raw.Seconds)) throw unexpectedType(raw.Seconds, 'Seconds', 'integer', s);
        throw new StatesError('States.QueryEvaluationError', `The Seconds field must be a non-negative integer: ${show(s)}`);
      }
      return run.env.now + s * 1000;
    }
    const t = evaluateTemplate(raw.Timestamp, 'Timestamp', scope);
    const due = typeof t === 'string' ? parseTimestamp(t) : undefined;
    if (due === undefined) {
      throw new StatesError('States.QueryEvaluationError',
        `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${show(t)}`, 'Timestamp');
    }
    void expressionText;
    return due;
  }
  if (raw.Seconds !== undefined) return run.env.now + raw.Seconds * 1000;
  if (raw.Timestamp !== undefined) return parseTimestamp(raw.Timestamp) ?? run.env.now;
  const scope = run.scope(frame, input);
  if (raw.SecondsPath !== undefined) {
    const r = readPath(raw.SecondsPath, scope);
    if (!r.found) throw new StatesError('States.Runtime', `The SecondsPath parameter does not reference an input value: ${raw.SecondsPath}`);
    if (typeof r.value !== 'number' || !Number.isInteger(r.value)) {
      throw new StatesError('States.Runtime', `The SecondsPath parameter cannot be parsed as a long value: ${raw.SecondsPath} == ${show(r.value)}`);
    }
    if (r.value < 0) throw new StatesError('States.Runtime', `The SecondsPath parameter references a negative value: ${raw.SecondsPath} == ${r.value}`);
    return run.env.now + r.value * 1000;
  }
  const r = readPath(raw.TimestampPath, scope);
  if (!r.found) throw new StatesError('States.Runtime', `The TimestampPath parameter does not reference an input value: ${raw.TimestampPath}`);
  const t = typeof r.value === 'string' ? parseTimestamp(r.value) : undefined;
  if (t === undefined) {
    throw new StatesError('States.Runtime',
      `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${raw.TimestampPath} == ${show(r.value)}`);
  }
  return t;
}

function finish(run: Run, frame: Frame, def: StateDef, input: unknown): void {
  if (isJsonata(def)) { complete(run, frame, def, frame.input); return; }
  complete(run, frame, def, input, { output: selectPath(def.raw.OutputPath, run.scope(frame, input)), jsonPathAssignInput: input });
}

export const wait: StateHandler = {
  enter(run, frame, def) {
    const input = effectiveInput(run, frame, def);
    const due = dueAt(run, frame, def, input);
    if (due <= run.env.now) { finish(run, frame, def, input); return; }
    frame.phase = { kind: 'waiting', timerId: run.armTimer(frame, due), effectiveInput: input };
  },
  timer(run, frame, def, timerId) {
    if (frame.phase.kind !== 'waiting' || frame.phase.timerId !== timerId) return;
    finish(run, frame, def, frame.phase.effectiveInput);
  },
  retry: noRetry,
  caught: leaveThroughCatcher,
};
