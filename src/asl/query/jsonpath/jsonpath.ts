// JSONPath as AWS Step Functions evaluates it: Jayway JsonPath semantics
// (https://github.com/json-path/JsonPath), which the ASL spec's "Paths"
// section defers to. Paths here are rooted at "$"; "$$" (context object) and
// "$name" (variables) are split off by the caller (see ../reference.ts).
import { formatPath, type ParsedPath } from './ast.js';
import { isPlainObject } from './compare.js';
import { numbersUnboxed, selectAll, setOwn } from './evaluate.js';
import { parsePath } from './path-parser.js';
import { JsonPathSyntaxError } from './syntax-error.js';
import { StatesError } from '../../errors/states-error.js';

export { JsonPathSyntaxError } from './syntax-error.js';

export interface CompiledPath {
  readonly text: string;
  /** at most one value: no wildcard, deep scan, filter, slice, index list, or non-final name list */
  readonly definite: boolean;
  /** Jayway's rendering, as AWS quotes paths in errors: `$['a'][0]` */
  readonly canonical: string;
  /** the matched values in document order */
  select(root: unknown): unknown[];
  /** what queryJsonPath answers */
  query(root: unknown): { found: boolean; value: unknown };
}

const NOT_FOUND = { found: false, value: undefined } as const;

class Compiled implements CompiledPath {
  readonly definite: boolean;
  readonly canonical: string;
  /** names and single indexes only (a Reference Path): walked directly, as Jayway's tokens would */
  private readonly walk: readonly (string | number)[] | undefined;
  /** names, single indexes and wildcards only (`$.items[*].id`): walked a step at a time over every node reached */
  private readonly spread: readonly (string | number | typeof WILDCARD)[] | undefined;

  constructor(readonly text: string, readonly parsed: ParsedPath) {
    this.definite = parsed.definite;
    this.canonical = formatPath(parsed);
    this.walk = parsed.definite && referenceSteps(parsed) ? parsed.steps.map(stepKey) as (string | number)[] : undefined;
    this.spread = !parsed.definite && parsed.steps.every((st) => st.kind === 'wildcard' || singleStep(st)) ? parsed.steps.map(stepKey) : undefined;
  }

  select(root: unknown): unknown[] {
    return this.spread === undefined ? selectAll(this.parsed, root) : selectSpread(this.spread, root);
  }

  query(root: unknown): { found: boolean; value: unknown } {
    const walk = this.walk;
    if (walk === undefined) {
      const matches = this.select(root);
      if (!this.definite) return { found: true, value: matches };
      return matches.length > 0 ? { found: true, value: matches[0] } : NOT_FOUND;
    }
    let node = root;
    for (let i = 0; i < walk.length; i++) {
      node = reach(node, walk[i]!);
      if (node === NOTHING) return NOT_FOUND;
    }
    return { found: true, value: node };
  }
}

const CACHE_LIMIT = 1000;
const cache = new Map<string, Compiled>();

function compile(text: string): Compiled {
  let compiled = cache.get(text);
  if (compiled) return compiled;
  let parsed: ParsedPath;
  try {
    parsed = parsePath(text);
  } catch (e) {
    if (e instanceof JsonPathSyntaxError && e.path !== text) throw new JsonPathSyntaxError(text, e.reason);
    throw e;
  }
  compiled = new Compiled(text, parsed);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(text, compiled);
  return compiled;
}

/** Parses a `$`-rooted path once; throws JsonPathSyntaxError. */
export function compileJsonPath(text: string): CompiledPath {
  return compile(text);
}

/**
 * A definite path finds its single value (`found` false when a step is
 * missing; an existing null is found); an indefinite path always finds the
 * list of its matches, possibly empty (AWS: `$.items[1:5]` on {} gives []).
 */
export function queryJsonPath(text: string, root: unknown): { found: boolean; value: unknown } {
  return compile(text).query(root);
}

const singleStep = (s: ParsedPath['steps'][number]): boolean =>
  (s.kind === 'property' && s.names.length === 1) || (s.kind === 'index' && s.indexes.length === 1);

function referenceSteps(parsed: ParsedPath): boolean {
  return parsed.steps.every(singleStep);
}

const WILDCARD = Symbol('*');

/** a name, single index or wildcard step as the walks read it */
const stepKey = (st: ParsedPath['steps'][number]): string | number | typeof WILDCARD =>
  st.kind === 'wildcard' ? WILDCARD : st.kind === 'property' ? st.names[0]! : (st as { indexes: readonly number[] }).indexes[0]!;

/** what a step reaches nothing with */
const NOTHING = Symbol('nothing');

/**
 * The node a name (on an object that has it) or a single index (on an array,
 * negative ones counted from the end) reaches from `node`, as Jayway's tokens
 * do; NOTHING otherwise.
 */
