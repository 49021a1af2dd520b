// Literals inside filters: Jayway reads JSON literals with json-smart's
// permissive parser (single-quoted strings, bare keys) and unescapes string
// literals as Java source does.

/** Java-style unescaping (Jayway Utils.unescape): \\ \' \" \r \f \t \n \b \uXXXX; other escapes keep the character. */
export function unescapeJava(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = s[++i];
    if (n === undefined) { out += '\\'; break; }
    switch (n) {
      case 'r': out += '\r'; break;
      case 'f': out += '\f'; break;
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'b': out += '\b'; break;
      case 'u': {
        const hex = s.slice(i + 1, i + 5);
        if (/^[0-9a-fA-F]{4}$/.test(hex)) { out += String.fromCharCode(parseInt(hex, 16)); i += 4; } else out += 'u';
        break;
      }
      default: out += n;
    }
  }
  return out;
}

/** Parses a permissive JSON literal; undefined when it is not one. */
export function parseJsonLiteral(src: string): unknown {
  const p = new LiteralParser(src);
  try {
    const v = p.value();
    p.blanks();
    return p.atEnd() ? v : undefined;
  } catch {
    return undefined;
  }
}

class LiteralParser {
  private i = 0;
  constructor(private readonly s: string) {}

  atEnd(): boolean {
    return this.i >= this.s.length;
  }

  blanks(): void {
    while (/\s/.test(this.s[this.i] ?? '')) this.i++;
  }

  private expect(c: string): void {
    this.blanks();
    if (this.s[this.i] !== c) throw new Error(`expected ${c}`);
    this.i++;
  }

  value(): unknown {
    this.blanks();
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"' || c === "'") return this.string(c);
    const m = /^(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)|^(true|false|null)\b/.exec(this.s.slice(this.i));
    if (!m) return this.bare();
    this.i += m[0].length;
    if (m[1] !== undefined) return Number(m[1]);
    return m[2] === 'true' ? true : m[2] === 'false' ? false : null;
  }

  private bare(): string {
    const m = /^[A-Za-z_$][\w$-]*/.exec(this.s.slice(this.i));
    if (!m) throw new Error('unexpected character');
    this.i += m[0].length;
    return m[0];
  }

  private string(q: string): string {
    let out = '';
    for (this.i++; this.i < this.s.length; this.i++) {
      const c = this.s[this.i]!;
      if (c === q) {
        this.i++;
        return unescapeJava(out);
      }
      if (c === '\\') out += c + (this.s[++this.i] ?? '');
      else out += c;
    }
    throw new Error('unterminated string');
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.i++;
    this.blanks();
    if (this.s[this.i] === ']') { this.i++; return out; }
    for (;;) {
      out.push(this.value());
      this.blanks();
      if (this.s[this.i] === ',') { this.i++; continue; }
      this.expect(']');
      return out;
    }
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++;
    this.blanks();
    if (this.s[this.i] === '}') { this.i++; return out; }
    for (;;) {
      this.blanks();
      const c = this.s[this.i];
      const key = c === '"' || c === "'" ? this.string(c) : this.bare();
      this.expect(':');
      Object.defineProperty(out, key, { value: this.value(), enumerable: true, writable: true, configurable: true });
      this.blanks();
      if (this.s[this.i] === ',') { this.i++; continue; }
      this.expect('}');
      return out;
    }
  }
}
