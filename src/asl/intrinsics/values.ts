// JSON value helpers shared by the intrinsic families.

export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

export function jsonType(value: unknown): JsonType {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'object';
  }
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return jsonType(value) === 'object';
}

/** Structural equality of JSON values; object key order does not matter. */
export function jsonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ta = jsonType(a);
  if (ta !== jsonType(b)) return false;
  if (ta === 'array') {
    const xa = a as unknown[];
    const xb = b as unknown[];
    return xa.length === xb.length && xa.every((v, i) => jsonEquals(v, xb[i]));
  }
  if (ta === 'object') {
    const oa = a as Record<string, unknown>;
    const ob = b as Record<string, unknown>;
    const ka = Object.keys(oa);
    if (ka.length !== Object.keys(ob).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(ob, k) && jsonEquals(oa[k], ob[k]));
  }
  return ta === 'null';
}

/** -0 is not a JSON value; AWS prints it as 0. */
export function normalizeNumber(n: number): number {
  return Object.is(n, -0) ? 0 : n;
}

/**
 * How AWS (Java) turns a value into text inside States.Format: strings as
 * they are, objects and arrays as Java's Map/List toString (`{a=1, b=[x, y]}`),
 * scalars as JSON (conformance: test_generic/test_context_json_path,
 * test_format_1__exec_hist_resp_3).
 */
export function formatValue(value: unknown): string {
  switch (jsonType(value)) {
    case 'string':
      return value as string;
    case 'null':
      return 'null';
    case 'number':
      return String(normalizeNumber(value as number));
    case 'boolean':
      return String(value);
    case 'array':
      return `[${(value as unknown[]).map(formatValue).join(', ')}]`;
    case 'object':
      return `{${Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k}=${formatValue(v)}`)
        .join(', ')}}`;
  }
}

/** A short rendering of a value for error causes. */
export function show(value: unknown): string {
  const text = value === undefined ? 'null' : JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 100)}...` : text;
}

/** Java's Math.round (as JavaScript's): the closest integer, ties toward positive infinity. */
export function javaRound(n: number): number {
  return normalizeNumber(Math.round(n));
}

export const INT_MIN = -2147483648;
export const INT_MAX = 2147483647;
