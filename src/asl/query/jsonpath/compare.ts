// The relational operators of filters with Jayway JsonPath's semantics
// (EvaluatorFactory and the ValueNode equals methods): a string equals a
// number when the number's text is that string; a number equals a string that
// parses to it; <, <=, >, >= compare numbers as numbers, strings (and a string
// with a number's text) lexically, and anything else is false.
import type { FilterValue, RelationalOperator } from './ast.js';

export const UNDEFINED_VALUE: FilterValue = { t: 'undefined' };

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function toFilterValue(v: unknown): FilterValue {
  switch (typeof v) {
    case 'string': return { t: 'string', v };
    case 'number': return { t: 'number', v, s: String(v) };
    case 'boolean': return { t: 'boolean', v };
    case 'undefined': return UNDEFINED_VALUE;
    default: return v === null ? { t: 'null' } : { t: 'json', v };
  }
}

function parseBigDecimal(s: string): number | undefined {
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s) ? Number(s) : undefined;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** `left == right` (Jayway's EqualsEvaluator: left.equals(right)). */
export function valuesEqual(l: FilterValue, r: FilterValue): boolean {
  switch (l.t) {
    case 'string':
      return (r.t === 'string' && l.v === r.v) || (r.t === 'number' && l.v === r.s);
    case 'number': {
      if (r.t === 'number') return l.v === r.v;
      if (r.t !== 'string') return false;
      const n = parseBigDecimal(r.v);
      return n !== undefined && n === l.v;
    }
    case 'boolean': return r.t === 'boolean' && l.v === r.v;
    case 'null': return r.t === 'null';
    case 'json': return r.t === 'json' && deepEqual(l.v, r.v);
    case 'pattern': return r.t === 'pattern' && l.re.source === r.re.source && l.re.flags === r.re.flags;
    case 'undefined': return false;
  }
}

function order(l: FilterValue, r: FilterValue): number | undefined {
  if (l.t === 'number' && r.t === 'number') return l.v - r.v;
  const ls = l.t === 'string' ? l.v : l.t === 'number' ? l.s : undefined;
  const rs = r.t === 'string' ? r.v : r.t === 'number' ? r.s : undefined;
  if (ls === undefined || rs === undefined || (l.t !== 'string' && r.t !== 'string')) return undefined;
  return ls < rs ? -1 : ls > rs ? 1 : 0;
}

/** The elements of a JSON array value, or undefined when it is not one. */
function listOf(v: FilterValue): FilterValue[] | undefined {
  return v.t === 'json' && Array.isArray(v.v) ? v.v.map(toFilterValue) : undefined;
}

function regexInput(v: FilterValue): string {
  if (v.t === 'string') return v.v;
  if (v.t === 'number') return v.s;
  if (v.t === 'boolean') return String(v.v);
  return '';
}

function regexMatches(pattern: RegExp, other: FilterValue): boolean {
  const list = listOf(other);
  if (list) return list.some((x) => pattern.test(regexInput(x)));
  return pattern.test(regexInput(other));
}

function sameKind(l: FilterValue, r: FilterValue): boolean {
  return l.t === r.t;
}

export function compareValues(op: RelationalOperator, l: FilterValue, r: FilterValue): boolean {
  switch (op) {
    case '==': return valuesEqual(l, r);
    case '!=': return !valuesEqual(l, r);
    case '===': return sameKind(l, r) && valuesEqual(l, r);
    case '!==': return !(sameKind(l, r) && valuesEqual(l, r));
    case '<': { const o = order(l, r); return o !== undefined && o < 0; }
    case '<=': { const o = order(l, r); return o !== undefined && o <= 0; }
    case '>': { const o = order(l, r); return o !== undefined && o > 0; }
    case '>=': { const o = order(l, r); return o !== undefined && o >= 0; }
    case '=~':
      if (l.t === 'pattern' && r.t !== 'pattern') return regexMatches(l.re, r);
      if (r.t === 'pattern' && l.t !== 'pattern') return regexMatches(r.re, l);
      return false;
    case 'in': { const list = listOf(r); return list !== undefined && list.some((x) => valuesEqual(l, x)); }
    // a right side that is not JSON makes Jayway throw, which fails the whole filter
    case 'nin': { const list = listOf(r); return r.t === 'json' && !(list !== undefined && list.some((x) => valuesEqual(l, x))); }
    case 'contains': {
      if (l.t === 'string' && r.t === 'string') return l.v.includes(r.v);
      const list = listOf(l);
      return list !== undefined && list.some((x) => valuesEqual(r, x));
    }
    // Jayway's ALL only accepts a value list built through its Criteria API;
    // from an inline filter the right side is a JSON node and it never matches.
    case 'all': return false;
    case 'subsetof': {
      const left = listOf(l);
      const right = listOf(r);
      return left !== undefined && right !== undefined && left.every((x) => right.some((y) => valuesEqual(x, y)));
    }
    case 'anyof': {
      const left = listOf(l);
      const right = listOf(r);
      return left !== undefined && right !== undefined && left.some((x) => right.some((y) => valuesEqual(x, y)));
    }
    case 'noneof': {
      const left = listOf(l);
      const right = listOf(r);
      return left !== undefined && right !== undefined && !left.some((x) => right.some((y) => valuesEqual(x, y)));
    }
    case 'size': {
      if (r.t !== 'number') return false;
      const size = Math.trunc(r.v);
      if (l.t === 'string') return l.v.length === size;
      // Jayway's JsonNode.length() is -1 for an object
      return l.t === 'json' && (Array.isArray(l.v) ? l.v.length : -1) === size;
    }
    case 'empty': {
      if (r.t !== 'boolean') return false;
      if (l.t === 'string') return (l.v.length === 0) === r.v;
      if (l.t !== 'json') return false;
      const n = Array.isArray(l.v) ? l.v.length : Object.keys(l.v as object).length;
      return (n === 0) === r.v;
    }
  }
}
