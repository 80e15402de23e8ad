// The facade the server, the CLI and the extension call: validated request in, routed answer out.
// It owns the providers and the background monitors; the request path only reads their memory.
import type { CancelSignal } from './support/cancel';
import { SYSTEM_CLOCK, type Clock } from './support/clock';
import { DEFAULT_COMPLETION_FIRST_TOKEN_TIMEOUT_MS, type OblixConfig, type RoutingMode } from './config/config';
import type { Decision } from './decision';
import { DecisionLog } from './decision-log';
import type { Health } from './health';
import { healthReport, problemsInMode } from './health-report';
import { OblixError } from './errors/oblix-error';
import type { ChatRequest } from './request';
import { createProvider } from './providers/create';
import { isExternal, type ExternalProvider } from './providers/external';
import { gateExternal, hiddenFrom } from './routing/editor-gate';
import type { Provider } from './providers/provider';
import { agentWindow, largestWindow, type AgentWindow } from './routing/agent-window';
import { Catalog, type ModelEntry } from './routing/catalog';
import { autoEmbeddingEntry, routeEmbedding, type EmbedRequest, type EmbedRouted } from './routing/embedder';
import { FirstFacts } from './routing/first-facts';
import { LoadTimes } from './routing/load-times';
import { prewarm, type PrewarmOutcome, type PrewarmRole } from './routing/prewarm';
import type { Warmth } from './routing/warmth';
import { Localities } from './routing/locality';
import { chatModels, completionModels, rolesOf, type Role, type RoleSignals } from './routing/model-roles';
import { Connectivity, DEFAULT_CONNECTIVITY, type ConnectivityOptions } from './routing/connectivity';
import { ModelFacts, type ModelFact } from './routing/model-facts';
import { plan, type Plan } from './routing/policy';
import { requestFeatures } from './routing/request-features';
import { needsInWords, readNeeds, type RequestNeeds } from './routing/request-needs';
import { firstTier, needRow, type Preference } from './routing/tiers';
import { DEFAULT_RESOURCE_OPTIONS, ResourceMonitor, type ResourceOptions } from './routing/resources';
import { modeHint } from './routing/mode-hint';
import { ModelNames } from './routing/model-names';
import { Router, type Routed } from './routing/router';
import { keepSecretLocal, secretRefused } from './routing/secret-guard';
import { secretInPrompt } from './routing/secret-scan';
import { ConversationModels, conversationOf, stick } from './routing/stickiness';
import { escalation } from './routing/stuck-agent';
import { AGENT_TURN, PLAIN_CHAT, servingNowFrom, type ServingNow } from './routing/serving-now';
import { registerSecret } from './support/redact';
import { errorMessage } from './errors/error-message';
import { Emitter } from './support/emitter';
import { clauses } from './support/clauses';
import type { Ledger } from './ledger/ledger';
import { budgetExceeded, keepWithinBudget } from './ledger/budget-guard';
import { budgetInWords } from './ledger/budget';
import { Meter } from './ledger/meter';
import { UsageRecorder } from './ledger/usage-recorder';
import { explicitCandidate, explicitEntry, type ExplicitSources } from './routing/explicit';
import { explainUnreachable, type UnreachableSources } from './routing/unreachable';

export interface MonitorOptions {
  connectivity?: ConnectivityOptions;
  resources?: ResourceOptions;
  /** Time and timers: the monitors, the router's timeouts, conversations' idle TTL (stickiness.ts); tests step a manual one. */
  clock?: Clock;
  /** Where answered requests are recorded, priced and held to the budgets; none: nothing is recorded. */
  ledger?: Ledger;
  /** false routes as if every model were loaded (no warmth step): the first-token benchmark's baseline. */
  warmAware?: boolean;
}

const IN_EDITOR_CHAT: ChatRequest = { ...PLAIN_CHAT, inEditor: true };
/** One object for every loaded model: read on each request, so nothing is allocated for it. */
const LOADED: Warmth = Object.freeze({ loaded: true });

