// The pythonic form of tool calls (vLLM's pythonic_tool_parser.py, Llama 3.2 and 4): the whole
// answer is a Python list of calls with keyword arguments of literal values,
// `[get_weather(city="Paris"), read_file(path='README.md')]`. vLLM reads it with Python's `ast`;
// here a small reader of exactly that grammar: strings, numbers, True/False/None, lists and dicts.

export interface PythonicCall {
  name: string;
  args: Record<string, unknown>;
}

/** The calls, or null when the text is not a list of calls with keyword arguments. */
export function readPythonic(text: string): PythonicCall[] | null {
  const r = new Reader(text.trim());
  try {
    const calls: PythonicCall[] = [];
    r.expect('[');
    do {
      r.space();
      if (r.peek() === ']' && calls.length) break; // a trailing comma
      const name = r.identifier();
      r.expect('(');
      const args: Record<string, unknown> = {};
      r.space();
      while (r.peek() !== ')') {
        const key = r.identifier();
        r.expect('=');
        args[key] = r.value();
        r.space();
        if (r.peek() === ',') r.next();
        r.space();
      }
      r.expect(')');
      calls.push({ name, args });
      r.space();
    } while (r.peek() === ',' && r.next());
    r.expect(']');
    r.space();
    return r.done() ? calls : null;
  } catch {
    return null;
  }
}

class Reader {
  private i = 0;
  constructor(private readonly s: string) {}

  peek(): string {
    return this.s[this.i] ?? '';
  }
  next(): string {
    return this.s[this.i++] ?? '';
  }
  done(): boolean {
    return this.i >= this.s.length;
  }
  space(): void {
    while (/\s/.test(this.peek())) this.i++;
  }
  expect(c: string): void {
    this.space();
    if (this.next() !== c) throw new Error(`expected ${c}`);
  }
  identifier(): string {
    this.space();
    const m = /^[A-Za-z_][\w.-]*/.exec(this.s.slice(this.i));
    if (!m) throw new Error('expected a name');
    this.i += m[0].length;
    return m[0];
  }

  value(): unknown {
    this.space();
    const c = this.peek();
    if (c === '"' || c === "'") return this.string();
    if (c === '[' || c === '(') return this.list(c === '[' ? ']' : ')');
    if (c === '{') return this.dict();
    const m = /^(True|False|None|-?\d+(\.\d+)?([eE][-+]?\d+)?)/.exec(this.s.slice(this.i));
    if (!m) throw new Error('expected a value');
    this.i += m[0].length;
    return m[0] === 'True' ? true : m[0] === 'False' ? false : m[0] === 'None' ? null : Number(m[0]);
  }

  private string(): string {
    const quote = this.next();
    let out = '';
    for (;;) {
      const c = this.next();
      if (c === '') throw new Error('unclosed string');
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.next();
      const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
      out += escapes[e] ?? `\\${e}`;
    }
  }

  private list(close: string): unknown[] {
    this.next();
    const out: unknown[] = [];
    for (this.space(); this.peek() !== close; this.space()) {
      out.push(this.value());
      this.space();
      if (this.peek() === ',') this.next();
    }
    this.next();
    return out;
  }

  private dict(): Record<string, unknown> {
    this.next();
    const out: Record<string, unknown> = {};
    for (this.space(); this.peek() !== '}'; this.space()) {
      const key = this.value();
      this.expect(':');
      out[String(key)] = this.value();
      this.space();
      if (this.peek() === ',') this.next();
    }
    this.next();
    return out;
  }
}
