// Legacy text completions and embeddings on OpenAI-kind upstreams (POST /completions, /embeddings):
// for autocomplete against a completion-capable cloud or compatible server, and for indexing.
import type OpenAI from 'openai';
import type { Completion } from 'openai/resources/completions';
import type { ChatRequest, FinishReason, PromptSpec } from '../../request';
import type { EmbedCall, Embeddings, ProviderEvent } from '../provider';

/** The upstream body: only what the client sent, as chat does (compatible servers differ in what they accept). */
export function completionBody(model: string, req: ChatRequest, prompt: PromptSpec): Record<string, unknown> {
  const body: Record<string, unknown> = { model, prompt: prompt.text, stream: true, stream_options: { include_usage: true } };
  if (prompt.suffix !== null) body.suffix = prompt.suffix;
  if (req.explicit.has('temperature')) body.temperature = req.temperature;
  if (req.explicit.has('top_p')) body.top_p = req.top_p;
  if (req.explicit.has('n')) body.n = req.n;
  if (req.maxTokens !== null) body.max_tokens = req.maxTokens;
  if (req.stop) body.stop = req.stop;
  if (req.seed !== null) body.seed = req.seed;
  return body;
}

export function completionEvents(chunk: Completion, out: ProviderEvent[]): void {
  for (const c of chunk.choices ?? []) {
    if (c.text) out.push({ type: 'delta', index: c.index, content: c.text });
    if (c.finish_reason) out.push({ type: 'finish', index: c.index, reason: c.finish_reason as FinishReason });
  }
  if (chunk.usage) {
    const { prompt_tokens, completion_tokens, total_tokens } = chunk.usage;
    out.push({ type: 'usage', usage: { prompt_tokens, completion_tokens, total_tokens } });
  }
}

export async function openAIEmbed(client: OpenAI, call: EmbedCall): Promise<Embeddings> {
  const r = await client.embeddings.create(
    { model: call.model, input: call.input, encoding_format: 'float', ...(call.dimensions !== null ? { dimensions: call.dimensions } : {}) },
    { signal: call.signal },
  );
  return { vectors: [...r.data].sort((a, b) => a.index - b.index).map((d) => d.embedding), promptTokens: r.usage?.prompt_tokens ?? 0 };
}
