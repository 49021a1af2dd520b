// Intrinsics for math operations. AWS rounds non-integer arguments to the
// nearest integer, halves toward positive infinity as Java's Math.round
// (conformance: test_math_add__exec_hist_resp_1/2/10/14/15/20).

import { intrinsicFailure } from './errors.js';
import type { IntrinsicEnv } from './env.js';
import type { IntrinsicCall } from './parser.js';
import { JavaRandom } from './java-random.js';
import { INT_MAX, INT_MIN, javaRound, show } from './values.js';

function requireInt(fn: string, value: unknown, which: string): number {
  if (typeof value !== 'number') intrinsicFailure(fn, `the ${which} argument must be a number, but was ${show(value)}`);
  const n = javaRound(value);
  if (n < INT_MIN || n > INT_MAX) {
    intrinsicFailure(fn, `the ${which} argument must be between ${INT_MIN} and ${INT_MAX}, but was ${show(value)}`);
  }
  return n;
}

/** States.MathAdd(a, b): the sum of the two rounded integers. */
export function statesMathAdd(args: unknown[]): number {
  const fn = 'States.MathAdd';
  return requireInt(fn, args[0], 'first') + requireInt(fn, args[1], 'second');
}

/**
 * States.MathRandom(start, end[, seed]): an integer in [start, end). With a
 * seed, the draw is java.util.Random(seed).nextInt(end - start) + start, the
 * same on every run; without one it comes from the interpreter's env.
 */
export function statesMathRandom(args: unknown[], _call: IntrinsicCall, env: IntrinsicEnv): number {
  const fn = 'States.MathRandom';
  const start = requireInt(fn, args[0], 'first');
  const end = requireInt(fn, args[1], 'second');
  if (end <= start) intrinsicFailure(fn, `the end (${end}) must be greater than the start (${start})`);
  const span = end - start;
  if (span > INT_MAX) intrinsicFailure(fn, `the range from ${start} to ${end} is too large`);
  if (args.length > 2) {
    const seed = args[2];
    if (typeof seed !== 'number') intrinsicFailure(fn, `the seed (third argument) must be a number, but was ${show(seed)}`);
    return start + new JavaRandom(BigInt(javaRound(seed))).nextInt(span);
  }
  return start + Math.min(span - 1, Math.floor(env.random() * span));
}
