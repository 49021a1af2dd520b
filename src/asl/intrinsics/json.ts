// Intrinsics for JSON data manipulation.

import { intrinsicFailure } from './errors.js';
import { isJsonObject, jsonType, normalizeNumber } from './values.js';

/**
 * States.StringToJson(string): the parsed JSON value. A blank string gives
 * null (conformance: test_string_to_json__exec_hist_resp_1); "-0" gives 0
 * (resp_3).
 */
export function statesStringToJson(args: unknown[]): unknown {
  const fn = 'States.StringToJson';
  const text = args[0];
  if (typeof text !== 'string') intrinsicFailure(fn, `the argument must be a string, but was ${jsonType(text)}`);
  if (text.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    intrinsicFailure(fn, 'the argument is not a valid JSON text');
  }
  return withoutNegativeZero(parsed);
}

function withoutNegativeZero(value: unknown): unknown {
  if (typeof value === 'number') return normalizeNumber(value);
  if (Array.isArray(value)) return value.map(withoutNegativeZero);
  if (isJsonObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = withoutNegativeZero(v);
    return out;
  }
  return value;
}

/**
 * States.JsonToString(value): compact JSON text, no blanks
 * (conformance: test_json_to_string__exec_hist_resp_7).
 */
export function statesJsonToString(args: unknown[]): string {
  return stringifyCompact(args[0]);
}

/** JSON.stringify, except that control characters escape with upper-case hex, as Jackson writes them. */
export function stringifyCompact(value: unknown): string {
  const text = JSON.stringify(value === undefined ? null : value);
  return text.replace(/\\(\\|u[0-9a-f]{4})/g, (m: string, esc: string) => (esc === '\\' ? m : `\\u${esc.slice(1).toUpperCase()}`));
}

/**
 * States.JsonMerge(a, b, false): the keys of both objects, b's value winning.
 * AWS supports only the shallow mode, so the third argument must be false.
 */
export function statesJsonMerge(args: unknown[]): Record<string, unknown> {
  const fn = 'States.JsonMerge';
  const [left, right, deep] = args;
  if (!isJsonObject(left)) intrinsicFailure(fn, `the first argument must be a JSON object, but was ${jsonType(left)}`);
  if (!isJsonObject(right)) intrinsicFailure(fn, `the second argument must be a JSON object, but was ${jsonType(right)}`);
  if (typeof deep !== 'boolean') intrinsicFailure(fn, `the third argument must be a boolean, but was ${jsonType(deep)}`);
  if (deep) intrinsicFailure(fn, 'only shallow merging is supported; the third argument must be false');
  return { ...left, ...right };
}
