// The router in this process: no server, no HTTP hop. It records each answer in the usage ledger of
// the data dir, the same files `oblix serve` writes and `oblix usage` reads (`<data dir>/usage/`):
// appended at the end of the event loop's turn, off the answer's path, and flushed when closed.
import { join } from 'node:path';
import type { OblixConfig, RoutingMode } from '../core/config/config';
import type { Decision } from '../core/decision';
import { validateChatRequest } from '../core/dialects/openai-chat/parse';
import { Ledger } from '../core/ledger/ledger';
import type { Caller } from '../core/ledger/record';
import { Oblix } from '../core/oblix';
import type { Usage } from '../core/request';
import type { Preference } from '../core/routing/tiers';
import type { Answer, Engine, Turn } from './engine';

export class InProcessEngine implements Engine {
  readonly where = 'in-process';
  private readonly oblix: Oblix;
  private readonly ledger: Ledger;
  private readonly started: Promise<void>;
  private last: Decision | null = null;

  constructor(
    config: OblixConfig,
    /** The data dir, resolved (config/data-dir.ts). */
    dataDir: string,
    private readonly caller: Caller,
  ) {
    this.ledger = new Ledger({
      dir: join(dataDir, 'usage'),
      ...(config.prices && { prices: config.prices }),
      ...(config.budget && { budget: config.budget }),
      // A library does not print: a write that fails (disk full, no permission) is a process warning, once per kind.
      onError: (err) => process.emitWarning(`Oblix could not write its usage ledger: ${err.message}`, 'OblixLedgerWarning'),
    });
    this.oblix = new Oblix(config, { ledger: this.ledger });
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
    request.caller = this.caller;
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
    this.ledger.close(); // writes what is still queued
  }

  /** Monitors started; resolves at the first inventory (bounded at about 2 s, first-facts.ts). */
  private startCore(): Promise<void> {
    const o = this.oblix;
    void o.start().catch(() => undefined); // a monitor that fails to start leaves routing on what it knows
    return o.ready();
  }
}
