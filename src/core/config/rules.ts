// The rules about providers and model ids that every source of config obeys (the CLI's flags, file
// and environment; the extension's settings and SecretStorage), so the two hosts cannot drift apart.
import { didYouMean } from '../support/closest-name';
import { DEFAULT_ANTHROPIC_BASE_URL, DEFAULT_OPENAI_BASE_URL } from '../providers/base-urls';
import type { ProviderKind } from '../providers/provider';
import { parseModelId } from '../routing/model-id';

/** Structural, so that config.ts can use these rules without an import cycle. */
interface ProviderRef {
  readonly id: string;
}

export const PROVIDER_KINDS: readonly ProviderKind[] = ['ollama', 'openai', 'anthropic', 'openai-compatible'];

export function isProviderKind(kind: unknown): kind is ProviderKind {
  return typeof kind === 'string' && (PROVIDER_KINDS as readonly string[]).includes(kind);
}

/** The base URL of a built-in provider, by its id first (`openai`), then its kind; undefined for the rest. */
export function builtInBaseURL(id: string, kind: string): string | undefined {
  const builtIn: Record<string, string> = { openai: DEFAULT_OPENAI_BASE_URL, anthropic: DEFAULT_ANTHROPIC_BASE_URL };
  return builtIn[id] ?? builtIn[kind];
}

/** The environment variable that holds a provider's key: the ecosystem's own name, else `<ID>_API_KEY` (GROQ_API_KEY). */
export function apiKeyVariable(providerId: string): string {
  const own: Record<string, string> = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY' };
  return own[providerId] ?? `${providerId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_API_KEY`;
}

/** A provider id is a model id's prefix: letters, digits, '.', '_' or '-' (never ':'). */
export function isProviderId(id: string): boolean {
  return /^[a-z0-9][a-z0-9_.-]*$/i.test(id);
}

/** A bare name (`llama3.2`, or `llama3.2:1b` whose prefix is no provider) is an Ollama model. */
export function qualifyModelId(id: string, providers: readonly ProviderRef[]): string {
  const at = id.indexOf(':');
  return at > 0 && providers.some((p) => p.id === id.slice(0, at)) ? id : `ollama:${id}`;
}

/**
 * Why a declared model id cannot be routed to, in words the user can act on, written to follow
 * "has" (`localModels has 'nope', which is not a model id`); undefined when it can.
 */
export function modelIdProblem(id: string, providers: readonly ProviderRef[]): string | undefined {
  const ref = parseModelId(id);
  if (!ref) return `'${id}', which is not a model id: write <provider>:<model>, e.g. ollama:llama3.2 or openai:gpt-4o-mini.`;
  if (providers.some((p) => p.id === ref.providerId)) return undefined;
  const near = didYouMean(
    ref.providerId,
    providers.map((p) => p.id),
    (n) => `'${n}'`,
  );
  return `'${id}', which names the provider '${ref.providerId}', and that is not configured${near ? `; ${near}` : `. ${providerHint(ref.providerId)}`}`;
}

function providerHint(providerId: string): string {
  if (providerId === 'openai') return 'Set OPENAI_API_KEY (and OPENAI_BASE_URL for a compatible service).';
  if (providerId === 'anthropic') return 'Set ANTHROPIC_API_KEY.';
  return `Add it to "providers" in a --config file: {"id": "${providerId}", "kind": "openai-compatible", "baseURL": "http://..."}.`;
}