export class Oblix {
  readonly providers: ReadonlyMap<string, Provider>;
  private readonly connectivity: Connectivity;
  private readonly resources: ResourceMonitor;
  private readonly clock: Clock;
  private readonly facts = new ModelFacts();
  private readonly catalog: Catalog;
  /** Model names as clients send them, to Oblix ids: the dialects ask here, routing asks here. */
  readonly names: ModelNames;
  private readonly localities: Localities;
  private readonly router: Router;
  private readonly refreshing = new Map<string, Promise<void>>();
  private readonly firstFacts: FirstFacts;
  private readonly decisions = new DecisionLog();
  private readonly changed = new Emitter<void>();
  private readonly conversations: ConversationModels;
  private readonly ledger: Ledger | null;
  private readonly recorder: UsageRecorder | null;
  private readonly loadTimes = new LoadTimes();
  private readonly warmAware: boolean;
  /** Fires for every routing decision, once it is made or failed (status bar, log). */
  readonly onDecision = this.decisions.onDecision;
  /** Fires when what routing knows changed: a provider came up or went down, a runtime's models changed. */
  readonly onChange = this.changed.event;

  /** `external`: providers the host registers beside the configured ones (the editor's models); cloud and strong. */
  constructor(
    private config: OblixConfig,
    monitors: MonitorOptions = {},
    external: readonly ExternalProvider[] = [],
  ) {
    for (const p of config.providers) registerSecret(p.apiKey);
    registerSecret(config.apiKey);
    // A configured provider keeps its id: an external one of the same id is left out rather than shadowing it.
    const configured = config.providers.map((p): [string, Provider] => [p.id, createProvider(p, config.keepAlive !== undefined ? { keepAlive: config.keepAlive } : {})]);
    for (const [, p] of configured) p.observeLoads?.((model, ms) => this.loaded(p.id, model, ms));
    this.warmAware = monitors.warmAware ?? true;
    const taken = new Set(configured.map(([id]) => id));
    const extra = external.filter((p) => !taken.has(p.id));
    this.providers = new Map([...configured, ...extra.map((p): [string, Provider] => [p.id, p])]);
    const clock = (this.clock = monitors.clock ?? SYSTEM_CLOCK);
    this.connectivity = new Connectivity([...this.providers.values()], monitors.connectivity ?? DEFAULT_CONNECTIVITY, clock);
    this.resources = new ResourceMonitor(monitors.resources ?? DEFAULT_RESOURCE_OPTIONS, clock);
    this.localities = new Localities(config);
    const providerModels = config.providers.flatMap((p) => (p.models ?? []).map((m) => `${p.id}:${m}`));
    this.catalog = new Catalog(this.providers, config.localModels, [...config.cloudModels, ...providerModels], this.facts, this.localities, extra);
    this.names = new ModelNames({
      aliases: config.modelAliases ?? {},
      providers: this.providers,
      catalog: this.catalog,
      known: (id) => this.fact(id) !== undefined,
      usable: () => this.models(),
    });
    this.firstFacts = new FirstFacts(this.providers.keys());
    this.connectivity.onStateChange(() => this.changed.fire());
    this.connectivity.onProbe(({ provider: p, ok }) => {
      if (!ok || !p.inventory) return this.firstFacts.learnt(p.id);
      const refreshed = this.facts.refresh(p, AbortSignal.timeout(5_000)).then((changed) => {
        this.firstFacts.learnt(p.id);
        if (changed) this.changed.fire();
      });
      this.refreshing.set(p.id, refreshed);
    });
    this.router = new Router(this.providers, this.connectivity, { firstTokenMs: config.firstTokenTimeoutMs, idleMs: config.idleTimeoutMs }, clock);
    this.conversations = new ConversationModels(clock);
    this.ledger = monitors.ledger ?? null;
    this.recorder =
      this.ledger &&
      new UsageRecorder(this.ledger, {
        isLocal: (id) => this.isLocal(id),
        includedCost: (id) => this.includedCost(id),
        known: (id) => this.catalog.entry(id) !== null,
        ids: () => this.catalog.entries.map((e) => e.id),
      });
  }

