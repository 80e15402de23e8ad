// Text completion on Ollama: /api/generate with `suffix` (fill-in-the-middle, through the model's own
// template) or `raw: true` (the prompt already carries the model's template or FIM tokens).
import type { GenerateRequest, Ollama } from 'ollama';
import type { ChatRequest, PromptSpec } from '../request';
import type { ProviderEvent } from './provider';
import { TransportError } from './transport-error';

export function generateBody(model: string, req: ChatRequest, prompt: PromptSpec): GenerateRequest & { stream: true } {
  const options: NonNullable<GenerateRequest['options']> = { temperature: req.temperature, top_p: req.top_p };
  if (req.maxTokens !== null) options.num_predict = req.maxTokens;
  if (req.stop) options.stop = req.stop;
  if (req.seed !== null) options.seed = req.seed;
  const body: GenerateRequest & { stream: true } = { model, prompt: prompt.text, stream: true, options };
  if (prompt.raw) body.raw = true;
  if (prompt.suffix !== null) body.suffix = prompt.suffix;
  return body;
}

/** One NDJSON line, one batch; throws when the stream stops before its `done` line. */
export async function* generateEvents(client: Ollama, body: GenerateRequest & { stream: true }, onDone?: (loadNs: number | undefined) => void): AsyncGenerator<ProviderEvent[]> {
  const stream = await client.generate(body);
  let done = false;
  try {
    for await (const part of stream) {
      const batch: ProviderEvent[] = [];
      if (part.response) batch.push({ type: 'delta', index: 0, content: part.response });
      if (part.done) {
        done = true;
        onDone?.(part.load_duration);
        batch.push({ type: 'finish', index: 0, reason: part.done_reason === 'length' ? 'length' : 'stop' });
        const prompt = part.prompt_eval_count ?? 0;
        const completion = part.eval_count ?? 0;
        batch.push({ type: 'usage', usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } });
      }
      if (batch.length) yield batch;
    }
    if (!done) throw new TransportError('the stream ended before its "done" line (terminated)', { code: 'ECONNRESET' });
  } finally {
    stream.abort();
  }
}
