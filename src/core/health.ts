// The shape of GET /health, and the advice it gives a person when something is missing.
import type { Decision } from './decision';
import type { RoutingMode } from './config/config';
import type { Provider } from './providers/provider';
import type { ProviderStatus } from './routing/connectivity';
import type { LocalitySource } from './routing/locality';
import type { ModelFact } from './routing/model-facts';
import type { ResourceSnapshot } from './routing/resources';
import type { Preference, Tier } from './routing/tiers';

export interface ProviderHealth extends ProviderStatus {
  id: string;
  kind: Provider['kind'];
  local: boolean;
  /** What made it local or cloud: its `local` flag, its kind, or the loopback guess. */
  localitySource: LocalitySource;
  baseURL: string;
  hasKey: boolean;
}

export interface Health {
  status: 'ok' | 'degraded' | 'unavailable';
  version: string;
  mode: RoutingMode;
  /** Which tier `auto` tries first for each kind of request (routing/tiers.ts). */
  prefer: Preference;
  /** Models declared small or strong against their locality's default. */
  modelTiers: Record<string, Tier>;
  providers: ProviderHealth[];
  /** `locality` says, per model, where its locality came from (a declaration or a guess). */
  models: { local: string[]; cloud: string[]; locality: { id: string; local: boolean; source: LocalitySource }[]; tiers: Record<string, Tier> };
  /** `defaultWindow`: the context a request gets unless routing raises num_ctx (the trained maximum is `contextLength`). */
  modelFacts: (ModelFact & { defaultWindow: number })[];
  /** Providers whose first inventory has not arrived: routing does not know their models yet. */
  factsPending: string[];
  resources: ResourceSnapshot;
  lastDecision: Decision | null;
  /** Newest first. */
  decisions: Decision[];
  problems: string[];
  /** Model id → the roles it serves (chat, completion, embedding). */
  roles: Record<string, string[]>;
}

/** What the user should do, in words: start Ollama, set a key... */
export function problemsOf(providers: ProviderHealth[]): string[] {
  const out: string[] = [];
  for (const p of providers) {
    if (p.state !== 'offline') continue;
    out.push(offlineProblem(p));
  }
  if (!providers.some((p) => !p.local)) out.push('No cloud provider is configured: set OPENAI_API_KEY or ANTHROPIC_API_KEY.');
  for (const p of providers) if (p.kind !== 'ollama' && !p.local && !p.hasKey) out.push(`${p.id} has no API key.`);
  return out;
}

/** What happened to an offline provider, in words, from what its last probe got back. */
function offlineProblem(p: ProviderHealth): string {
  const ollama = p.kind === 'ollama';
  const name = ollama ? `Ollama at ${p.baseURL}` : `${p.id} at ${p.baseURL}`;
  switch (p.probeFailure) {
    case 'no-answer':
      return `${name} accepts connections but did not answer (${p.lastError ?? 'no answer'}): it is hung or overloaded${ollama ? "; restart it ('ollama serve')" : ''}.`;
    case 'wrong-key':
      return `${name} refused the API key (${p.lastError ?? 'answered 401'}): ${p.hasKey ? 'the key is wrong or not allowed; set the right one' : 'it needs one; set it'}${ollama ? '' : ` (${keyVariable(p.kind)})`}.`;
    case 'wrong-path':
      return ollama
        ? `${name} answered 404 for /api/version: that is not Ollama's API root; set OLLAMA_HOST to Ollama's address without a path (like http://127.0.0.1:11434).`
        : `${name} answered 404 for its model list: the path is wrong; an OpenAI-compatible base URL usually ends in /v1.`;
    case 'loop':
      return `${name} is Oblix itself, not ${ollama ? 'Ollama' : 'the provider'} (508 loop): ${ollama ? "set OLLAMA_HOST (or the ollama provider's baseURL) to Ollama's own address, http://127.0.0.1:11434 by default" : 'point its baseURL at the provider'}.`;
    case 'bad-answer':
      return `${name} answered its probe with an error: ${p.lastError ?? 'unknown'}.`;
    default:
      // Unreachable, or offline from real requests' failures rather than a probe.
      if (p.probeFailure === null && p.lastFailureKind !== null && p.lastFailureKind !== 'unreachable')
        return `${name} keeps failing (${p.lastFailureKind}): ${p.lastError ?? 'no detail'}.`;
      return ollama
        ? `Ollama is not running at ${p.baseURL}: start it with 'ollama serve' (or set OLLAMA_HOST).`
        : `${p.id} at ${p.baseURL} cannot be reached: check the URL and your network.`;
  }
}

function keyVariable(kind: ProviderHealth['kind']): string {
  if (kind === 'openai') return "OPENAI_API_KEY, or the provider's apiKey";
  if (kind === 'anthropic') return "ANTHROPIC_API_KEY, or the provider's apiKey";
  return "the provider's apiKey";
}
