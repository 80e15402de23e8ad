// The translation matrix's shared ground: one harness with every upstream kind, the same reply from
// each fake, and what each fake received read back in one shape, so a table row can state it once.
import { type Harness } from '../../harness';
import { arr, isRecord, num, str, type FakeServer } from '../../fakes/fake-server';
import { CODER, EMBEDDER, startDialectHarness } from '../ollama-fixture';

/** Every fake answers this, so the text a client gets does not depend on the upstream. */
export const REPLY = 'One two three four.';
export const SYSTEM = 'Be brief.';
export const USER = 'Hi';
export const CALL = { name: 'get_weather', arguments: { city: 'Paris' } };
/** Stop at " three": the client sees "One two" (2 tokens) and a plain stop. */
export const STOP = ' three';
export const STOPPED = 'One two';
/** Three tokens of four: "One two three", cut by the limit. */
export const LIMIT = 3;
export const CUT = 'One two three';

export type Kind = 'ollama' | 'openai' | 'anthropic';

/** One upstream kind: its chat model's Oblix id, what the upstream calls it, and where it is asked. */
export interface Upstream {
  kind: Kind;
  id: string;
  upstreamModel: string;
  chatPath: string;
}

export const UPSTREAMS: readonly Upstream[] = [
  { kind: 'ollama', id: 'ollama:llama3.2:latest', upstreamModel: 'llama3.2:latest', chatPath: '/api/chat' },
  { kind: 'openai', id: 'openai:gpt-4o-mini', upstreamModel: 'gpt-4o-mini', chatPath: '/v1/chat/completions' },
  { kind: 'anthropic', id: 'anthropic:claude-sonnet-5', upstreamModel: 'claude-sonnet-5', chatPath: '/v1/messages' },
];

/** Text completion (raw prompt and fill-in-the-middle) per upstream kind that has it. */
export const COMPLETERS = [
  { kind: 'ollama', id: `ollama:${CODER}`, upstreamModel: CODER, path: '/api/generate' },
  { kind: 'openai', id: 'openai:gpt-3.5-turbo-instruct', upstreamModel: 'gpt-3.5-turbo-instruct', path: '/v1/completions' },
] as const;

export const EMBEDDERS = [
  { kind: 'ollama', id: `ollama:${EMBEDDER}`, upstreamModel: EMBEDDER, path: '/api/embed' },
  { kind: 'openai', id: 'openai:text-embedding-3-small', upstreamModel: 'text-embedding-3-small', path: '/v1/embeddings' },
] as const;

export function fake(h: Harness, kind: Kind): FakeServer {
  return h[kind];
}

export async function startMatrixHarness(): Promise<Harness> {
  const h = await startDialectHarness({
    before: (fakes) => {
      for (const f of Object.values(fakes)) f.reply = REPLY;
    },
  });
  return h;
}

/** Before each row: nothing received, the common reply, and a tool call only where the row asks for one. */
export function resetMatrix(h: Harness, toolCall: boolean): void {
  for (const f of [h.ollama, h.openai, h.anthropic]) {
    f.reset();
    f.reply = REPLY;
    f.toolCall = toolCall ? CALL : undefined;
  }
}

/** A chat request as an upstream received it, whatever its wire format. */
export interface Sent {
  model: string | undefined;
  /** [role, text]; Anthropic's top-level `system` comes first as a system turn. */
  messages: [string, string][];
  tools: string[];
  stop: unknown;
  maxTokens: number | undefined;
  /** The `n` field where the upstream has one (OpenAI), else absent. */
  n?: number;
}

function text(content: unknown): string {
  if (typeof content === 'string') return content;
  return arr({ c: content }, 'c')
    .map((p) => str(p, 'text') ?? '')
    .join('');
}

/** Every chat request the upstream of `kind` received, normalised. */
export function sentChats(h: Harness, kind: Kind): Sent[] {
  const path = UPSTREAMS.find((u) => u.kind === kind)!.chatPath;
  return fake(h, kind)
    .requests.filter((r) => r.path === path)
    .map((r) => {
      const b = r.body;
      const messages = arr(b, 'messages').map((m): [string, string] => [str(m, 'role') ?? '', text(isRecord(m) ? m.content : undefined)]);
      const tools = arr(b, 'tools').map((t) => str(t, 'name') ?? str(isRecord(t) ? t.function : undefined, 'name') ?? '');
      const options = isRecord(b) ? b.options : undefined;
      if (kind === 'ollama') return { model: str(b, 'model'), messages, tools, stop: isRecord(options) ? options.stop : undefined, maxTokens: num(options, 'num_predict') };
      if (kind === 'anthropic') {
        const system = isRecord(b) ? b.system : undefined;
        const head: [string, string][] = system === undefined ? [] : [['system', text(system)]];
        return { model: str(b, 'model'), messages: [...head, ...messages], tools, stop: isRecord(b) ? b.stop_sequences : undefined, maxTokens: num(b, 'max_tokens') };
      }
      return {
        model: str(b, 'model'),
        messages,
        tools,
        stop: isRecord(b) ? b.stop : undefined,
        maxTokens: num(b, 'max_completion_tokens') ?? num(b, 'max_tokens'),
        n: num(b, 'n'),
      };
    });
}

/** The one chat request a row expects the upstream to have received. */
export function sentChat(h: Harness, kind: Kind): Sent {
  const all = sentChats(h, kind);
  if (all.length !== 1) throw new Error(`${kind} received ${all.length} chat requests, expected 1`);
  return all[0]!;
}

/** Upstream stop lists are single-element arrays here; Ollama and OpenAI may also get a bare string. */
export function stopList(stop: unknown): string[] | undefined {
  return typeof stop === 'string' ? [stop] : Array.isArray(stop) ? (stop as string[]) : undefined;
}

/** A text completion as an upstream received it: Ollama's /api/generate or OpenAI's /v1/completions. */
export interface SentCompletion {
  model: string | undefined;
  prompt: string | undefined;
  suffix: string | undefined;
  stop: string[] | undefined;
  maxTokens: number | undefined;
  /** OpenAI's `n` (absent when 1 is meant), Ollama has none. */
  n?: number;
}

export function sentCompletions(h: Harness, kind: 'ollama' | 'openai'): SentCompletion[] {
  const path = COMPLETERS.find((c) => c.kind === kind)!.path;
  return fake(h, kind)
    .requests.filter((r) => r.path === path)
    .map((r) => {
      const b = r.body;
      const options = isRecord(b) ? b.options : undefined;
      const common = { model: str(b, 'model'), prompt: str(b, 'prompt'), suffix: str(b, 'suffix') };
      if (kind === 'ollama') return { ...common, stop: stopList(isRecord(options) ? options.stop : undefined), maxTokens: num(options, 'num_predict') };
      return { ...common, stop: stopList(isRecord(b) ? b.stop : undefined), maxTokens: num(b, 'max_tokens'), n: num(b, 'n') };
    });
}
