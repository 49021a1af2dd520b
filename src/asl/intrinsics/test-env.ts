// Shared by the unit tests: an env over a fixed input, with `$$` and `$var` roots.

import { StatesError } from '../errors/states-error.js';
import type { IntrinsicEnv } from './env.js';

export function testEnv(input: unknown, vars: Record<string, unknown> = {}, context: unknown = {}): IntrinsicEnv {
  let n = 0;
  return {
    resolvePath(path) {
      const m = /^(\$\$|\$[A-Za-z_][A-Za-z0-9_]*|\$)((?:\.[A-Za-z0-9_]+|\[\d+\])*)$/.exec(path);
      if (!m) throw new Error(`test env cannot resolve ${path}`);
      let value: unknown = m[1] === '$' ? input : m[1] === '$$' ? context : vars[m[1]!.slice(1)];
      for (const [, key, index] of m[2]!.matchAll(/\.([A-Za-z0-9_]+)|\[(\d+)\]/g)) {
        const k = key ?? Number(index);
        if (value === null || typeof value !== 'object' || !Object.hasOwn(value, k)) {
          throw new StatesError('States.Runtime', `The JSONPath '${path}' could not be found in the input`);
        }
        value = (value as Record<string, unknown>)[k];
      }
      return value;
    },
    uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    random: () => 0.25,
  };
}

/** Runs `fn` and returns the StatesError it throws. */
export function statesErrorOf(fn: () => unknown): StatesError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatesError) return e;
    throw e;
  }
  throw new Error('expected a StatesError');
}
