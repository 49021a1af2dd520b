// Where a JSONPath-language path points: the state input ("$..."), the
// context object ("$$..."), or a variable ("$name..."), as AWS resolves them.

export type PathTarget =
  | { readonly kind: 'input'; readonly path: string }
  | { readonly kind: 'context'; readonly path: string }
  | { readonly kind: 'variable'; readonly name: string; readonly path: string };

const VARIABLE = /^\$([A-Za-z_][A-Za-z0-9_]*)(.*)$/s;

const CACHE_LIMIT = 1000;
const targets = new Map<string, PathTarget>();

/** Splits a path into its target and a "$"-rooted path inside that target (answers are shared: never mutate them). */
export function pathTarget(text: string): PathTarget {
  let target = targets.get(text);
  if (target === undefined) {
    target = splitTarget(text);
    if (targets.size >= CACHE_LIMIT) targets.clear();
    targets.set(text, target);
  }
  return target;
}

function splitTarget(text: string): PathTarget {
  if (text.startsWith('$$')) return { kind: 'context', path: '$' + text.slice(2) };
  const m = VARIABLE.exec(text);
  if (m) return { kind: 'variable', name: m[1]!, path: '$' + m[2]! };
  return { kind: 'input', path: text };
}
