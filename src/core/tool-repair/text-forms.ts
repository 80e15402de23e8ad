// The forms in which local models write tool calls as text, read from a whole answer. Followed:
// vLLM's tool parsers (hermes_tool_parser.py: `<tool_call>{…}</tool_call>`, several in a row, an
// unclosed last one, text before the first kept as content and text after the last dropped;
// mistral_tool_parser.py: `[TOOL_CALLS]` then a JSON array, or `name{…}` / `name[ARGS]{…}` from v11
// tokenizers; llama_tool_parser.py (llama3_json): an optional `<|python_tag|>`, then objects with
// `name` and `parameters` or `arguments`, several separated by `;`) and Ollama's templates, whose
// tool-call prefix is the same `<tool_call>` / `[TOOL_CALLS]` token and whose calls are objects of
// `name` and `arguments`. The special tokens count only at the start of a line, so prose that quotes
// one inline stays prose. Forms without a token (a bare object, a fenced ```json block) count only
// when they are the whole answer and name a declared tool: that is what separates a call from an
// answer that shows JSON or explains a call. vLLM's pythonic parser too: `[name(key=value), …]` as
// the whole answer (pythonic.ts).
import { jsonValues, valueEnd } from './json-values';
import { readPythonic } from './pythonic';

export type ToolTextForm = 'hermes' | 'mistral' | 'llama-python-tag' | 'fenced-json' | 'bare-json' | 'pythonic';

/** A call as the model wrote it: `arguments` is JSON text (what OpenAI's `function.arguments` holds). */
export interface TextCall {
  name: string;
  arguments: string;
}

export type ToolText =
  /** `before`: the prose ahead of the calls, kept as text. */
  | { kind: 'calls'; form: ToolTextForm; before: string; calls: TextCall[] }
  /** The model meant a call (a special token, or the start of one naming a declared tool) and wrote it wrong. */
  | { kind: 'broken'; form: ToolTextForm; before: string; problem: string };

/** The special tokens, at the start of a line. */
const TAG = /(^|\n)[ \t]*(<tool_call>|\[TOOL_CALLS\]|<\|python_tag\|>)/;
const FORM_OF_TAG: Readonly<Record<string, ToolTextForm>> = { '<tool_call>': 'hermes', '[TOOL_CALLS]': 'mistral', '<|python_tag|>': 'llama-python-tag' };
const CALL_KEYS = new Set(['name', 'arguments', 'parameters', 'type', 'id', 'function']);

/** The tool calls in a whole answer, or null when it is an answer (in which JSON may appear). */
export function readToolText(text: string, declared: ReadonlySet<string>): ToolText | null {
  const tag = TAG.exec(text);
  if (tag) {
    const at = tag.index + tag[1]!.length;
    const form = FORM_OF_TAG[tag[2]!]!;
    const before = text.slice(0, tag.index).trimEnd();
    const body = text.slice(at).trimStart();
    const calls = form === 'hermes' ? hermes(body) : form === 'mistral' ? mistral(body) : jsonCalls(body.slice(tag[2]!.length));
    if (typeof calls === 'string' || calls.length === 0) return { kind: 'broken', form, before, problem: typeof calls === 'string' ? calls : `${tag[2]} holds no call` };
    const unknown = calls.find((c) => !declared.has(c.name));
    if (unknown) return { kind: 'broken', form, before, problem: `it calls '${unknown.name}', which is not one of the request's tools` };
    return { kind: 'calls', form, before, calls };
  }
  const whole = text.trim();
  const pythonic = PYTHONIC_START.exec(whole)?.[1];
  if (pythonic !== undefined) {
    const calls = readPythonic(whole);
    if (!calls) return declared.has(pythonic) ? { kind: 'broken', form: 'pythonic', before: '', problem: 'it is not a list of calls with keyword arguments' } : null;
    return calls.every((c) => declared.has(c.name))
      ? { kind: 'calls', form: 'pythonic', before: '', calls: calls.map((c) => ({ name: c.name, arguments: JSON.stringify(c.args) })) }
      : null;
  }
  const form: ToolTextForm | null = whole.startsWith('```') ? 'fenced-json' : whole.startsWith('{') || whole.startsWith('[') ? 'bare-json' : null;
  if (!form) return null;
  const calls = form === 'fenced-json' ? fenced(whole) : jsonCalls(whole);
  if (typeof calls === 'string' || calls.length === 0) {
    // A call gone wrong only if it plainly starts as a call of a declared tool and its JSON is what
    // fails; a whole call followed by prose is an answer that shows one.
    const named = CALL_START.exec(whole)?.[1];
    return named !== undefined && declared.has(named) && firstValueBroken(whole) ? { kind: 'broken', form, before: '', problem: 'it is not JSON' } : null;
  }
  return calls.every((c) => declared.has(c.name)) ? { kind: 'calls', form, before: '', calls } : null;
}