  /** The usage ledger this core records to, when the host gave one. */
  get usage(): Ledger | null {
    return this.ledger;
  }

  get mode(): RoutingMode {
    return this.config.mode;
  }

  setMode(mode: RoutingMode): void {
    this.config = { ...this.config, mode };
  }

  get prefer(): Preference {
    return this.config.prefer;
  }

  /** `oblix chat`'s /prefer: the next decision reads it, as setMode's. */
  setPrefer(prefer: Preference): void {
    this.config = { ...this.config, prefer };
  }

  /**
   * Takes over what `old` knows (model facts, connectivity) of every provider whose settings are
   * the same here, so a settings change does not make routing forget them. Call before start().
   */
  adopt(old: Oblix): void {
    for (const c of this.config.providers) {
      const was = old.config.providers.find((p) => p.id === c.id);
      if (!was || was.kind !== c.kind || was.baseURL !== c.baseURL || was.apiKey !== c.apiKey) continue;
      this.facts.adopt(old.facts, c.id);
      this.connectivity.adopt(c.id, old.connectivity.get(c.id));
      if (!old.firstFacts.pending.includes(c.id)) this.firstFacts.learnt(c.id);
    }
  }

  /** Starts the background monitors; resolves once every provider was probed and inventoried and the machine sampled. */
  async start(): Promise<void> {
    const started = Promise.all([this.connectivity.start(), this.resources.start()]).then(() => Promise.all(this.refreshing.values()));
    this.firstFacts.begin(started);
    await started;
  }

  /**
   * Resolves once every provider's first inventory is in, or after about 2 s (first-facts.ts):
   * the CLI prints its ready line then, and requests that arrive earlier wait for it too.
   */
  ready(): Promise<void> {
    return this.firstFacts.ready();
  }

  stop(): void {
    this.connectivity.stop();
    this.resources.stop();
  }

  /** `onTry` hears each candidate as the router tries it (the chat view says "loading <model>, about 6 s"). */
  async chat(request: ChatRequest, signal: CancelSignal, onTry?: (id: string) => void): Promise<Routed> {
    return this.route(request, signal, (needs) => this.plan(request, undefined, needs), this.config.firstTokenTimeoutMs, onTry);
  }

  /** A text completion (`request.prompt`): local models that can continue or fill in first, with autocomplete's short first-token timeout. */
  async complete(request: ChatRequest, signal: CancelSignal): Promise<Routed> {
    const insert = (request.prompt?.suffix ?? null) !== null;
    const models = completionModels(this.roleSignals(), this.config.roles ?? {}, insert);
    const timeout = this.config.completionFirstTokenTimeoutMs ?? DEFAULT_COMPLETION_FIRST_TOKEN_TIMEOUT_MS;
    const named = request.model === 'auto' ? null : this.catalog.entry(request.model);
    if (named && !this.providers.get(named.providerId)?.complete) {
      throw OblixError.of(
        'model_not_supported',
        `The model '${named.id}' cannot complete text: ${named.providerId} has no completions API. Use a local model or an OpenAI-compatible one.`,
        { param: 'model' },
      );
    }
    return this.route(
      request,
      signal,
      (needs) => {
        const p = this.plan(request, models, needs);
        const what = insert ? "fill in the middle (Ollama's 'insert' capability)" : 'complete text';
        if (p.candidates.length) return p;
        const mode = this.config.mode;
        // Cloud models complete only when roles.completion names them: in cloud-only that is the one way.
        const why = mode === 'cloud-only' ? 'a cloud model completes text only when roles.completion names it' : (p.empty ?? '');
        return { ...p, empty: `no ${mode === 'local-only' ? 'local ' : mode === 'cloud-only' ? 'cloud ' : ''}model can ${what}; name one in roles.completion (${why})` };
      },
      timeout,
    );
  }

