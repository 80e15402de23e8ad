// An Oblix server already running at the configured address, spoken to over its own API
// (POST /v1/chat/completions, streamed; GET /health for decisions and mode), so the terminal and
// the editor's tools share one ledger, one stickiness and one budget.
import type { RoutingMode } from '../core/config/config';
import type { Decision } from '../core/decision';
import type { Health } from '../core/health';
import type { Usage } from '../core/request';
import type { Preference } from '../core/routing/tiers';
import type { Answer, Engine, Turn } from './engine';
import { sseData } from './sse-data';

export class RemoteEngine implements Engine {
  constructor(
    /** http://HOST:PORT, no trailing slash. */
    readonly where: string,
    private readonly apiKey: string | undefined,
    /** Names this caller in the server's ledger (sdk-caller.ts). */
    private readonly userAgent: string,
  ) {}

  async answer(turn: Turn, signal: AbortSignal): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': this.userAgent, ...this.auth() };
    if (turn.conversation) headers['x-session-id'] = turn.conversation;
    const body = { model: turn.model, messages: turn.messages, temperature: turn.temperature, max_tokens: turn.maxTokens, stream: true, stream_options: { include_usage: true } };
    const res = await fetch(`${this.where}/v1/chat/completions`, { method: 'POST', headers, body: JSON.stringify(body), signal });
    if (!res.ok || !res.body) throw new Error(`${this.where} answered ${res.status}: ${await errorText(res)}`);
    const served = res.headers.get('x-oblix-model') ?? turn.model;
    const reason = res.headers.get('x-oblix-route') ?? '';
    let usage: Usage | null = null;
    const stream = res.body;
    async function* text(): AsyncGenerator<string> {
      for await (const data of sseData(stream)) {
        if (data === '[DONE]') return;
        const chunk = JSON.parse(data) as { error?: { message?: string }; usage?: Usage | null; choices?: { index: number; delta?: { content?: string | null } }[] };
        if (chunk.error) throw new Error(chunk.error.message ?? 'the answer failed part-way');
        if (chunk.usage) usage = chunk.usage;
        const content = chunk.choices?.find((c) => c.index === 0)?.delta?.content;
        if (content) yield content;
      }
    }
    return { model: served, reason, text: text(), usage: () => usage };
  }

  async lastDecision(): Promise<Decision | null> {
    return (await this.health()).lastDecision;
  }

  async mode(): Promise<RoutingMode> {
    return (await this.health()).mode;
  }

  async setMode(): Promise<void> {
    throw new Error(`The server at ${this.where} routes in the mode it was started with; change it there (oblix serve --mode, or the VS Code setting).`);
  }

  async prefer(): Promise<Preference> {
    return (await this.health()).prefer;
  }

  async setPrefer(): Promise<void> {
    throw new Error(`The server at ${this.where} routes with the preference it was started with; change it there (oblix serve --prefer, or the VS Code setting).`);
  }

  async models(): Promise<string[]> {
    const res = await fetch(`${this.where}/v1/models`, { headers: this.auth() });
    const list = (await res.json()) as { data?: { id: string }[] };
    return (list.data ?? []).map((m) => m.id);
  }

  async close(): Promise<void> {}

  private async health(): Promise<Health> {
    const res = await fetch(`${this.where}/health`, { headers: this.auth() });
    if (!res.ok) throw new Error(`${this.where}/health answered ${res.status}: ${await errorText(res)}`);
    return (await res.json()) as Health;
  }

  private auth(): Record<string, string> {
    return this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {};
  }
}

async function errorText(res: Response): Promise<string> {
  const text = await res.text();
  try {
    return (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text;
  } catch {
    return text;
  }
}
