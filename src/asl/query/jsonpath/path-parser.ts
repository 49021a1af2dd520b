// JSONPath text -> steps, following Jayway JsonPath's PathCompiler, which
// AWS Step Functions uses: the same tokens, the same loose forms ("$.[0]",
// "$.['a']", "$[0]a"), the same errors.
import { makeParsedPath, type ParsedPath, type PathFunctionName, type Step } from './ast.js';
import { indexOfMatchingClose, javaSplit, nextSignificant, parseJavaInt } from './character-index.js';
import { parseFilter } from './filter-parser.js';
import { JsonPathSyntaxError } from './syntax-error.js';

const FUNCTIONS: ReadonlySet<string> = new Set<PathFunctionName>(['length', 'size', 'min', 'max', 'avg', 'stddev', 'sum', 'keys', 'first', 'last']);

/** Parses a path rooted at `$` (or at `@` when `allowItemRoot`, inside filters). */
export function parsePath(text: string, allowItemRoot = false): ParsedPath {
  return new PathParser(text).parse(allowItemRoot);
}

class PathParser {
  private readonly src: string;
  private pos = 0;
  private readonly steps: Step[] = [];

  constructor(private readonly text: string) {
    this.src = text.trim();
  }

  private fail(reason: string): never {
    throw new JsonPathSyntaxError(this.text, reason);
  }

  parse(allowItemRoot: boolean): ParsedPath {
    const { src } = this;
    if (src === '') this.fail('Path must not be empty');
    const root = src[0];
    if (root !== '$' && !(allowItemRoot && root === '@')) this.fail(`Path must start with '$'`);
    if (src.endsWith('.')) this.fail(`Path must not end with a '.' or '..'`);
    this.pos = 1;
    if (src.length > 1) {
      if (src[1] !== '.' && src[1] !== '[') this.fail(`Illegal character at position 1 expected '.' or '['`);
      while (this.pos < src.length) this.readNextToken();
    }
    const last = this.steps.length - 1;
    this.steps.forEach((s, i) => {
      if (s.kind === 'function' && i !== last) this.fail(`Function '${s.name}()' must be the last step of a path`);
    });
    if (this.steps[0]?.kind === 'scan' && this.steps.length === 2 && this.steps[1]!.kind === 'function') {
      this.fail(`Function '${(this.steps[1] as { name: string }).name}()' needs a path after '..'`);
    }
    return makeParsedPath(root as '$' | '@', this.steps);
  }

  private readNextToken(): void {
    const c = this.src[this.pos];
    if (c === '[') {
      if (!this.readBracketProperty() && !this.readArrayToken() && !this.readBracketWildcard() && !this.readFilter()) {
        this.fail(`Could not parse token starting at position ${this.pos}. Expected ?, ', 0-9, * `);
      }
    } else if (c === '.') {
      this.readDotToken();
    } else if (c === '*') {
      this.steps.push({ kind: 'wildcard' });
      this.pos++;
    } else {
      this.readPropertyOrFunction();
    }
  }

  private readDotToken(): void {
    const { src } = this;
    if (src[this.pos + 1] === '.') {
      this.steps.push({ kind: 'scan' });
      this.pos += 2;
    } else if (this.pos + 1 >= src.length) {
      this.fail(`Path must not end with a '.'`);
    } else {
      this.pos++;
    }
    if (src[this.pos] === '.') this.fail(`Character '.' on position ${this.pos} is not valid.`);
    this.readNextToken();
  }

  // fooBar or fooBar()
  private readPropertyOrFunction(): void {
    const { src } = this;
    const start = this.pos;
    if (src[start] === ' ') this.fail(`Could not parse token starting at position ${start}`);
    let end = start;
    while (end < src.length && src[end] !== '.' && src[end] !== '[' && src[end] !== '(') {
      if (src[end] === ' ') this.fail(`Use bracket notion ['my prop'] if your property contains blank characters. position: ${end}`);
      end++;
    }
    const name = src.slice(start, end);
    if (src[end] !== '(') {
      this.steps.push({ kind: 'property', names: [name], quote: "'" });
      this.pos = end;
      return;
    }
    const close = indexOfMatchingClose(src, end, false);
    if (close < 0) this.fail(`Arguments to function: '${name}' are not closed properly.`);
    if (src.slice(end + 1, close).trim() !== '') this.fail(`Arguments to function '${name}' are not supported`);
    if (!FUNCTIONS.has(name)) this.fail(`Function with name: ${name} does not exist.`);
    this.steps.push({ kind: 'function', name: name as PathFunctionName });
    this.pos = close + 1;
  }