  /** Embeddings: one model per name, never a silent switch to another vector space. Recorded in the ledger as kind `embedding`. */
  embed(request: EmbedRequest, signal: AbortSignal): Promise<EmbedRouted> {
    return this.recorder ? this.recorder.embedding(request, signal, () => this.embedRouted(request, signal)) : this.embedRouted(request, signal);
  }

  private async embedRouted(request: EmbedRequest, signal: AbortSignal): Promise<EmbedRouted> {
    const auto = request.model === 'auto';
    const first = auto ? autoEmbeddingEntry(this.roleSignals(), this.config.roles ?? {}, this.config.mode) : explicitEntry(this.explicitSources(), request.model);
    const ctx = { providers: this.providers, connectivity: this.connectivity, mode: this.config.mode, failover: this.config.roles?.embeddingFailover ?? {} };
    try {
      return await routeEmbedding(ctx, first, auto ? 'embedding-model' : 'explicit', request, signal, (id) => this.catalog.entry(id));
    } catch (err) {
      // The same answer as chat and completions when the model could not be reached: 503 no_model_available.
      throw auto ? explainUnreachable(this.unreachableSources(), err, [first.id]) : err;
    }
  }

  /** Re-reads a local runtime's models now (after a pull or delete through Oblix). */
  refreshModels(providerId: string): Promise<void> {
    const p = this.providers.get(providerId);
    if (!p) return Promise.resolve();
    return this.facts.refresh(p, AbortSignal.timeout(5_000)).then((changed) => {
      if (changed) this.changed.fire();
    });
  }

  /** The roles each usable model serves (chat, completion, embedding), for /v1/models and /health. */
  roles(): Map<string, Role[]> {
    return rolesOf(this.roleSignals(), this.config.roles ?? {});
  }

  /** How long a cold local model would take to load (ms), from its size and the loads seen; null when loaded or unknown. */
  loadEstimate(id: string): number | null {
    const f = this.fact(id);
    const ms = this.loadTimes.estimateMs(f);
    return ms === null || ms === 0 ? null : ms;
  }

  /**
   * Loads the local model `auto` would pick for chat, and the first local model roles.completion
   * names (autocomplete), unless on low battery or short of memory (routing/prewarm.ts).
   */
  prewarm(signal?: AbortSignal): Promise<PrewarmOutcome[]> {
    const now = this.clock.now();
    const targets: { entry: ModelEntry; role: PrewarmRole }[] = [];
    if (this.config.mode !== 'cloud-only') {
      const chat = this.plan(PLAIN_CHAT).candidates.find((c) => c.reason !== 'last-resort' && this.isLocal(c.id));
      const chatEntry = chat && this.catalog.entry(chat.id);
      if (chatEntry) targets.push({ entry: chatEntry, role: 'chat' });
      const roles = this.config.roles ?? {};
      const completion = roles.completion?.length ? completionModels(this.roleSignals(), roles, false).find((e) => e.local) : undefined;
      if (completion) targets.push({ entry: completion, role: 'autocomplete' });
    }
    return prewarm(
      {
        targets,
        fact: (e) => this.facts.get(e.providerId, e.model),
        online: (id) => this.connectivity.effectiveState(id, now) !== 'offline',
        provider: (id) => this.providers.get(id),
        resources: this.resources.snapshot,
        thresholds: this.config.thresholds,
      },
      signal,
    );
  }

  /** An answer (or a warm-up) told its load time: learn the rate, and the model is loaded now. */
  private loaded(providerId: string, model: string, ms: number): void {
    const f = this.facts.get(providerId, model);
    this.loadTimes.record(ms, f?.sizeBytes ?? null);
    if (this.facts.markLoaded(providerId, model)) this.changed.fire();
  }

