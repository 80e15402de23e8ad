// The facade the server, the CLI and the extension call: validated request in, routed answer out.
import type { OblixConfig, RoutingMode } from './config';
import { OblixError } from './openai/errors';
import type { ChatRequest } from './openai/types';
import { createProvider } from './providers/create';
import type { Provider, ProviderEvent } from './providers/provider';
import { UpstreamError } from './providers/upstream-error';
import { Catalog } from './routing/catalog';
import { Connectivity, DEFAULT_CONNECTIVITY, type ConnectivityOptions, type ProviderStatus } from './routing/connectivity';
import { planAuto, type Candidate } from './routing/policy';
import { Router, type Attempt, type Routed } from './routing/router';
import { VERSION } from './version';

export interface Decision {
  at: string;
  requested: string;
  selected: string | null;
  reason: string;
  candidates: Candidate[];
  attempts: Attempt[];
}

export interface ProviderHealth extends ProviderStatus {
  id: string;
  kind: Provider['kind'];
  local: boolean;
  baseURL: string;
  hasKey: boolean;
}

export interface Health {
  status: 'ok' | 'degraded' | 'unavailable';
  version: string;
  mode: RoutingMode;
  providers: ProviderHealth[];
  models: { local: string[]; cloud: string[] };
  lastDecision: Decision | null;
  problems: string[];
}

export class Oblix {
  readonly providers: ReadonlyMap<string, Provider>;
  private readonly connectivity: Connectivity;
  private readonly catalog: Catalog;
  private readonly router: Router;
  private lastDecision: Decision | null = null;

  constructor(private config: OblixConfig, connectivity: ConnectivityOptions = DEFAULT_CONNECTIVITY) {
    this.providers = new Map(config.providers.map((p) => [p.id, createProvider(p)]));
    this.connectivity = new Connectivity([...this.providers.values()], connectivity);
    this.catalog = new Catalog(this.providers, config.localModels, config.cloudModels);
    this.connectivity.onProbe = (p, ok) => {
      if (ok) void this.catalog.discover(p);
    };
    this.router = new Router(this.providers, this.connectivity, config.firstTokenTimeoutMs);
  }

  get mode(): RoutingMode {
    return this.config.mode;
  }

  setMode(mode: RoutingMode): void {
    this.config = { ...this.config, mode };
  }

  /** Starts the background monitors; resolves once every provider was probed once. */
  async start(): Promise<void> {
    await this.connectivity.start();
    await Promise.all([...this.providers.values()].map((p) => (this.connectivity.get(p.id).state === 'online' ? this.catalog.discover(p) : undefined)));
  }

  stop(): void {
    this.connectivity.stop();
  }

  async chat(request: ChatRequest, signal: AbortSignal): Promise<Routed> {
    const auto = request.model === 'auto';
    const candidates = auto ? this.plan() : [this.explicit(request.model)];
    const decision: Decision = { at: new Date().toISOString(), requested: request.model, selected: null, reason: '', candidates, attempts: [] };
    this.lastDecision = decision;
    try {
      const routed = await this.router.route(request, candidates, signal);
      Object.assign(decision, { selected: routed.id, reason: routed.reason, attempts: routed.attempts });
      return { ...routed, events: this.watch(routed) };
    } catch (err) {
      decision.reason = err instanceof Error ? err.message : String(err);
      throw auto ? this.explainUnreachable(err) : err;
    }
  }

  /** When no candidate could even be reached, the client gets a 503 that says what to fix. */
  private explainUnreachable(err: unknown): unknown {
    const unreachable = err instanceof UpstreamError ? err.unreachable : err instanceof OblixError && err.code === 'upstream_unreachable';
    if (!unreachable) return err;
    const advice = this.problems(this.health().providers).join(' ');
    const tried = this.lastDecision?.candidates.map((c) => c.id).join(', ') ?? '';
    return new OblixError(503, `No model can answer: none of ${tried} could be reached. ${advice}`.trim(), 'service_unavailable', null, 'no_model_available');
  }

  /** Model ids a client may name: `auto` and every model of a provider that is not known to be down. */
  models(): string[] {
    const usable = this.catalog.entries.filter((e) => this.connectivity.get(e.providerId).state !== 'offline').map((e) => e.id);
    return ['auto', ...new Set(usable)];
  }

  health(): Health {
    const providers = this.config.providers.map((c): ProviderHealth => {
      const p = this.providers.get(c.id)!;
      return { id: c.id, kind: c.kind, local: p.local, baseURL: c.baseURL, hasKey: Boolean(c.apiKey), ...this.connectivity.get(c.id) };
    });
    const entries = this.catalog.entries;
    const problems = this.problems(providers);
    const anyUp = entries.some((e) => this.connectivity.get(e.providerId).state !== 'offline');
    return {
      status: !anyUp ? 'unavailable' : providers.some((p) => p.state === 'offline') ? 'degraded' : 'ok',
      version: VERSION,
      mode: this.config.mode,
      providers,
      models: { local: entries.filter((e) => e.local).map((e) => e.id), cloud: entries.filter((e) => !e.local).map((e) => e.id) },
      lastDecision: this.lastDecision,
      problems,
    };
  }

  private plan(): Candidate[] {
    const plan = planAuto({ models: this.catalog.entries, state: (id) => this.connectivity.get(id).state }, this.config.mode);
    if (plan.candidates.length > 0) return plan.candidates;
    throw new OblixError(503, `No model can answer: ${plan.empty}. ${this.problems(this.health().providers).join(' ')}`.trim(), 'service_unavailable', null, 'no_model_available');
  }

  private explicit(id: string): Candidate {
    const entry = this.catalog.entry(id);
    if (!entry) {
      const known = [...this.providers.keys()].join(', ');
      throw new OblixError(404, `The model '${id}' does not exist. Use 'auto' or '<provider>:<model>' with a configured provider (${known}); GET /v1/models lists them.`, 'invalid_request_error', 'model', 'model_not_found');
    }
    if (this.config.mode === 'local-only' && !entry.local) {
      throw new OblixError(403, `The model '${id}' is a cloud model and Oblix is in local-only mode: nothing is sent to the cloud.`, 'permission_error', 'model', 'local_only');
    }
    return { id, reason: 'explicit' };
  }

  /** What the user should do, in words: start Ollama, set a key... */
  private problems(providers: ProviderHealth[]): string[] {
    const out: string[] = [];
    for (const p of providers) {
      if (p.state !== 'offline') continue;
      out.push(p.kind === 'ollama' ? `Ollama is not running at ${p.baseURL}: start it with 'ollama serve' (or set OLLAMA_HOST).` : `${p.id} at ${p.baseURL} cannot be reached: check the URL and your network.`);
    }
    if (!providers.some((p) => p.kind !== 'ollama')) out.push('No cloud provider is configured: set OPENAI_API_KEY or ANTHROPIC_API_KEY.');
    for (const p of providers) if (p.kind !== 'ollama' && !p.local && !p.hasKey) out.push(`${p.id} has no API key.`);
    return out;
  }

  /** Reports a failure after the first token, so the next request avoids that provider. */
  private async *watch(routed: Routed): AsyncGenerator<ProviderEvent> {
    try {
      yield* routed.events;
    } catch (err) {
      if (err instanceof UpstreamError) this.connectivity.report(routed.provider.id, false, err.message);
      throw err;
    }
  }
}
