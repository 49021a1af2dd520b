// JSON.parse that remembers the text of every object and array it reads, so
// that a value handed on unchanged is shown as it was written (AWS echoes
// `["first", "second"]` with its spaces when a path selects it from an input).
import { keepRawText } from '../execution/events.js';

const WS = /[ \t\n\r]*/y;

class Reader {
  i = 0;
  constructor(readonly text: string) {}

  skip(): void { WS.lastIndex = this.i; WS.exec(this.text); this.i = WS.lastIndex; }

  value(): unknown {
    this.skip();
    const start = this.i;
    const c = this.text[this.i];
    let v: unknown;
    if (c === '{') {
      const o: Record<string, unknown> = {};
      this.i++; this.skip();
      if (this.text[this.i] === '}') this.i++;
      else {
        for (;;) {
          this.skip();
          const key = this.token() as string;
          this.skip();
          if (this.text[this.i++] !== ':') throw new SyntaxError(`Expected ':' at position ${this.i - 1}`);
          o[key] = this.value();
          this.skip();
          const sep = this.text[this.i++];
          if (sep === '}') break;
          if (sep !== ',') throw new SyntaxError(`Expected ',' or '}' at position ${this.i - 1}`);
        }
      }
      v = o;
    } else if (c === '[') {
      const a: unknown[] = [];
      this.i++; this.skip();
      if (this.text[this.i] === ']') this.i++;
      else {
        for (;;) {
          a.push(this.value());
          this.skip();
          const sep = this.text[this.i++];
          if (sep === ']') break;
          if (sep !== ',') throw new SyntaxError(`Expected ',' or ']' at position ${this.i - 1}`);
        }
      }
      v = a;
    } else {
      return this.token();
    }
    keepRawText(v, this.text.slice(start, this.i));
    return v;
  }

  /** a string, number or literal, read by JSON.parse itself */
  token(): unknown {
    // eslint-disable-next-line no-control-regex -- JSON strings may not hold raw control characters
    const m = /"(?:[^"\\\u0000-\u001f]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
    m.lastIndex = this.i;
    const r = m.exec(this.text);
    if (!r) throw new SyntaxError(`Unexpected token at position ${this.i}`);
    this.i = m.lastIndex;
    return JSON.parse(r[0]);
  }
}

/** Parses JSON text (as JSON.parse, whose errors it raises for invalid text). */
export function parseKeepingText(text: string): unknown {
  const value = JSON.parse(text);
  try {
    const r = new Reader(text);
    const v = r.value();
    return v;
  } catch {
    return value;
  }
}
