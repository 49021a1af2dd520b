// Where a JSONPath-language path points: the state input ("$..."), the
// context object ("$$..."), or a variable ("$name..."), as AWS resolves them.
import { memoize } from '../memo.js';

export type PathTarget =
  | { readonly kind: 'input'; readonly path: string }
  | { readonly kind: 'context'; readonly path: string }
  | { readonly kind: 'variable'; readonly name: string; readonly path: string };

const VARIABLE = /^\$([A-Za-z_][A-Za-z0-9_]*)(.*)$/s;

/** Splits a path into its target and a "$"-rooted path inside that target (answers are shared: never mutate them). */
export const pathTarget: (text: string) => PathTarget = memoize(splitTarget);

function splitTarget(text: string): PathTarget {
  if (text.startsWith('$$')) return { kind: 'context', path: '$' + text.slice(2) };
  const m = VARIABLE.exec(text);
  if (m) return { kind: 'variable', name: m[1]!, path: '$' + m[2]! };
  return { kind: 'input', path: text };
}
