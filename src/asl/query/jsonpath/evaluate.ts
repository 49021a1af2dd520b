// Evaluation of a parsed path against a document, token by token as Jayway
// JsonPath evaluates it (PathToken and subclasses). What AWS observes:
// missing steps select nothing, so a definite path finds no value and an
// indefinite one yields an empty list.
import type { FilterExpr, FilterValue, Operand, ParsedPath, Step } from './ast.js';
import { compareValues, isPlainObject, toFilterValue, UNDEFINED_VALUE } from './compare.js';
import { aggregate, applyPathFunction, isAggregation, numbersOf, PathFunctionFailure } from './functions.js';

/** Thrown in strict mode (Jayway's REQUIRE_PROPERTIES, used by filter existence checks) where a property is missing. */
const MISSING = new Error('missing property');

interface Context {
  readonly root: unknown;
  /** a missing property fails the whole evaluation */
  readonly strict: boolean;
  readonly out: unknown[];
}

function hasOwn(o: Record<string, unknown>, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/**
 * The values `path` selects from `doc` (the current item for `@` paths), in
 * document order. `root` is what `$` means inside filters. Throws MISSING (strict)
 * or PathFunctionFailure.
 */
function collect(path: ParsedPath, doc: unknown, root: unknown, strict: boolean): unknown[] {
  const ctx: Context = { root, strict, out: [] };
  const { steps } = path;
  const last = steps[steps.length - 1];
  if (steps[0]?.kind === 'scan' && last?.kind === 'function') {
    // Jayway turns $..x.fn() into fn($..x) (CompiledPath.invertScannerFunctionRelationship)
    const prefix: ParsedPath = { ...path, steps: steps.slice(0, -1) };
    if (last.name === 'length' || last.name === 'size') {
      // Length appends a wildcard to its path argument and counts the matches
      run({ ...prefix, steps: [...prefix.steps, { kind: 'wildcard' }] }, 0, doc, ctx);
      return [ctx.out.length];
    }
    if (isAggregation(last.name)) {
      run(prefix, 0, doc, ctx);
      return [aggregate(last.name, [...numbersOf(doc), ...ctx.out.filter((x): x is number => typeof x === 'number')])];
    }
    return [applyPathFunction(last.name, doc)];
  }
  run(path, 0, doc, ctx);
  return numbersUnboxed(ctx.out);
}

/**
 * The list as it is, or, when it holds only numbers, a copy that keeps them
 * unboxed. The list's array has been an array of anything since the first
 * selection of objects, and such an array keeps each number that is not a
 * small integer as a heap object of its own: 16 more bytes apiece, and one
 * more object for every collection to copy or mark while the value lives
 * (in a history, say). Selected embeddings and scores are such lists.
 */
export function numbersUnboxed(list: unknown[]): unknown[] {
  if (list.length < 8) return list;
  for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'number') return list;
  const out: number[] = new Array<number>(list.length);
  for (let i = 0; i < list.length; i++) out[i] = list[i] as number;
  return out;
}

/** The values a path selects; an evaluation Jayway aborts selects nothing. */
export function selectAll(path: ParsedPath, doc: unknown, root: unknown = doc): unknown[] {
  try {
    return collect(path, doc, root, false);
  } catch (e) {
    if (e === MISSING || e instanceof PathFunctionFailure) return [];
    throw e;
  }
}

function run(path: ParsedPath, i: number, model: unknown, ctx: Context): void {
  const step = path.steps[i];
  if (step === undefined) {
    ctx.out.push(model);
    return;
  }
  const isLeaf = i === path.steps.length - 1;
  switch (step.kind) {
    case 'property': {
      if (!isPlainObject(model)) return notFound(path, i, ctx);
      if (step.names.length > 1 && isLeaf) {
        const merged: Record<string, unknown> = {};
        for (const name of step.names) {
          if (hasOwn(model, name)) setOwn(merged, name, model[name]);
          else if (ctx.strict) throw MISSING;
        }
        ctx.out.push(merged);
        return;
      }
      for (const name of step.names) {
        if (hasOwn(model, name)) run(path, i + 1, model[name], ctx);
        else if (ctx.strict) throw MISSING;
      }
      return;
    }
    case 'index':
      if (!Array.isArray(model)) return notFound(path, i, ctx);
      for (const index of step.indexes) runIndex(path, i, model, index, ctx);
      return;
    case 'slice':
      if (!Array.isArray(model)) return notFound(path, i, ctx);
      for (const index of sliceIndexes(step, model.length)) runIndex(path, i, model, index, ctx);
      return;
    case 'wildcard':
      if (Array.isArray(model)) forEachElement(model, path, i + 1, ctx);
      else if (isPlainObject(model)) for (const k of Object.keys(model)) run(path, i + 1, model[k], ctx);
      return;
    case 'scan':
      walk(path, i + 1, model, ctx);
      return;
    case 'filter':
      if (isPlainObject(model)) {
        if (accept(step.expr, model, ctx.root)) run(path, i + 1, model, ctx);
      } else if (Array.isArray(model)) {
        for (let k = 0; k < model.length; k++) {
          // forEach skips holes
          if (!(k in model)) continue;
          const v = model[k];
          if (accept(step.expr, v, ctx.root)) run(path, i + 1, v, ctx);
        }
      } else {
        notFound(path, i, ctx);
      }
      return;
    case 'function':
      run(path, i + 1, applyPathFunction(step.name, model), ctx);
      return;
  }
}

