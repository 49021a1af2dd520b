// States.Format (generic) and States.StringSplit (string operation).

import { intrinsicFailure, IntrinsicSyntaxError } from './errors.js';
import type { IntrinsicCall } from './parser.js';
import { formatValue, jsonType } from './values.js';

const FORMAT = 'States.Format';
const SPLIT = 'States.StringSplit';

/** The template must be a string: a literal, a path or a call, never a number or true/false/null. */
export function checkFormat(call: IntrinsicCall): void {
  const first = call.args[0]!;
  if (first.kind === 'number' || first.kind === 'literal') {
    throw new IntrinsicSyntaxError(`The first argument of ${FORMAT} must be a string`, 0);
  }
}

/**
 * Splits a template at its `{}` placeholders. In a string literal, `\{` and
 * `\}` are braces that are not placeholders; a template that comes from a
 * path or a call has no escapes.
 */
function templatePieces(template: string, escaped: boolean): string[] {
  const pieces: string[] = [];
  let current = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (escaped && c === '\\' && i + 1 < template.length) {
      current += template[++i];
    } else if (c === '{' && template[i + 1] === '}') {
      pieces.push(current);
      current = '';
      i++;
    } else {
      current += c;
    }
  }
  pieces.push(current);
  return pieces;
}

/**
 * States.Format(template, ...values): each `{}` in the template replaced by
 * the positionally corresponding value; there must be as many values as
 * placeholders.
 */
export function statesFormat(args: unknown[], call: IntrinsicCall): string {
  const [template, ...values] = args;
  if (typeof template !== 'string') {
    intrinsicFailure(FORMAT, `the template (first argument) must be a string, but was ${jsonType(template)}`);
  }
  const first = call.args[0]!;
  const pieces = first.kind === 'string' ? templatePieces(first.raw, true) : templatePieces(template, false);
  const placeholders = pieces.length - 1;
  if (placeholders !== values.length) {
    intrinsicFailure(
      FORMAT,
      `the number of arguments (${values.length}) does not match the number of placeholders {} in the template (${placeholders})`,
    );
  }
  let out = pieces[0]!;
  for (let i = 0; i < values.length; i++) out += formatValue(values[i]) + pieces[i + 1]!;
  return out;
}

/**
 * States.StringSplit(string, delimiters): the maximal runs of characters that
 * are not among the delimiter characters; empty pieces are dropped
 * (conformance: test_string_split__exec_hist_resp_3/5/6, as Java's
 * StringTokenizer).
 */
export function statesStringSplit(args: unknown[]): string[] {
  const [input, delimiters] = args;
  if (typeof input !== 'string') intrinsicFailure(SPLIT, `the first argument must be a string, but was ${jsonType(input)}`);
  if (typeof delimiters !== 'string') {
    intrinsicFailure(SPLIT, `the second argument must be a string, but was ${jsonType(delimiters)}`);
  }
  const separators = new Set(Array.from(delimiters));
  const pieces: string[] = [];
  let current = '';
  for (const ch of input) {
    if (separators.has(ch)) {
      if (current) pieces.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (current) pieces.push(current);
  return pieces;
}
