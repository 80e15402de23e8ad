// GET /health, built from what the monitors and the decision log hold in memory: nothing is probed.
import type { OblixConfig } from './config/config';
import type { DecisionLog } from './decision-log';
import { problemsOf, type Health, type ProviderHealth } from './health';
import type { Catalog } from './routing/catalog';
import type { Connectivity } from './routing/connectivity';
import { defaultWindow } from './routing/context-window';
import type { FirstFacts } from './routing/first-facts';
import type { Localities } from './routing/locality';
import type { ModelFacts } from './routing/model-facts';
import type { Role } from './routing/model-roles';
import type { ResourceMonitor } from './routing/resources';
import { tierOf } from './routing/tiers';
import { redactUrl } from './support/redact';
import { VERSION } from './support/version';

export interface HealthSources {
  readonly config: OblixConfig;
  readonly catalog: Catalog;
  readonly connectivity: Connectivity;
  readonly localities: Localities;
  readonly facts: ModelFacts;
  readonly firstFacts: FirstFacts;
  readonly resources: ResourceMonitor;
  readonly decisions: DecisionLog;
  readonly roles: Map<string, Role[]>;
  /** The time the report is for, from Oblix's clock. */
  readonly now: number;
}

export function healthReport(s: HealthSources): Health {
  const providers = providerHealth(s);
  const entries = s.catalog.entries;
  const anyUp = entries.some((e) => s.connectivity.effectiveState(e.providerId, s.now) !== 'offline');
  return {
    status: !anyUp ? 'unavailable' : providers.some((p) => p.state !== 'online') ? 'degraded' : 'ok',
    version: VERSION,
    mode: s.config.mode,
    prefer: s.config.prefer,
    modelTiers: s.config.modelTiers ?? {},
    providers,
    models: {
      local: entries.filter((e) => e.local).map((e) => e.id),
      cloud: entries.filter((e) => !e.local).map((e) => e.id),
      locality: entries.map((e) => ({ id: e.id, local: e.local, source: e.localitySource })),
      tiers: Object.fromEntries(entries.map((e) => [e.id, tierOf(e, s.config.modelTiers ?? {})])),
    },
    modelFacts: s.facts.all().map((f) => ({ ...f, defaultWindow: defaultWindow(f, s.config.ollamaContextLength) })),
    factsPending: [...s.firstFacts.pending],
    resources: s.resources.snapshot,
    lastDecision: s.decisions.last,
    decisions: s.decisions.newestFirst(),
    problems: problemsOf(providers),
    roles: Object.fromEntries(s.roles),
  };
}

/** What to fix among the providers the mode lets answer (a cloud provider that is down is no news in local-only). */
export function problemsInMode(s: Pick<HealthSources, 'config' | 'localities' | 'connectivity'>): string[] {
  const mode = s.config.mode;
  return problemsOf(providerHealth(s).filter((p) => mode === 'auto' || p.local === (mode === 'local-only')));
}

function providerHealth(s: Pick<HealthSources, 'config' | 'localities' | 'connectivity'>): ProviderHealth[] {
  return s.config.providers.map((c) => {
    const l = s.localities.provider(c.id);
    return { id: c.id, kind: c.kind, local: l.local, localitySource: l.source, baseURL: redactUrl(c.baseURL), hasKey: Boolean(c.apiKey), ...s.connectivity.get(c.id) };
  });
}
