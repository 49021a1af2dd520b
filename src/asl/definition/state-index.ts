import type { Program, StateDef } from './types.js';
import { stateKey } from './types.js';

const indexes = new WeakMap<ReadonlyMap<string, unknown>, Map<string, Map<string, StateDef>>>();

/**
 * The states of a program by scope key, then name: the StateDefs of
 * `program.compiled` (keyed by stateKey(scope, name)), found without
 * building a key string for every lookup. Built once per `compiled` map.
 */
export function stateIndex(program: Program): ReadonlyMap<string, ReadonlyMap<string, StateDef>> {
  let index = indexes.get(program.compiled);
  if (index === undefined) {
    index = new Map();
    for (const [key, value] of program.compiled) {
      const d = value as StateDef;
      if (typeof d !== 'object' || d === null || key !== stateKey(d.scopeKey, d.name)) continue;
      let scope = index.get(d.scopeKey);
      if (scope === undefined) index.set(d.scopeKey, (scope = new Map()));
      scope.set(d.name, d);
    }
    indexes.set(program.compiled, index);
  }
  return index;
}
