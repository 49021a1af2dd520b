// What TestState shows in inspectionData besides the state's result: the
// values after each input/output processing step (AWS "Using TestState to
// test a state": afterInputPath, afterParameters, afterResultSelector,
// afterResultPath) and a Map state's item source and limits.
import type { StateDef } from '../definition/types.js';
import type { Frame } from '../execution/state.js';
import type { Run } from '../execution/run.js';
import { applyResultPath, evaluateTemplate, readPath, selectPath } from '../execution/jsonpath-io.js';
import { evaluateTemplate as evaluateJsonata, isJsonataExpression, unexpectedType } from '../query/jsonata/jsonata.js';
import { isJsonata, jsonataScope } from '../states/common.js';
import { StatesError } from '../errors/states-error.js';
import { numberField } from '../states/map.js';
import { payloadText } from '../execution/events.js';

export interface MapInspection {
  /** inspection fields, in the order AWS evaluates them (an error stops the list) */
  readonly fields: Record<string, unknown>;
  readonly items?: readonly unknown[];
  readonly toleratedFailureCount?: number;
  readonly toleratedFailurePercentage?: number;
  readonly error?: StatesError;
}

/** Evaluates a Map state's items and limits as its run would, without running an iteration. */
export function inspectMap(run: Run, frame: Frame, def: StateDef, readerData: unknown): MapInspection {
  const fields: Record<string, unknown> = {};
  try {
    let items: unknown;
    let input = frame.input;
    if (isJsonata(def)) {
      items = readerData ?? (def.raw.Items !== undefined ? evaluateJsonata(def.raw.Items, 'Items', jsonataScope(run, frame, def)) : frame.input);
      if (!Array.isArray(items)) {
        if (isJsonataExpression(def.raw.Items)) throw unexpectedType(def.raw.Items, 'Items', 'array', items);
        throw new StatesError('States.QueryEvaluationError', `Map state input must be an array but was: ${payloadText(items)}`);
      }
    } else {
      input = selectPath(def.raw.InputPath, run.scope(frame, frame.input));
      fields.afterInputPath = payloadText(input);
      if (readerData !== undefined) items = readerData;
      else {
        const path: string = def.raw.ItemsPath ?? '$';
        const r = readPath(path, run.scope(frame, input));
        // AWS names a context path by its "$." form in this message
        if (!r.found || !Array.isArray(r.value)) throw new StatesError('States.Runtime', `Reference path "${path.startsWith('$$') ? path.slice(1) : path}" must point to array.`);
        items = r.value;
        fields.afterItemsPath = payloadText(items);
      }
      if (!Array.isArray(items)) throw new StatesError('States.Runtime', `Map state input must be an array but was: ${payloadText(items)}`);
    }
    fields.maxConcurrency = numberField(run, frame, def, input, 'MaxConcurrency', 'integer') ?? 0;
    const toleratedFailureCount = numberField(run, frame, def, input, 'ToleratedFailureCount', 'integer');
    const toleratedFailurePercentage = numberField(run, frame, def, input, 'ToleratedFailurePercentage', 'float');
    if (toleratedFailureCount !== undefined) fields.toleratedFailureCount = toleratedFailureCount;
    if (toleratedFailurePercentage !== undefined) fields.toleratedFailurePercentage = toleratedFailurePercentage;
    return { fields, items: items as unknown[], toleratedFailureCount, toleratedFailurePercentage };
  } catch (e) {
    if (!(e instanceof StatesError)) throw e;
    return { fields, error: e };
  }
}

/**
 * The JSONPath input steps of a state: afterInputPath and, for Pass and
 * Task, afterParameters (a Task's are the parameters it was called with).
 */
export function inspectInput(run: Run, frame: Frame, def: StateDef, taskParameters: unknown): { fields: Record<string, unknown>; parameters?: unknown } {
  const fields: Record<string, unknown> = {};
  let parameters: unknown;
  try {
    const afterInputPath = selectPath(def.raw.InputPath, run.scope(frame, frame.input));
    fields.afterInputPath = payloadText(afterInputPath);
    if (def.type === 'Task') parameters = taskParameters;
    else if (def.type === 'Pass') {
      parameters = def.raw.Parameters !== undefined ? evaluateTemplate(def.raw.Parameters, run.scope(frame, afterInputPath)) : afterInputPath;
    }
    if (parameters !== undefined) fields.afterParameters = payloadText(parameters);
  } catch (e) {
    if (!(e instanceof StatesError)) throw e;
  }
  return { fields, parameters };
}

/** The JSONPath result steps: afterResultSelector and afterResultPath. */
export function inspectResult(run: Run, frame: Frame, def: StateDef, result: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  try {
    const selected = def.raw.ResultSelector !== undefined ? evaluateTemplate(def.raw.ResultSelector, run.scope(frame, result)) : result;
    out.afterResultSelector = payloadText(selected);
    out.afterResultPath = payloadText(applyResultPath(frame.input, def.raw.ResultPath, selected));
  } catch (e) {
    if (!(e instanceof StatesError)) throw e;
  }
  return out;
}
