// Grammar of an intrinsic call (a `.$` field value that is not a path):
//   call     := FUNCTION '(' [ argument { ',' argument } ] ')'
//   argument := call | STRING | NUMBER | true | false | null | PATH
// The whole text must be one call. Function names and argument counts are
// checked here, so a wrong call is a definition error, as on AWS.

import { memoize } from '../memo.js';
import { IntrinsicSyntaxError } from './errors.js';
import { tokenize, type Token } from './lexer.js';
import { INTRINSICS } from './registry.js';

export type IntrinsicArgument =
  | { readonly kind: 'string'; readonly value: string; /** text between the quotes, escapes intact */ readonly raw: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'literal'; readonly value: boolean | null }
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'call'; readonly call: IntrinsicCall };

export interface IntrinsicCall {
  /** e.g. `States.Format` */
  readonly name: string;
  readonly args: readonly IntrinsicArgument[];
  /** the call's own source text, e.g. `States.Array($.a, 1)` */
  readonly text: string;
}

const CALL_START = /^States\.[A-Za-z][A-Za-z0-9]*\s*\(/;

/** Whether a `.$` field value is meant as an intrinsic call rather than a path. */
export function isIntrinsicCall(text: string): boolean {
  return CALL_START.test(text);
}

/** A call's parse, or the syntax error it gives, once per text. */
const parsed = memoize((text: string): IntrinsicCall | IntrinsicSyntaxError => {
  try {
    return parseUncached(text);
  } catch (e) {
    if (!(e instanceof IntrinsicSyntaxError)) throw e;
    return e;
  }
}, 2000);

/** Parses (and caches) one intrinsic call; throws IntrinsicSyntaxError. */
export function parseIntrinsic(text: string): IntrinsicCall {
  const hit = parsed(text);
  if (hit instanceof IntrinsicSyntaxError) throw hit;
  return hit;
}

function parseUncached(text: string): IntrinsicCall {
  const tokens = tokenize(text);
  const parser = new Parser(text, tokens);
  const first = parser.peek();
  if (first.kind !== 'function') {
    throw new IntrinsicSyntaxError(`An intrinsic call must start with a States.* function name`, first.offset);
  }
  const call = parser.call();
  const rest = parser.peek();
  if (rest.kind !== 'end') {
    throw new IntrinsicSyntaxError(`Unexpected ${describe(rest)} after the end of the call at offset ${rest.offset}`, rest.offset);
  }
  return call;
}

class Parser {
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  peek(): Token {
    return this.tokens[this.i]!;
  }

  private next(): Token {
    const t = this.tokens[this.i]!;
    if (t.kind !== 'end') this.i++;
    return t;
  }

  private expect(kind: '(' | ')' | ',', context: string): Token {
    const t = this.next();
    if (t.kind !== kind) {
      throw new IntrinsicSyntaxError(`Expected '${kind}' ${context} but found ${describe(t)} at offset ${t.offset}`, t.offset);
    }
    return t;
  }

  call(): IntrinsicCall {
    const head = this.next();
    if (head.kind !== 'function') throw new IntrinsicSyntaxError(`Expected a function name at offset ${head.offset}`, head.offset);
    const spec = INTRINSICS.get(head.name);
    if (!spec) throw new IntrinsicSyntaxError(`Unknown intrinsic function '${head.name}'`, head.offset);
    this.expect('(', `after ${head.name}`);
    const args: IntrinsicArgument[] = [];
    if (this.peek().kind === ')') {
      this.next();
    } else {
      while (true) {
        args.push(this.argument());
        const sep = this.next();
        if (sep.kind === ')') break;
        if (sep.kind !== ',') {
          throw new IntrinsicSyntaxError(`Expected ',' or ')' in ${head.name} but found ${describe(sep)} at offset ${sep.offset}`, sep.offset);
        }
      }
    }
    const end = this.tokens[this.i - 1]!.offset + 1;
    if (args.length < spec.minArgs || args.length > spec.maxArgs) {
      throw new IntrinsicSyntaxError(`${head.name} takes ${arity(spec.minArgs, spec.maxArgs)}, but ${args.length} given`, head.offset);
    }
    const call: IntrinsicCall = { name: head.name, args, text: this.text.slice(head.offset, end) };
    spec.check?.(call);
    return call;
  }

  private argument(): IntrinsicArgument {
    const t = this.peek();
    switch (t.kind) {
      case 'function':
        return { kind: 'call', call: this.call() };
      case 'string':
        this.next();
        return { kind: 'string', value: t.value, raw: t.raw };
      case 'number':
        this.next();
        return { kind: 'number', value: t.value };
      case 'literal':
        this.next();
        return { kind: 'literal', value: t.value };
      case 'path':
        this.next();
        return { kind: 'path', path: t.path };
      default:
        throw new IntrinsicSyntaxError(`Expected an argument but found ${describe(t)} at offset ${t.offset}`, t.offset);
    }
  }
}

function arity(min: number, max: number): string {
  const n = (k: number) => `${k} argument${k === 1 ? '' : 's'}`;
  if (min === max) return `exactly ${n(min)}`;
  if (max === Infinity) return `at least ${n(min)}`;
  return `${min} to ${max} arguments`;
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'end':
      return 'the end of the text';
    case 'function':
      return `'${t.name}'`;
    case 'string':
      return 'a string';
    case 'number':
      return `the number ${t.value}`;
    case 'literal':
      return `'${String(t.value)}'`;
    case 'path':
      return `the path '${t.path}'`;
    default:
      return `'${t.kind}'`;
  }
}