  /** What the local runtime told about a model (context length, capabilities, size), from memory. */
  fact(id: string): ModelFact | undefined {
    const e = this.catalog.entry(id);
    return e ? this.facts.get(e.providerId, e.model) : undefined;
  }

  private async route(request: ChatRequest, signal: CancelSignal, planned: (needs: RequestNeeds) => Plan, firstTokenMs: number, onTry?: (id: string) => void): Promise<Routed> {
    const auto = request.model === 'auto';
    const startedAt = this.clock.now();
    const needs = readNeeds(request);
    const prefer = this.config.prefer;
    // `at` is formatted only when read (/health, logs): toISOString() showed as ~3 µs per request.
    const decision: Decision = {
      get at() {
        return new Date(startedAt).toISOString();
      },
      requested: request.model,
      selected: null,
      reason: '',
      candidates: [],
      passedOver: [],
      attempts: [],
      notes: [],
      needs,
      prefer,
      // Words only for `auto`: an explicit id was not chosen by need.
      // `local` is the locality-first order of before, tiers aside: it says so.
      ...(auto && { why: `${needsInWords(needs)}; prefer ${prefer}, so ${prefer === 'local' ? 'local' : firstTier(needRow(needs), prefer)} models first` }),
    };
    this.decisions.begin(decision);
    try {
      if (this.firstFacts.waiting) await this.firstFacts.ready();
      const pending = this.firstFacts.pending;
      if (pending.length) decision.notes.push(`factsPending: routed without the first inventory of ${pending.join(', ')}`);
      const secret = this.secretRule(request);
      if (secret) decision.notes.push(`secret-kept-local: the prompt carries a credential (rule ${secret})`);
      const conversation = auto ? conversationOf(request) : null;
      if (auto) {
        let p = planned(needs);
        decision.passedOver = p.passedOver;
        if (p.candidates.length === 0)
          throw OblixError.of('no_model_available', `No model can answer: ${p.empty}. ${this.problems().join(' ')} ${modeHint(this.config.mode)}`.trim());
        if (secret) p = keepSecretLocal(p, secret, (id) => this.isLocal(id));
        const spent = this.ledger?.budget.spent();
        if (spent) p = keepWithinBudget(p, spent, (id) => this.isLocal(id) || this.includedCost(id) !== undefined);
        const stuck = stick(p, conversation?.later ? this.stuckTo(conversation.key, request) : undefined);
        if (stuck.switched) decision.notes.push(stuck.switched);
        p = stuck.plan;
        decision.candidates = p.candidates;
        decision.passedOver = p.passedOver;
        for (const c of p.candidates) if (c.note) decision.notes.push(c.note);
        for (const x of p.passedOver) if (x.code === 'cold-model') decision.notes.push(`cold-model: ${x.detail}`);
      } else {
        const c = explicitCandidate(this.explicitSources(), request);
        if (secret && !this.isLocal(c.id)) throw secretRefused(secret, `${c.id} is a cloud model`);
        const spent = this.isLocal(c.id) || this.includedCost(c.id) !== undefined ? null : this.ledger?.budget.spent();
        if (spent) throw budgetExceeded(spent, `${c.id} is a cloud model`);
        decision.candidates = [c];
        if (c.note) decision.notes.push(c.note);
      }
      let ttftMs: number | null = null;
      const recorder = this.recorder;
      const meter = recorder && new Meter((m) => recorder.chat(request, decision, startedAt, ttftMs, m));
      const routed = await this.router.route(request, decision.candidates, signal, firstTokenMs, decision.notes, onTry, meter ?? undefined);
      if (meter) {
        ttftMs = Date.now() - startedAt;
        const near = this.ledger!.budget.nearing();
        if (near) routed.budget = budgetInWords(near);
      }
      if (conversation) this.conversations.remember(conversation.key, routed.id);
      Object.assign(decision, { selected: routed.id, reason: routed.reason, attempts: routed.attempts });
      if (decision.why) routed.why = decision.why;
      this.decisions.settled(decision);
      return routed;
    } catch (err) {
      decision.error = errorMessage(err);
      decision.reason = err instanceof OblixError && err.code ? err.code : 'error';
      this.decisions.settled(decision);
      if (this.recorder) {
        const aborted = (err as { name?: string } | null)?.name === 'AbortError';
        this.recorder.chat(request, decision, startedAt, null, {
          tokensIn: null,
          tokensOut: 0,
          chars: 0,
          outcome: aborted ? 'cancelled' : 'error',
          ...(!aborted && { error: decision.reason }),
        });
      }
      throw auto
        ? explainUnreachable(
            this.unreachableSources(),
            err,
            decision.candidates.map((c) => c.id),
            decision.passedOver,
          )
        : err;
    }
  }