/** `[name(`: the start of vLLM's pythonic form (pythonic.ts). */
const PYTHONIC_START = /^\[\s*([A-Za-z_][\w.-]*)\s*\(/;

/** `{"name": "x"` or `{"function": {"name": "x"`, possibly in a fence or an array: the name it starts to call. */
const CALL_START = /^(?:```[a-zA-Z]*\s*)?\[?\s*\{\s*"(?:name|function)"\s*:\s*(?:\{\s*"name"\s*:\s*)?"([^"\\]+)"/;

/** Whether the first object or array does not close, or is not JSON when it does. */
function firstValueBroken(text: string): boolean {
  const start = text.search(/[[{]/);
  const end = valueEnd(text, start);
  if (end < 0) return true;
  try {
    JSON.parse(text.slice(start, end));
    return false;
  } catch {
    return true;
  }
}

function hermes(body: string): TextCall[] | string {
  const calls: TextCall[] = [];
  for (const m of body.matchAll(/<tool_call>([\s\S]*?)(?:<\/tool_call>|$)/g)) {
    const got = jsonCalls(m[1]!);
    if (typeof got === 'string') return got;
    calls.push(...got);
  }
  return calls.length ? calls : 'a <tool_call> holds no call';
}

function mistral(body: string): TextCall[] | string {
  const rest = body
    .split('[TOOL_CALLS]')
    .map((s) => s.trim())
    .filter(Boolean);
  const json = jsonCalls(rest.join('\n'));
  if (typeof json !== 'string') return json;
  // v11 tokenizers: `[TOOL_CALLS]name{…}` or `[TOOL_CALLS]name[ARGS]{…}`, one per token.
  const calls: TextCall[] = [];
  for (const part of rest) {
    const m = /^([A-Za-z0-9_.-]+)(?:\[ARGS\])?\s*(\{[\s\S]*\})\s*$/.exec(part);
    if (!m) return json;
    try {
      JSON.parse(m[2]!);
    } catch {
      return `the arguments of '${m[1]}' are not JSON`;
    }
    calls.push({ name: m[1]!, arguments: m[2]! });
  }
  return calls.length ? calls : json;
}

/** Calls in fenced blocks, one after another and nothing else; a block's language may be json or none. */
function fenced(whole: string): TextCall[] | string {
  const calls: TextCall[] = [];
  let rest = whole;
  while (rest.length) {
    const m = /^```(json)?[ \t]*\n([\s\S]*?)\n?[ \t]*```\s*/.exec(rest);
    if (!m) return 'it is not one fenced block';
    const got = jsonCalls(m[2]!);
    if (typeof got === 'string') return got;
    calls.push(...got);
    rest = rest.slice(m[0].length);
  }
  return calls;
}

/** Call objects written in a row or in an array; an empty list when one of them is JSON but not a call. */
function jsonCalls(text: string): TextCall[] | string {
  const values = jsonValues(text.trim());
  if (!values) return 'it is not JSON';
  const calls: TextCall[] = [];
  for (const v of values.flatMap((x) => (Array.isArray(x) ? (x as unknown[]) : [x]))) {
    const c = callOf(v);
    if (!c) return [];
    calls.push(c);
  }
  return calls;
}

function callOf(v: unknown): TextCall | null {
  if (!isObject(v) || !Object.keys(v).every((k) => CALL_KEYS.has(k))) return null;
  const fn = isObject(v.function) ? v.function : v;
  const name = fn.name;
  if (typeof name !== 'string' || name === '') return null;
  const args = fn.arguments ?? fn.parameters ?? {};
  return { name, arguments: typeof args === 'string' ? args : JSON.stringify(args) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
