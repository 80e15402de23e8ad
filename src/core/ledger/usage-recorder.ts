// Turns an answered (or refused) request into its ledger line: counts, timings, cost and what a local
// answer saved. Never the prompt or the answer text. The facade hands it what it knows of models.
import type { Decision } from '../decision';
import { OblixError } from '../errors/oblix-error';
import type { ChatRequest } from '../request';
import { requestFeatures } from '../routing/request-features';
import type { EmbedRequest, EmbedRouted } from '../routing/embedder';
import type { Ledger } from './ledger';
import type { Measured } from './meter';
import type { UsageRecord } from './record';

/** What the recorder asks of the catalog: locality, an editor model's own word for its cost, every id. */
export interface ModelsView {
  isLocal(id: string): boolean;
  /** An external provider's word for its cost ("included in subscription"), else undefined. */
  includedCost(id: string): string | undefined;
  /** Whether the catalog knows this id. */
  known(id: string): boolean;
  /** Every catalog id, in catalog order: the last place a "saved" comparison looks. */
  ids(): readonly string[];
}

export class UsageRecorder {
  constructor(
    readonly ledger: Ledger,
    private readonly models: ModelsView,
  ) {}

  /** One ledger line for a chat or completion: what answered, its tokens (counted or estimated), its cost. */
  chat(request: ChatRequest, d: Decision, startedAt: number, ttftMs: number | null, m: Measured): void {
    const model = d.selected;
    const local = model !== null && this.models.isLocal(model);
    const included = model === null ? undefined : this.models.includedCost(model);
    // No answer began: nothing was generated, and a refused request's prompt was not counted upstream.
    const tokensIn = m.tokensIn ?? (model === null ? 0 : requestFeatures(request).promptTokens);
    const tokensOut = m.tokensOut ?? Math.ceil(m.chars / 4);
    const record: UsageRecord = {
      v: 1,
      t: startedAt,
      dialect: request.caller?.dialect ?? 'unknown',
      client: request.caller?.client ?? 'other',
      requested: d.requested,
      model,
      local,
      kind: d.needs.kind,
      reason: m.outcome === 'ok' || model !== null ? d.reason : (m.error ?? d.reason),
      tokensIn,
      tokensOut,
      estimated: model !== null && (m.tokensIn === null || m.tokensOut === null),
      ttftMs,
      durationMs: Date.now() - startedAt,
      outcome: m.outcome,
      ...(m.error !== undefined && { error: m.error }),
      // No answer: nothing spent. An editor model: no price of ours (costNote says why), never 0.
      costUSD: model === null ? 0 : included !== undefined ? null : this.ledger.prices.cost(model, local, tokensIn, tokensOut),
      ...(included !== undefined && { costNote: included }),
      savedUSD: null,
    };
    if (local && model !== null) {
      const cloud = this.firstCloud(d);
      record.savedUSD = cloud === null ? null : this.ledger.prices.cost(cloud, false, tokensIn, tokensOut);
    }
    this.ledger.add(record);
  }

  /** Runs an embedding request and records it as kind `embedding`, answered or failed. */
  async embedding(request: EmbedRequest, signal: AbortSignal, run: () => Promise<EmbedRouted>): Promise<EmbedRouted> {
    const startedAt = Date.now();
    const base = {
      v: 1 as const,
      t: startedAt,
      dialect: request.caller?.dialect ?? 'unknown',
      client: request.caller?.client ?? 'other',
      requested: request.model,
      kind: 'embedding',
      tokensOut: 0,
      savedUSD: null,
    };
    try {
      const r = await run();
      const local = this.models.isLocal(r.id);
      const durationMs = Date.now() - startedAt;
      const costUSD = this.ledger.prices.cost(r.id, local, r.promptTokens, 0);
      this.ledger.add({ ...base, model: r.id, local, reason: r.reason, tokensIn: r.promptTokens, estimated: false, ttftMs: durationMs, durationMs, outcome: 'ok', costUSD });
      return r;
    } catch (err) {
      const aborted = signal.aborted;
      const code = err instanceof OblixError && err.code ? err.code : 'error';
      this.ledger.add({
        ...base,
        model: null,
        local: false,
        reason: code,
        tokensIn: 0,
        estimated: false,
        ttftMs: null,
        durationMs: Date.now() - startedAt,
        outcome: aborted ? 'cancelled' : 'error',
        ...(!aborted && { error: code }),
        costUSD: 0,
      });
      throw err;
    }
  }

  /** The cloud model that would have answered in a local model's place: the first cloud candidate, else the first passed over, else the first configured. */
  private firstCloud(d: Decision): string | null {
    const ids = [...d.candidates.map((c) => c.id), ...d.passedOver.map((p) => p.id), ...this.models.ids()];
    return ids.find((id) => this.models.known(id) && !this.models.isLocal(id)) ?? null;
  }
}
