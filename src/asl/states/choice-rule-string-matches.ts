// StringMatches (ASL spec, "Data-test expression"): "*" matches zero or more
// characters and nothing else is special; "\*" is a literal "*", "\\" a
// literal "\" (in JSON text "\\*" and "\\\\"). "If an open escape backslash
// \ is found in the StringMatches string, the interpreter will throw a
// runtime error."
import { StatesError } from '../errors/states-error.js';

/** The literal runs between the pattern's wildcards: `a*b*c` is ['a', 'b', 'c']. */
export type StringMatchesPattern = readonly string[];

export function compileStringMatches(pattern: string): StringMatchesPattern {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      parts.push(current);
      current = '';
    } else if (c === '\\') {
      const next = pattern[i + 1];
      if (next !== '*' && next !== '\\') {
        throw new StatesError(
          'States.Runtime',
          `The StringMatches pattern '${pattern}' contains an open escape backslash at index ${i}; only \\* and \\\\ are escapes.`,
        );
      }
      current += next;
      i++;
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

/** Whether the whole of `text` matches; linear in its length, whatever the wildcards. */
export function stringMatches(parts: StringMatchesPattern, text: string): boolean {
  const first = parts[0] ?? '';
  if (parts.length === 1) return text === first;
  const last = parts[parts.length - 1] ?? '';
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  let pos = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i] ?? '';
    const found = text.indexOf(part, pos);
    if (found < 0 || found + part.length > end) return false;
    pos = found + part.length;
  }
  return true;
}
