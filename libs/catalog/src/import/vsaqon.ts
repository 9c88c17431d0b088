import { ImportFailedError } from './import.errors.js';

const MAX_DEPTH = 64;

/**
 * Reads a VSAQ questionnaire as Google publishes it ("VSAQON"): JSON plus `//` and `/* *\/`
 * comments, strings in double or single quotes joined with `+`, JavaScript escapes such as
 * `\x41`, and trailing commas. Plain JSON is a subset. Errors name the line and column.
 */
export function parseVsaqon(file: string, source: string): unknown {
  const reader = new VsaqonReader(file, source.replace(/^\uFEFF/, ''));
  const value = reader.value(0);
  reader.end();
  return value;
}

class VsaqonReader {
  private at = 0;

  constructor(
    private readonly file: string,
    private readonly source: string,
  ) {}

  value(depth: number): unknown {
    if (depth > MAX_DEPTH) this.fail(`nests deeper than ${MAX_DEPTH} levels`);
    this.skipSpace();
    const char = this.source[this.at];
    if (char === '{') return this.object(depth);
    if (char === '[') return this.array(depth);
    if (char === '"' || char === "'") return this.concatenation();
    if (char === '-' || (char !== undefined && /[0-9]/.test(char))) return this.number();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.source.startsWith(word, this.at)) {
        this.at += word.length;
        return value;
      }
    }
    return this.fail(char === undefined ? 'the file ends too early' : `unexpected "${char}"`);
  }

  end(): void {
    this.skipSpace();
    if (this.at < this.source.length)
      this.fail(`unexpected "${this.source[this.at]}" after the end`);
  }

  private object(depth: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.at++;
    for (;;) {
      this.skipSpace();
      if (this.source[this.at] === '}') {
        this.at++;
        return result;
      }
      const key = this.key();
      this.skipSpace();
      this.expect(':');
      Object.defineProperty(result, key, {
        value: this.value(depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      if (!this.separator('}')) return result;
    }
  }

  private array(depth: number): unknown[] {
    const result: unknown[] = [];
    this.at++;
    for (;;) {
      this.skipSpace();
      if (this.source[this.at] === ']') {
        this.at++;
        return result;
      }
      result.push(this.value(depth + 1));
      if (!this.separator(']')) return result;
    }
  }

  /** After a member: a comma (a trailing one is allowed) or the closing bracket. */
  private separator(close: string): boolean {
    this.skipSpace();
    if (this.source[this.at] === ',') {
      this.at++;
      return true;
    }
    this.expect(close);
    return false;
  }

  private key(): string {
    const char = this.source[this.at];
    if (char === '"' || char === "'") return this.string();
    const bare = /^[A-Za-z_$][\w$]*/.exec(this.source.slice(this.at, this.at + 200));
    if (char === undefined) return this.fail('the file ends too early');
    if (!bare) return this.fail(`expected a property name, found "${char}"`);
    this.at += bare[0].length;
    return bare[0];
  }

  /** `"a" + "b" + 'c'` is one string. */
  private concatenation(): string {
    let text = this.string();
    for (;;) {
      const save = this.at;
      this.skipSpace();
      if (this.source[this.at] !== '+') {
        this.at = save;
        return text;
      }
      this.at++;
      this.skipSpace();
      const char = this.source[this.at];
      if (char !== '"' && char !== "'") this.fail('"+" must join two strings');
      text += this.string();
    }
  }

  private string(): string {
    const quote = this.source[this.at++];
    let text = '';
    for (;;) {
      const char = this.source[this.at++];
      if (char === undefined || char === '\n') {
        this.at--;
        return this.fail('a string is not closed on its line');
      }
      if (char === quote) return text;
      if (char !== '\\') {
        text += char;
        continue;
      }
      text += this.escape();
    }
  }

  private escape(): string {
    const char = this.source[this.at++];
    const simple: Record<string, string> = {
      n: '\n',
      t: '\t',
      r: '\r',
      b: '\b',
      f: '\f',
      v: '\v',
      '0': '\0',
    };
    if (char === undefined) return this.fail('the file ends inside a string');
    if (char in simple) return simple[char];
    if (char === 'x' || char === 'u') {
      const length = char === 'x' ? 2 : 4;
      const hex = this.source.slice(this.at, this.at + length);
      if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(hex))
        return this.fail(`"\\${char}" needs ${length} hexadecimal digits`);
      this.at += length;
      return String.fromCharCode(parseInt(hex, 16));
    }
    if (char === '\n') return '';
    return char;
  }

  private number(): number {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(
      this.source.slice(this.at, this.at + 100),
    );
    if (!match) return this.fail('cannot read this number');
    this.at += match[0].length;
    return Number(match[0]);
  }

  private skipSpace(): void {
    for (;;) {
      const char = this.source[this.at];
      if (char !== undefined && /\s/.test(char)) this.at++;
      else if (this.source.startsWith('//', this.at)) {
        const end = this.source.indexOf('\n', this.at);
        this.at = end === -1 ? this.source.length : end;
      } else if (this.source.startsWith('/*', this.at)) {
        const end = this.source.indexOf('*/', this.at + 2);
        if (end === -1) this.fail('a /* comment is not closed');
        this.at = end + 2;
      } else return;
    }
  }

  private expect(char: string): void {
    if (this.source[this.at] !== char)
      this.fail(`expected "${char}", found "${this.source[this.at] ?? 'the end'}"`);
    this.at++;
  }

  private fail(message: string): never {
    const before = this.source.slice(0, this.at);
    const line = before.split('\n').length;
    const column = this.at - before.lastIndexOf('\n');
    throw new ImportFailedError([
      { location: `${this.file} line ${line} column ${column}`, message },
    ]);
  }
}