  /**
   * The rule by which this prompt must stay on this machine, or null: the editor's local-only files
   * always; a credential in it unless privacy.secrets is `allow`. In local-only mode nothing leaves
   * anyway, so nothing is scanned.
   */
  private secretRule(request: ChatRequest): string | null {
    if (this.config.mode === 'local-only') return null;
    if (request.keepLocal) return request.keepLocal;
    if (this.config.privacy.secrets === 'allow') return null;
    return secretInPrompt(request);
  }

  /** The model a conversation sticks to; not the cloud model an escalation sent it to once the quiet stretch passed (stuck-agent.ts). */
  private stuckTo(key: string, request: ChatRequest): string | undefined {
    const model = this.conversations.get(key);
    if (model === undefined || this.isLocal(model) || request.tools === null) return model;
    return escalation(request.messages).over ? undefined : model;
  }

  /** Model ids a client may name: `auto` and every model of a provider that is not known to be down. */
  models(inEditor = false): string[] {
    const now = this.clock.now();
    // In local-only a cloud model only answers 403: a picker must not offer it. The editor's models only where they may serve.
    const allowed = (e: ModelEntry): boolean => (this.config.mode !== 'local-only' || e.local) && !hiddenFrom({ inEditor }, this.providers.get(e.providerId));
    const usable = this.catalog.entries.filter((e) => allowed(e) && this.connectivity.effectiveState(e.providerId, now) !== 'offline').map((e) => e.id);
    return ['auto', ...new Set(usable)];
  }

  /** Whether a model runs on this machine, as declared (locality.ts); false for an unknown id. */
  isLocal(id: string): boolean {
    return this.catalog.entry(id)?.local ?? false;
  }

  health(): Health {
    return healthReport({
      ...this.sources(),
      catalog: this.catalog,
      facts: this.facts,
      firstFacts: this.firstFacts,
      resources: this.resources,
      decisions: this.decisions,
      roles: this.roles(),
      now: this.clock.now(),
    });
  }

  /**
   * Who would serve a plain chat request naming `model` now, and why: what the status bar shows and
   * whether the chat view can answer. From memory, like plan(): no probe runs here.
   */
  servingNow(model = 'auto'): ServingNow {
    // Its readers (status bar, chat view) are inside the editor, so the editor's models count.
    return servingNowFrom(this.plan(IN_EDITOR_CHAT), model, (id) => this.isLocal(id));
  }

  /**
   * The window an agent gets when `model` (or what `auto` would choose for an agent turn) is a local
   * model: what `oblix models <id>` prints and /v1/models serves. Null for a cloud model or an unknown window.
   */
  agentWindow(model = 'auto'): AgentWindow | null {
    const id = model === 'auto' ? (this.plan(AGENT_TURN).candidates[0]?.id ?? null) : this.names.explicit(model);
    const entry = id === null ? undefined : this.catalog.entry(id);
    const fact = entry?.local ? this.facts.get(entry.providerId, entry.model) : undefined;
    if (!fact) return null;
    const t = this.config.thresholds;
    return agentWindow(
      model === 'auto' ? 'auto' : id!,
      largestWindow(fact, { runtimeDefault: this.config.ollamaContextLength, memAvailableBytes: this.resources.snapshot.memAvailableBytes, memoryHeadroom: t.memoryHeadroom }),
    );
  }

