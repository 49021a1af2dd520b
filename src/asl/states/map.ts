import type { StateHandler } from './handler.js';
import { complete, effectiveInput, isJsonata, jsonataScope, leaveThroughCatcher } from './common.js';
import { evaluateTemplate as evaluateJsonata, isJsonataExpression, unexpectedType } from '../query/jsonata/jsonata.js';
import { evaluateTemplate, readPath } from '../execution/jsonpath-io.js';
import type { ChildrenPhase, Frame } from '../execution/state.js';
import type { Run } from '../execution/run.js';
import { MapItemScope } from '../execution/frame-scope.js';
import type { StateDef } from '../definition/types.js';
import { abortChildren, childFinished, newChild } from './children.js';
import { StatesError } from '../errors/states-error.js';
import { buildContext, withMapItem } from '../execution/context.js';
import { payloadText } from '../execution/events.js';

const show = (v: unknown): string => JSON.stringify(v) ?? 'null';

/** A Map's numeric field: a number, a JSONata expression or a ...Path; undefined when absent. */
export function numberField(run: Run, frame: Frame, def: StateDef, input: unknown, field: string, kind: 'integer' | 'float'): number | undefined {
  const raw = def.raw;
  if (typeof raw[field] === 'number') return raw[field];
  if (isJsonata(def) && isJsonataExpression(raw[field])) {
    const v = evaluateJsonata(raw[field], field, jsonataScope(run, frame, def));
    if (typeof v !== 'number' || (kind === 'integer' && !Number.isInteger(v))) throw unexpectedType(raw[field], field, kind, v);
    return v;
  }
  const path = raw[`${field}Path`];
  if (path === undefined) return undefined;
  const r = readPath(path, run.scope(frame, input));
  let v = r.value;
  // a numeric string is read as the number it spells ("1" -> 1), as AWS does
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) v = Number(v);
  const ok = typeof v === 'number' && (kind === 'float' || Number.isInteger(v));
  if (!r.found || !ok) {
    throw new StatesError('States.Runtime', `The ${field}Path field refers to value "${typeof v === 'string' ? v : show(v)}" which is not a valid ${kind}: ${path}`);
  }
  return v as number;
}

function processorConfig(def: StateDef): Record<string, any> {
  const p = def.raw.ItemProcessor ?? def.raw.Iterator ?? {};
  return p.ProcessorConfig ?? {};
}

function start(run: Run, frame: Frame, def: StateDef): void {
  const input = effectiveInput(run, frame, def);
  let items: unknown = input;
  if (isJsonata(def) && def.raw.Items !== undefined) {
    items = evaluateJsonata(def.raw.Items, 'Items', jsonataScope(run, frame, def));
    if (!Array.isArray(items) && isJsonataExpression(def.raw.Items)) throw unexpectedType(def.raw.Items, 'Items', 'array', items);
  } else if (def.raw.ItemsPath !== undefined) {
    const r = readPath(def.raw.ItemsPath, run.scope(frame, input));
    if (!r.found) throw new StatesError('States.Runtime', `Invalid path '${def.raw.ItemsPath}' : No results for path: ${def.raw.ItemsPath}`);
    items = r.value;
  }
  if (!Array.isArray(items)) {
    throw new StatesError(isJsonata(def) ? 'States.QueryEvaluationError' : 'States.Runtime', `Map state input must be an array but was: ${payloadText(items)}`);
  }
  const maxConcurrency = numberField(run, frame, def, input, 'MaxConcurrency', 'integer') ?? 0;
  const distributed = processorConfig(def).Mode === 'DISTRIBUTED';
  const startedEventId = run.emit(frame, 'MapStateStarted', { mapStateStartedEventDetails: { length: items.length } });
  // AWS reads the tolerated-failure fields after MapStateStarted
  const toleratedFailureCount = numberField(run, frame, def, input, 'ToleratedFailureCount', 'integer') ?? 0;
  const toleratedFailurePercentage = numberField(run, frame, def, input, 'ToleratedFailurePercentage', 'float') ?? 0;
  if (toleratedFailureCount < 0) throw new StatesError('States.Runtime', 'ToleratedFailureCount cannot be negative.');
  if (toleratedFailurePercentage < 0 || toleratedFailurePercentage > 100) {
    throw new StatesError('States.Runtime', 'ToleratedFailurePercentage must be between 0 and 100.');
  }
  let cursor = startedEventId;
  let mapRunArn: string | undefined;
  if (distributed) {
    const info = run.state.info;
    const execName = info.executionArn.split(':').pop();
    mapRunArn = `arn:aws:states:${info.region}:${info.account}:mapRun:${info.stateMachineName}/${def.raw.Label ?? def.name}:${run.env.uuid()}`;
    void execName;
    cursor = run.emit(frame, 'MapRunStarted', { mapRunStartedEventDetails: { mapRunArn } });
  }
  const phase: ChildrenPhase = {
    kind: 'children', mode: distributed ? 'distributed' : 'map', effectiveInput: input, items, maxConcurrency,
    startedEventId, launched: 0, running: 0, done: 0, results: new Array(items.length).fill(null),
    cursor, lastDoneEventId: cursor, failures: 0, toleratedFailureCount, toleratedFailurePercentage, childIds: [], mapRunArn,
  };
  frame.phase = phase;
  if (items.length === 0) { finish(run, frame, def, phase); return; }
  launch(run, frame, def, phase);
}

