// Intrinsics for arrays (AWS developer guide, "Intrinsics for arrays").

import { intrinsicFailure } from './errors.js';
import { jsonEquals, jsonType, show } from './values.js';

/** Most items States.ArrayRange may produce. */
export const ARRAY_RANGE_MAX_ITEMS = 1000;

function requireArray(fn: string, value: unknown, which: string): unknown[] {
  if (!Array.isArray(value)) intrinsicFailure(fn, `the ${which} argument must be an array, but was ${jsonType(value)}`);
  return value;
}

function requireInteger(fn: string, value: unknown, which: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    intrinsicFailure(fn, `the ${which} argument must be an integer, but was ${show(value)}`);
  }
  return value;
}

/** States.Array(...values): the values, in order, as an array. */
export function statesArray(args: unknown[]): unknown[] {
  return args.map((v) => (v === undefined ? null : v));
}

/** States.ArrayPartition(array, size): consecutive chunks of `size` items; the last may be shorter. */
export function statesArrayPartition(args: unknown[]): unknown[][] {
  const fn = 'States.ArrayPartition';
  const array = requireArray(fn, args[0], 'first');
  const size = requireInteger(fn, args[1], 'second');
  if (size <= 0) intrinsicFailure(fn, `the chunk size must be a positive integer, but was ${size}`);
  const chunks: unknown[][] = [];
  for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
  return chunks;
}

/** States.ArrayContains(array, value): whether an item equals the value (deep JSON equality). */
export function statesArrayContains(args: unknown[]): boolean {
  const array = requireArray('States.ArrayContains', args[0], 'first');
  return array.some((item) => jsonEquals(item, args[1]));
}

/**
 * States.ArrayRange(first, last, step): first, first+step, … up to and
 * including last; integers only, a non-zero step, at most 1000 items.
 */
export function statesArrayRange(args: unknown[]): number[] {
  const fn = 'States.ArrayRange';
  const first = requireInteger(fn, args[0], 'first');
  const last = requireInteger(fn, args[1], 'second');
  const step = requireInteger(fn, args[2], 'third');
  if (step === 0) intrinsicFailure(fn, 'the step (third argument) must not be 0');
  const count = (step > 0 ? last >= first : last <= first) ? Math.floor((last - first) / step) + 1 : 0;
  if (count > ARRAY_RANGE_MAX_ITEMS) {
    intrinsicFailure(fn, `the range has ${count} items, more than the maximum of ${ARRAY_RANGE_MAX_ITEMS}`);
  }
  return Array.from({ length: count }, (_, i) => first + i * step);
}

/** States.ArrayGetItem(array, index): the item at a zero-based index. */
export function statesArrayGetItem(args: unknown[]): unknown {
  const fn = 'States.ArrayGetItem';
  const array = requireArray(fn, args[0], 'first');
  const index = requireInteger(fn, args[1], 'second');
  if (index < 0 || index >= array.length) {
    intrinsicFailure(fn, `the index ${index} is out of bounds for an array of length ${array.length}`);
  }
  return array[index];
}

/** States.ArrayLength(array): the number of items. */
export function statesArrayLength(args: unknown[]): number {
  return requireArray('States.ArrayLength', args[0], 'first').length;
}

/** States.ArrayUnique(array): the items without duplicates, first occurrences kept in order. */
export function statesArrayUnique(args: unknown[]): unknown[] {
  const array = requireArray('States.ArrayUnique', args[0], 'first');
  const unique: unknown[] = [];
  for (const item of array) if (!unique.some((u) => jsonEquals(u, item))) unique.push(item);
  return unique;
}
