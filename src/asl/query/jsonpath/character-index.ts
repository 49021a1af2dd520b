// Scanning helpers shared by the path and filter parsers (Jayway's CharacterIndex).

export function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** Index of the next `c` after `from` that no backslash escapes, or -1. */
export function nextIndexOfUnescaped(text: string, from: number, c: string): number {
  let escaped = false;
  for (let i = from + 1; i < text.length; i++) {
    const ch = text[i];
    if (escaped) escaped = false;
    else if (ch === '\\') escaped = true;
    else if (ch === c) return i;
  }
  return -1;
}

/** Index of the first non-blank character after `from`, or -1. */
export function nextSignificant(text: string, from: number): number {
  let i = from + 1;
  while (i < text.length && isBlank(text[i])) i++;
  return i < text.length ? i : -1;
}

/**
 * Index of the bracket closing the one at `open`, skipping quoted strings
 * (and /regex/ literals when `skipRegex`), or -1.
 */
export function indexOfMatchingClose(text: string, open: number, skipRegex: boolean): number {
  const openChar = text[open]!;
  const closeChar = openChar === '(' ? ')' : openChar === '[' ? ']' : '}';
  let depth = 1;
  let i = open + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'" || c === '"' || (skipRegex && c === '/')) {
      const end = nextIndexOfUnescaped(text, i, c);
      if (end < 0) return -1;
      i = end + 1;
      continue;
    }
    if (c === openChar) depth++;
    else if (c === closeChar && --depth === 0) return i;
    i++;
  }
  return -1;
}

/** java.lang.String#split on a literal separator: trailing empty strings are dropped. */
export function javaSplit(s: string, sep: string): string[] {
  if (s === '') return [''];
  const parts = s.split(sep);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Integer.parseInt: an optionally signed run of digits within the 32-bit range. */
export function parseJavaInt(s: string): number | undefined {
  if (!/^[-+]?\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n >= -2147483648 && n <= 2147483647 ? n : undefined;
}