/**
 * Where Jayway throws PathNotFoundException (only with a definite upstream,
 * or anywhere under REQUIRE_PROPERTIES); otherwise it selects nothing.
 */
function notFound(path: ParsedPath, i: number, ctx: Context): void {
  if (ctx.strict && path.upstreamDefinite[i]) throw MISSING;
}

/** run() on each element of an array, as Array.prototype.forEach visits them (holes skipped). */
function forEachElement(array: readonly unknown[], path: ParsedPath, i: number, ctx: Context): void {
  for (let k = 0; k < array.length; k++) if (k in array) run(path, i, array[k], ctx);
}

function runIndex(path: ParsedPath, i: number, array: readonly unknown[], index: number, ctx: Context): void {
  const effective = index < 0 ? array.length + index : index;
  if (effective >= 0 && effective < array.length) run(path, i + 1, array[effective], ctx);
}

/**
 * The indexes a slice visits, as Jayway computes them: [from:] and [:to] count
 * negative bounds from the end, [from:to] does not (each negative index is
 * then read from the end, out-of-range ones skipped), a step is ignored.
 */
function sliceIndexes(step: Extract<Step, { kind: 'slice' }>, length: number): number[] {
  const out: number[] = [];
  if (length === 0) return out;
  let from = step.from;
  let to = step.to;
  if (to === undefined) {
    from = Math.max(0, from! < 0 ? length + from! : from!);
    to = length;
  } else if (from === undefined) {
    from = 0;
    to = Math.min(length, to < 0 ? length + to : to);
  } else {
    to = Math.min(length, to);
  }
  for (let k = from; k < to; k++) out.push(k);
  return out;
}

/** `..`: visits every object and array below `model` (ScanPathToken.walk). */
function walk(path: ParsedPath, target: number, model: unknown, ctx: Context): void {
  if (isPlainObject(model)) {
    if (scanMatches(path, target, model, ctx)) run(path, target, model, ctx);
    for (const k of Object.keys(model)) walk(path, target, model[k], ctx);
  } else if (Array.isArray(model)) {
    if (scanMatches(path, target, model, ctx)) {
      // Jayway reads the rest of the path from each element, not the step itself
      if (target === path.steps.length - 1) run(path, target, model, ctx);
      else forEachElement(model, path, target + 1, ctx);
    }
    for (let k = 0; k < model.length; k++) if (k in model) walk(path, target, model[k], ctx);
  }
}

function scanMatches(path: ParsedPath, target: number, model: unknown, ctx: Context): boolean {
  const step = path.steps[target]!;
  switch (step.kind) {
    case 'property': {
      if (!isPlainObject(model)) return false;
      const tokenDefinite = step.names.length === 1 || target === path.steps.length - 1;
      return ctx.strict || !tokenDefinite || step.names.every((n) => hasOwn(model, n));
    }
    case 'index':
    case 'slice':
      return Array.isArray(model);
    case 'wildcard':
      return true;
    case 'filter':
      return accept(step.expr, model, ctx.root);
    default:
      return false;
  }
}

/** Whether a filter accepts `item`; a failing evaluation does not. */
export function accept(expr: FilterExpr, item: unknown, root: unknown): boolean {
  switch (expr.kind) {
    case 'or': return expr.items.some((e) => accept(e, item, root));
    case 'and': return expr.items.every((e) => accept(e, item, root));
    case 'not': return !accept(expr.item, item, root);
    case 'exists': return exists(expr.path, item, root) === expr.expected;
    case 'compare': return compareValues(expr.op, operandValue(expr.left, item, root), operandValue(expr.right, item, root));
  }
}

function exists(path: ParsedPath, item: unknown, root: unknown): boolean {
  try {
    const found = collect(path, path.root === '$' ? root : item, root, true);
    return !path.definite || found.length > 0;
  } catch (e) {
    if (e === MISSING || e instanceof PathFunctionFailure) return false;
    throw e;
  }
}

function operandValue(op: Operand, item: unknown, root: unknown): FilterValue {
  if (op.kind === 'literal') return op.value;
  const { path } = op;
  const found = selectAll(path, path.root === '$' ? root : item, root);
  if (!path.definite) return { t: 'json', v: found };
  return found.length > 0 ? toFilterValue(found[0]) : UNDEFINED_VALUE;
}

/** Sets an own enumerable property, even one named "__proto__". */
export function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}
