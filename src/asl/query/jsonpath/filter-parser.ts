// The inside of a `[?( ... )]` filter, following Jayway JsonPath's
// FilterCompiler grammar:
//   LogicalOR          = LogicalAND { '||' LogicalAND }
//   LogicalAND         = LogicalANDOperand { '&&' LogicalANDOperand }
//   LogicalANDOperand  = RelationalExpression | '(' LogicalOR ')' | '!' LogicalANDOperand
//   RelationalExpression = Value [ RelationalOperator Value ]
// A lone path is an existence check; `!@.path` checks that it does not exist.
import type { FilterExpr, FilterValue, Operand, ParsedPath, RelationalOperator } from './ast.js';
import { indexOfMatchingClose, isBlank, nextIndexOfUnescaped } from './character-index.js';
import { parseJsonLiteral, unescapeJava } from './json-literal.js';
import { parsePath } from './path-parser.js';
import { JsonPathSyntaxError } from './syntax-error.js';

const OPERATORS: ReadonlySet<string> = new Set<RelationalOperator>([
  '==', '!=', '===', '!==', '<', '<=', '>', '>=', '=~',
  'in', 'nin', 'contains', 'all', 'size', 'empty', 'subsetof', 'anyof', 'noneof',
]);

/** `text` is the parenthesised filter, `(@.price < 10)`. */
export function parseFilter(text: string): FilterExpr {
  return new FilterParser(text).parse();
}

type Value = Operand & { readonly shouldExist?: boolean };

function isOperatorChar(c: string | undefined): boolean {
  return c === '<' || c === '>' || c === '=' || c === '~' || c === '!';
}

class FilterParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  private fail(reason: string): never {
    throw new JsonPathSyntaxError(this.text, reason);
  }

  private get current(): string | undefined {
    return this.text[this.pos];
  }

  private skipBlanks(): this {
    while (this.pos < this.text.length && isBlank(this.text[this.pos])) this.pos++;
    return this;
  }

  private hasSignificant(s: string): boolean {
    this.skipBlanks();
    if (!this.text.startsWith(s, this.pos)) return false;
    this.pos += s.length;
    return true;
  }

  private readSignificant(c: string): void {
    if (this.skipBlanks().current !== c) this.fail(`Expected character: ${c}`);
    this.pos++;
  }

  parse(): FilterExpr {
    const expr = this.readOr();
    this.skipBlanks();
    if (this.pos < this.text.length) this.fail(`Expected end of filter expression instead of: ${this.text.slice(this.pos)}`);
    return expr;
  }

  private readOr(): FilterExpr {
    const items = [this.readAnd()];
    while (this.hasSignificant('||')) items.push(this.readAnd());
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  private readAnd(): FilterExpr {
    const items = [this.readAndOperand()];
    while (this.hasSignificant('&&')) items.push(this.readAndOperand());
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  private readAndOperand(): FilterExpr {
    const save = this.skipBlanks().pos;
    if (this.current === '!') {
      this.pos++;
      const c = this.skipBlanks().current;
      if (c !== '$' && c !== '@') return { kind: 'not', item: this.readAndOperand() };
      this.pos = save;
    }
    if (this.skipBlanks().current === '(') {
      this.pos++;
      const expr = this.readOr();
      this.readSignificant(')');
      return expr;
    }
    return this.readExpression();
  }

  private readExpression(): FilterExpr {
    const left = this.readValue();
    const save = this.pos;
    try {
      const op = this.readOperator();
      const right = this.readValue();
      return { kind: 'compare', op, left: strip(left), right: strip(right) };
    } catch (e) {
      if (!(e instanceof JsonPathSyntaxError)) throw e;
      this.pos = save;
    }
    if (left.kind !== 'path') this.fail('Expected path node');
    return { kind: 'exists', path: left.path, expected: left.shouldExist !== false };
  }

  private readOperator(): RelationalOperator {
    const begin = this.skipBlanks().pos;
    if (isOperatorChar(this.current)) {
      while (this.pos < this.text.length && isOperatorChar(this.current)) this.pos++;
    } else {
      while (this.pos < this.text.length && !isBlank(this.current)) this.pos++;
    }
    const op = this.text.slice(begin, this.pos);
    const normal = /^[a-z]+$/i.test(op) ? op.toLowerCase() : op;
    if (!OPERATORS.has(normal)) this.fail(`Filter operator ${op} is not supported!`);
    return normal as RelationalOperator;
  }

  private readValue(): Value {
    const c = this.skipBlanks().current;
    if (c === '$' || c === '@') return this.readPath();
    if (c === '!') {
      this.pos++;
      const n = this.skipBlanks().current;
      if (n === '$' || n === '@') return this.readPath();
      this.fail('Unexpected character: !');
    }
    return { kind: 'literal', value: this.readLiteral() };
  }

  private readPath(): Value {
    const { text } = this;
    let prev = this.pos - 1;
    while (prev >= 0 && isBlank(text[prev])) prev--;
    const shouldExist = text[prev] !== '!';
    const begin = this.pos;
    this.pos++;
    while (this.pos < text.length) {
      if (this.current === '[') {
        const close = indexOfMatchingClose(text, this.pos, false);
        if (close < 0) this.fail(`Square brackets does not match in filter ${text}`);
        this.pos = close + 1;
        if (this.pos >= text.length) break;
      }
      const c = this.current;
      const closesLogicalGroup = c === ')' && !this.closesFunctionCall(begin);
      if (isOperatorChar(c) || isBlank(c) || closesLogicalGroup) break;
      this.pos++;
    }
    const path: ParsedPath = parsePath(text.slice(begin, this.pos), true);
    return { kind: 'path', path, shouldExist };
  }

  /** Whether the `)` at the cursor ends a `.fn()` call that started after `lowerBound`. */
  private closesFunctionCall(lowerBound: number): boolean {
    let i = this.pos - 1;
    while (i >= 0 && isBlank(this.text[i])) i--;
    if (i < 0 || this.text[i] !== '(') return false;
    for (i--; i > lowerBound; i--) if (this.text[i] === '.') return true;
    return false;
  }

  private readLiteral(): FilterValue {
    const c = this.current;
    if (c === "'" || c === '"') return this.readString(c);
    if (c === 't' || c === 'f') return this.readWord(c === 't' ? 'true' : 'false', { t: 'boolean', v: c === 't' });
    if (c === 'n') return this.readWord('null', { t: 'null' });
    if (c === '{' || c === '[') return this.readJson();
    if (c === '/') return this.readPattern();
    return this.readNumber();
  }

  private readWord(word: string, value: FilterValue): FilterValue {
    if (!this.text.startsWith(word, this.pos)) this.fail(`Expected <${word}> value`);
    this.pos += word.length;
    return value;
  }

  private readString(quote: string): FilterValue {
    const close = nextIndexOfUnescaped(this.text, this.pos, quote);
    if (close < 0) this.fail(`String literal does not have matching quotes. Expected ${quote} in ${this.text}`);
    const v = unescapeJava(this.text.slice(this.pos + 1, close));
    this.pos = close + 1;
    return { t: 'string', v };
  }

  private readNumber(): FilterValue {
    const begin = this.pos;
    while (this.pos < this.text.length && /[0-9eE.+-]/.test(this.current!)) this.pos++;
    const s = this.text.slice(begin, this.pos);
    if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) this.fail(`Failed to parse filter at position ${begin}`);
    return { t: 'number', v: Number(s), s: s.replace(/^\+/, '') };
  }

  private readJson(): FilterValue {
    const close = indexOfMatchingClose(this.text, this.pos, false);
    if (close < 0) this.fail(`JSON literal not closed in ${this.text}`);
    const src = this.text.slice(this.pos, close + 1);
    const v = parseJsonLiteral(src);
    if (v === undefined) this.fail(`Invalid JSON literal ${src}`);
    this.pos = close + 1;
    return { t: 'json', v };
  }

  // /regex/flags. Jayway matches with java.util.regex Matcher#matches, so the
  // pattern must match the whole value.
  private readPattern(): FilterValue {
    const close = nextIndexOfUnescaped(this.text, this.pos, '/');
    if (close < 0) this.fail(`Pattern not closed. Expected / in ${this.text}`);
    const source = this.text.slice(this.pos + 1, close);
    let end = close + 1;
    while (end < this.text.length && /[a-zA-Z]/.test(this.text[end]!)) end++;
    const javaFlags = this.text.slice(close + 1, end);
    let flags = '';
    for (const f of ['i', 'm', 's']) if (javaFlags.includes(f)) flags += f;
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${source})$`, flags);
    } catch {
      this.fail(`Invalid regular expression /${source}/`);
    }
    this.pos = end;
    return { t: 'pattern', re };
  }
}

function strip(v: Value): Operand {
  return v.kind === 'path' ? { kind: 'path', path: v.path } : v;
}