  // ['foo'], ["foo"], ['a','b']. The name is kept as written between the quotes:
  // a backslash only stops the next character from closing it (AWS reads
  // $['Test\""Name"'] as the key Test\""Name").
  private readBracketProperty(): boolean {
    const { src } = this;
    const qi = nextSignificant(src, this.pos);
    const quote = qi < 0 ? undefined : src[qi];
    if (quote !== "'" && quote !== '"') return false;
    const names: string[] = [];
    let i = this.pos + 1;
    let start = 0;
    let end = -1;
    let inName = false;
    let escaped = false;
    let afterComma = false;
    for (; i < src.length; i++) {
      const c = src[i];
      if (escaped) {
        escaped = false;
      } else if (c === '\\') {
        escaped = true;
      } else if (c === ']' && !inName) {
        if (afterComma) this.fail(`Found empty property at index ${i}`);
        break;
      } else if (c === quote) {
        if (inName) {
          const n = nextSignificant(src, i);
          if (n < 0 || (src[n] !== ']' && src[n] !== ',')) {
            this.fail(`Property must be separated by comma or Property must be terminated close square bracket at index ${i}`);
          }
          names.push(src.slice(start, i));
          end = i;
          inName = false;
        } else {
          start = i + 1;
          inName = true;
          afterComma = false;
        }
      } else if (c === ',' && !inName) {
        if (afterComma) this.fail(`Found empty property at index ${i}`);
        afterComma = true;
      }
    }
    if (inName) this.fail(`Property has not been closed - missing closing ${quote}`);
    const close = end < 0 ? -1 : nextSignificant(src, end);
    if (close < 0 || src[close] !== ']') this.fail('Property has not been closed - missing closing ]');
    this.steps.push({ kind: 'property', names, quote });
    this.pos = close + 1;
    return true;
  }

  // [1], [1,2], [-1], [1:], [1:2], [:2]
  private readArrayToken(): boolean {
    const { src } = this;
    const first = nextSignificant(src, this.pos);
    if (first < 0 || !/[0-9:-]/.test(src[first]!)) return false;
    const close = src.indexOf(']', this.pos + 1);
    if (close < 0) return false;
    const expr = src.slice(this.pos + 1, close).trim();
    if (!/^[0-9,:\- ]*$/.test(expr)) return false;
    if (expr.includes(':')) {
      if (!/^[0-9:-]*$/.test(expr)) this.fail(`Failed to parse SliceOperation: ${expr}`);
      const parts = javaSplit(expr, ':');
      const bound = (k: number): number | undefined => {
        const p = parts[k];
        if (p === undefined || p === '') return undefined;
        const n = parseJavaInt(p);
        if (n === undefined) this.fail(`Failed to parse SliceOperation: ${expr}`);
        return n;
      };
      const from = bound(0);
      const to = bound(1);
      if (from === undefined && to === undefined) this.fail(`Failed to parse SliceOperation: ${expr}`);
      this.steps.push({ kind: 'slice', from, to });
    } else {
      const indexes = javaSplit(expr, ',').map((t) => {
        const n = parseJavaInt(t.trim());
        if (n === undefined) this.fail(`Failed to parse token in ArrayIndexOperation: ${t}`);
        return n;
      });
      this.steps.push({ kind: 'index', indexes });
    }
    this.pos = close + 1;
    return true;
  }

  // [*]
  private readBracketWildcard(): boolean {
    const { src } = this;
    const star = nextSignificant(src, this.pos);
    if (star < 0 || src[star] !== '*') return false;
    const close = nextSignificant(src, star);
    if (close < 0 || src[close] !== ']') this.fail(`Expected wildcard token to end with ']' on position ${star + 1}`);
    this.steps.push({ kind: 'wildcard' });
    this.pos = close + 1;
    return true;
  }

  // [?(...)]
  private readFilter(): boolean {
    const { src } = this;
    const q = nextSignificant(src, this.pos);
    if (q < 0 || src[q] !== '?') return false;
    const open = nextSignificant(src, q);
    if (open < 0 || src[open] !== '(') return false;
    const closeParen = indexOfMatchingClose(src, open, true);
    if (closeParen < 0) return false;
    const close = nextSignificant(src, closeParen);
    if (close < 0 || src[close] !== ']') return false;
    try {
      this.steps.push({ kind: 'filter', expr: parseFilter(src.slice(open, closeParen + 1)) });
    } catch (e) {
      if (e instanceof JsonPathSyntaxError) this.fail(`Could not compile inline filter ${src.slice(this.pos, close + 1)}: ${e.reason}`);
      throw e;
    }
    this.pos = close + 1;
    return true;
  }
}