function reach(node: unknown, step: string | number): unknown {
  if (typeof step === 'string') {
    if (!isPlainObject(node)) return NOTHING;
    // a value found is the object's own unless it is one of what every object inherits (all functions but
    // __proto__): the own-property check is left to those and to a value not found
    const v = node[step];
    if (v !== undefined && typeof v !== 'function' && step !== '__proto__') return v;
    return Object.prototype.hasOwnProperty.call(node, step) ? node[step] : NOTHING;
  }
  if (!Array.isArray(node)) return NOTHING;
  const at = step < 0 ? node.length + step : step;
  return at >= 0 && at < node.length ? node[at] : NOTHING;
}

/**
 * What selectAll selects for a path of names, single indexes and wildcards,
 * without its recursion: the nodes every step reaches from the ones the step
 * before reached, in order (so in document order, as Jayway's depth-first
 * walk gives them). A wildcard on a scalar reaches nothing.
 *
 * A wildcard makes a list; a name or index step narrows it in place
 * (`$.items[*].id` over 1,000 items makes one list, a copy of the items,
 * instead of one grown push by push for every step). Lists stay packed: a
 * list with holes (made at its size and then filled) is slower to read and
 * to write as text for as long as the value lives.
 */
function selectSpread(steps: readonly (string | number | typeof WILDCARD)[], root: unknown): unknown[] {
  let nodes: unknown[] | undefined;
  // the one node reached while no wildcard has spread the walk
  let one: unknown = root;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (nodes === undefined) {
      if (step !== WILDCARD) {
        one = reach(one, step);
        if (one === NOTHING) return [];
        continue;
      }
      nodes = spreadOne(one);
    } else if (step === WILDCARD) {
      nodes = spreadAll(nodes);
    } else {
      let k = 0;
      for (let j = 0; j < nodes.length; j++) {
        const reached = reach(nodes[j], step);
        if (reached !== NOTHING) nodes[k++] = reached;
      }
      if (k < nodes.length) nodes.length = k;
    }
  }
  return nodes === undefined ? [one] : numbersUnboxed(nodes);
}

/** what a wildcard reaches from one node: an array's elements (holes skipped, as forEach skips them), an object's values */
function spreadOne(node: unknown): unknown[] {
  if (Array.isArray(node)) {
    const out = node.slice();
    // a hole reads as undefined, which no JSON value is
    for (let i = 0; i < out.length; i++) if (out[i] === undefined && !(i in node)) return spreadAll([node]);
    return out;
  }
  return isPlainObject(node) ? Object.values(node) : [];
}

/** what a wildcard reaches from each of several nodes, in order */
function spreadAll(nodes: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (let j = 0; j < nodes.length; j++) {
    const node = nodes[j];
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) if (i in node) out.push(node[i]);
    } else if (isPlainObject(node)) {
      for (const v of Object.values(node)) out.push(v);
    }
  }
  return out;
}

/** A Reference Path (ASL spec): names and single indexes only, so it identifies one node. */
export function isReferencePath(text: string): boolean {
  try {
    return referenceSteps(compile(text).parsed);
  } catch (e) {
    if (e instanceof JsonPathSyntaxError) return false;
    throw e;
  }
}

/** The error AWS raises when a ResultPath cannot be applied to the state input. */
export const RESULT_PATH_CONFLICT_ERROR = 'States.ReferencePathConflict';

function resultPathConflict(step: string, root: unknown): StatesError {
  return new StatesError(RESULT_PATH_CONFLICT_ERROR, `Unable to apply step "${step}" to input ${JSON.stringify(root) ?? 'null'}`);
}

/**
 * ResultPath: returns a new root with `value` placed at `referencePath`,
 * creating missing objects on the way and copying only along the path ("$"
 * replaces the root). A step that meets a non-object (or an index outside an
 * array) raises States.ReferencePathConflict.
 */
export function assignJsonPath(root: unknown, referencePath: string, value: unknown): unknown {
  const { parsed } = compile(referencePath);
  if (!referenceSteps(parsed)) throw new JsonPathSyntaxError(referencePath, 'ResultPath must be a Reference Path');
  const { steps } = parsed;
  const place = (node: unknown, i: number): unknown => {
    const step = steps[i];
    if (step === undefined) return value;
    if (step.kind === 'property') {
      const name = step.names[0]!;
      if (!isPlainObject(node)) throw resultPathConflict(name, root);
      const existing = Object.prototype.hasOwnProperty.call(node, name);
      const child = existing ? node[name] : i + 1 < steps.length ? {} : undefined;
      const copy: Record<string, unknown> = { ...node };
      setOwn(copy, name, place(child, i + 1));
      return copy;
    }
    if (step.kind !== 'index') throw new JsonPathSyntaxError(referencePath, 'ResultPath must be a Reference Path');
    const index = step.indexes[0]!;
    if (!Array.isArray(node)) throw resultPathConflict(String(index), root);
    const at = index < 0 ? node.length + index : index;
    if (at < 0 || at >= node.length) throw resultPathConflict(String(index), root);
    const copy = node.slice();
    copy[at] = place(node[at], i + 1);
    return copy;
  };
  return place(root, 0);
}