  /** The policy's plan for a request, from signals already in memory: no probe runs here. */
  plan(request: ChatRequest, models: readonly ModelEntry[] = chatModels(this.roleSignals(), this.config.roles ?? {}), needs: RequestNeeds = readNeeds(request)): Plan {
    const now = this.clock.now();
    const features = requestFeatures(request);
    const gated = gateExternal(
      models,
      request,
      () => features.promptTokens,
      (id) => this.providers.get(id),
    );
    const p = plan(
      features,
      {
        models: gated.models,
        state: (id) => this.connectivity.effectiveState(id, now),
        fact: (e) => this.facts.get(e.providerId, e.model),
        inventoried: (id) => this.facts.installed(id).length > 0,
        resources: this.resources.snapshot,
        ...(this.warmAware && { warmth: (e: ModelEntry) => this.warmth(e) }),
      },
      {
        mode: this.config.mode,
        thresholds: this.config.thresholds,
        ollamaContextLength: this.config.ollamaContextLength,
        latencyBudgetMs: this.config.completionFirstTokenTimeoutMs ?? DEFAULT_COMPLETION_FIRST_TOKEN_TIMEOUT_MS,
      },
      { needs, prefer: this.config.prefer, modelTiers: this.config.modelTiers ?? {} },
    );
    if (gated.passedOver.length === 0) return p;
    const passedOver = [...gated.passedOver, ...p.passedOver];
    return { ...p, passedOver, ...(p.empty !== undefined && { empty: clauses([p.empty, ...gated.passedOver.map((x) => x.detail)]) }) };
  }

  /** A local model's warmth as Ollama last told it (/api/ps, or an answer since), with the estimated load when cold. */
  private warmth(e: ModelEntry): Warmth | undefined {
    const f = this.facts.get(e.providerId, e.model);
    if (!f) return undefined;
    return f.loaded ? LOADED : { loaded: false, loadMs: this.loadTimes.estimateMs(f) };
  }

  private roleSignals(): RoleSignals {
    return {
      entries: this.catalog.entries,
      entry: (id) => this.catalog.entry(id),
      fact: (e) => this.facts.get(e.providerId, e.model),
      supports: (e, role) => {
        const p = this.providers.get(e.providerId);
        return Boolean(role === 'completion' ? p?.complete : p?.embed);
      },
    };
  }

  private explicitSources(): ExplicitSources {
    return {
      names: this.names,
      entry: (id) => this.catalog.entry(id),
      provider: (id) => this.providers.get(id),
      fact: (e) => this.facts.get(e.providerId, e.model),
      mode: this.config.mode,
      ollamaContextLength: this.config.ollamaContextLength,
    };
  }

  private unreachableSources(): UnreachableSources {
    return { entry: (id) => this.catalog.entry(id), provider: (id) => this.providers.get(id), problems: () => this.problems(), mode: this.config.mode };
  }

  /** What to fix among the providers the mode lets answer. */
  private problems(): string[] {
    return problemsInMode(this.sources());
  }

  private sources(): { config: OblixConfig; localities: Localities; connectivity: Connectivity } {
    return { config: this.config, localities: this.localities, connectivity: this.connectivity };
  }

  /** An external provider's own word for its cost (the editor's models: "included in subscription"), else undefined. */
  private includedCost(id: string): string | undefined {
    const p = this.providers.get(this.catalog.entry(id)?.providerId ?? '');
    return isExternal(p) ? p.cost : undefined;
  }
}
