// Tokens of an intrinsic function call, e.g.
//   States.Format('{} \{x\}', $.a, States.Array(1, -2.5, true, null))
// Reserved characters in string literals are escaped with a backslash:
// \' \{ \} \\ (AWS developer guide, "Reserved characters in intrinsic
// functions"); any other escape is invalid, which AWS rejects at definition
// time (conformance: test_illegal_escapes__ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION*).

import { IntrinsicSyntaxError } from './errors.js';

export type Token =
  | { readonly kind: 'function'; readonly name: string; readonly offset: number }
  | { readonly kind: 'string'; readonly value: string; readonly raw: string; readonly offset: number }
  | { readonly kind: 'number'; readonly value: number; readonly offset: number }
  | { readonly kind: 'literal'; readonly value: boolean | null; readonly offset: number }
  | { readonly kind: 'path'; readonly path: string; readonly offset: number }
  | { readonly kind: '(' | ')' | ','; readonly offset: number }
  | { readonly kind: 'end'; readonly offset: number };

const ESCAPABLE = new Set(["'", '{', '}', '\\']);
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/;
const FUNCTION_NAME = /^States\.[A-Za-z][A-Za-z0-9]*/;
const WORD = /^[A-Za-z_][A-Za-z0-9_.]*/;

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (true) {
    while (i < text.length && isSpace(text[i]!)) i++;
    if (i >= text.length) {
      tokens.push({ kind: 'end', offset: i });
      return tokens;
    }
    const c = text[i]!;
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, offset: i });
      i++;
    } else if (c === "'") {
      const end = scanString(text, i);
      const raw = text.slice(i + 1, end);
      tokens.push({ kind: 'string', value: unescape(raw), raw, offset: i });
      i = end + 1;
    } else if (c === '$') {
      const end = scanPath(text, i);
      tokens.push({ kind: 'path', path: text.slice(i, end), offset: i });
      i = end;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      const m = NUMBER.exec(text.slice(i));
      if (!m) throw new IntrinsicSyntaxError(`Invalid number at offset ${i}`, i);
      tokens.push({ kind: 'number', value: Number(m[0]), offset: i });
      i += m[0].length;
    } else {
      const rest = text.slice(i);
      const fn = FUNCTION_NAME.exec(rest);
      const word = WORD.exec(rest);
      if (fn && (!word || word[0] === fn[0])) {
        tokens.push({ kind: 'function', name: fn[0], offset: i });
        i += fn[0].length;
      } else if (word && (word[0] === 'true' || word[0] === 'false' || word[0] === 'null')) {
        tokens.push({ kind: 'literal', value: word[0] === 'null' ? null : word[0] === 'true', offset: i });
        i += word[0].length;
      } else {
        const what = word ? `'${word[0]}'` : `character '${c}'`;
        throw new IntrinsicSyntaxError(`Unexpected ${what} at offset ${i}`, i);
      }
    }
  }
}

/** Index of the closing quote of the string literal opening at `start`. */
function scanString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') {
      const next = text[i + 1];
      if (next === undefined || !ESCAPABLE.has(next)) {
        throw new IntrinsicSyntaxError(`Invalid escape sequence '\\${next ?? ''}' at offset ${i}`, i);
      }
      i += 2;
    } else if (c === "'") {
      return i;
    } else {
      i++;
    }
  }
  throw new IntrinsicSyntaxError(`Unterminated string literal at offset ${start}`, start);
}

function unescape(raw: string): string {
  return raw.replace(/\\(.)/gs, '$1');
}

/**
 * End of the path starting at `start`: a path runs to the next `,` or `)` or
 * blank outside brackets, so `$['a, b']` and `$.a[?(@.x == 1)]` stay whole.
 */
function scanPath(text: string, start: number): number {
  let i = start;
  let depth = 0;
  let quote: string | undefined;
  while (i < text.length) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') {
      if (depth === 0) break;
      quote = c;
    } else if (c === '[' || c === '(') {
      depth++;
    } else if (c === ']' || (c === ')' && depth > 0)) {
      depth--;
    } else if (depth === 0 && (c === ',' || c === ')' || isSpace(c))) {
      break;
    }
    i++;
  }
  if (quote || depth !== 0) throw new IntrinsicSyntaxError(`Unterminated path at offset ${start}`, start);
  return i;
}
