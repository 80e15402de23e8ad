// The router in this process: no server, no HTTP hop.
import type { OblixConfig, RoutingMode } from '../core/config/config';
import type { Decision } from '../core/decision';
import { validateChatRequest } from '../core/dialects/openai-chat/parse';
import { Oblix } from '../core/oblix';
import type { Usage } from '../core/request';
import type { Preference } from '../core/routing/tiers';
import type { Answer, Engine, Turn } from './engine';

export class InProcessEngine implements Engine {
  readonly where = 'in-process';
  private readonly oblix: Oblix;
  private readonly started: Promise<void>;
  private last: Decision | null = null;

  constructor(config: OblixConfig) {
    this.oblix = new Oblix(config);
    this.oblix.onDecision((d) => (this.last = d));
    this.started = this.startCore();
  }

  /** The core itself, for `serve()`: one router whether asked in-process or over HTTP. */
  async core(): Promise<Oblix> {
    await this.started;
    return this.oblix;
  }

  async answer(turn: Turn, signal: AbortSignal): Promise<Answer> {
    const request = validateChatRequest({ model: turn.model, messages: turn.messages, temperature: turn.temperature, max_tokens: turn.maxTokens, stream: true });
    if (turn.conversation) request.conversation = turn.conversation;
    await this.started;
    const routed = await this.oblix.chat(request, signal);
    let usage: Usage | null = null;
    async function* text(): AsyncGenerator<string> {
      for await (const batch of routed.events) {
        for (const ev of batch) {
          if (ev.type === 'usage') usage = ev.usage;
          else if (ev.type === 'delta' && ev.index === 0 && ev.content) yield ev.content;
        }
      }
    }
    return { model: routed.id, reason: routed.reason, ...(routed.why && { why: routed.why }), text: text(), usage: () => usage };
  }

  async lastDecision(): Promise<Decision | null> {
    return this.last;
  }

  async mode(): Promise<RoutingMode> {
    return this.oblix.mode;
  }

  async setMode(mode: RoutingMode): Promise<void> {
    this.oblix.setMode(mode);
  }

  async prefer(): Promise<Preference> {
    return this.oblix.prefer;
  }

  async setPrefer(prefer: Preference): Promise<void> {
    this.oblix.setPrefer(prefer);
  }

  async models(): Promise<string[]> {
    await this.started;
    return this.oblix.models();
  }

  async close(): Promise<void> {
    this.oblix.stop();
  }

  /** Monitors started; resolves at the first inventory (bounded at about 2 s, first-facts.ts). */
  private startCore(): Promise<void> {
    const o = this.oblix;
    void o.start().catch(() => undefined); // a monitor that fails to start leaves routing on what it knows
    return o.ready();
  }
}