function launch(run: Run, frame: Frame, def: StateDef, phase: ChildrenPhase): void {
  const selector = def.raw.ItemSelector ?? def.raw.Parameters;
  const processor = def.processor!;
  const silent = phase.mode === 'distributed' || frame.silent;
  while (phase.launched < phase.items.length && (phase.maxConcurrency === 0 || phase.running < phase.maxConcurrency)) {
    const index = phase.launched++;
    const value = phase.items[index];
    let itemInput = value;
    if (selector !== undefined && isJsonata(def)) {
      const context = withMapItem(buildContext(run.state.info, frame, def, run.env.now), index, value);
      itemInput = evaluateJsonata(selector, 'ItemSelector', jsonataScope(run, frame, def, { context }));
    } else if (selector !== undefined) {
      itemInput = evaluateTemplate(selector, new MapItemScope(run, frame, phase.effectiveInput, index, value));
    }
    phase.running++;
    const started = silent ? phase.cursor
      : run.emit(frame, 'MapIterationStarted', { mapIterationStartedEventDetails: { index, name: def.name } }, phase.cursor);
    newChild(run, frame, index, processor, itemInput, started, silent);
  }
}

function finish(run: Run, frame: Frame, def: StateDef, phase: ChildrenPhase): void {
  let prev = phase.lastDoneEventId;
  let exitedAfter = prev;
  if (phase.mode === 'distributed') {
    prev = run.emit(frame, 'MapRunSucceeded', undefined, prev);
    // A Distributed Map's MapStateExited chained to MapRunSucceeded in every
    // history AWS recorded until late 2024 and to MapRunStarted in every one
    // since (the change came with variables and JSONata). State machines that
    // use those features get the current chaining, others the older one, so
    // that both generations of recorded histories replay.
    if (!run.program.usesVariablesOrJsonata) exitedAfter = prev;
  }
  run.emit(frame, 'MapStateSucceeded', undefined, prev);
  run.guard(frame, def, () => complete(run, frame, def, phase.results, { previousEventId: exitedAfter }));
}

function tolerated(phase: ChildrenPhase): boolean {
  if (phase.mode !== 'distributed') return false;
  if (phase.failures <= phase.toleratedFailureCount) return true;
  return phase.items.length > 0 && (phase.failures / phase.items.length) * 100 <= phase.toleratedFailurePercentage;
}

export const map: StateHandler = {
  enter: start,
  retry: start,
  caught: leaveThroughCatcher,
  childSucceeded(run, parent, def, child, output) {
    const phase = parent.phase as ChildrenPhase;
    phase.results[child.slot] = output;
    phase.done++;
    phase.running--;
    childFinished(run, phase);
    if (phase.mode !== 'distributed') {
      phase.lastDoneEventId = run.emit(parent, 'MapIterationSucceeded', { mapIterationSucceededEventDetails: { index: child.slot, name: def.name } }, child.lastEventId);
      phase.cursor = child.lastEventId;
    }
    if (phase.done === phase.items.length) { finish(run, parent, def, phase); return; }
    // a slot freed: the next item starts (with every item launched, nothing is left to do)
    if (phase.launched < phase.items.length) run.guard(parent, def, () => launch(run, parent, def, phase));
  },
  childFailed(run, parent, def, child, error, cause, closing) {
    const phase = parent.phase as ChildrenPhase;
    phase.failures++;
    if (tolerated(phase)) {
      closing?.();
      const out: Record<string, unknown> = { Error: error };
      if (cause !== undefined) out.Cause = cause;
      map.childSucceeded!(run, parent, def, child, out);
      return;
    }
    let prev = child.lastEventId;
    if (phase.mode !== 'distributed') {
      run.emit(parent, 'MapIterationFailed', { mapIterationFailedEventDetails: { index: child.slot, name: def.name } }, prev);
    }
    // the failed iteration's Task closes after MapIterationFailed, chained to its failure
    closing?.();
    abortChildren(run, parent, phase, prev);
    if (phase.mode === 'distributed') {
      error = 'States.ExceedToleratedFailureThreshold';
      cause = 'The specified tolerated failure threshold was exceeded';
      prev = run.emit(parent, 'MapRunFailed', { mapRunFailedEventDetails: { error, cause } }, phase.lastDoneEventId);
    }
    parent.lastEventId = prev;
    run.stateFailed(parent, def, error, cause, undefined, () => run.emit(parent, 'MapStateFailed', undefined, prev));
  },
};
