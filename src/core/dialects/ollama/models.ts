// Ollama's model endpoints answered from what Oblix already knows (no upstream call): /api/version,
// /api/tags (`auto` and every routable model), /api/show (capabilities, context length, details),
// /api/ps (the local models loaded now).
import type { RequestContext } from '../dialect';
import { createHash } from 'node:crypto';
import type { Oblix } from '../../oblix';
import { OblixError } from '../../errors/oblix-error';
import { OllamaProvider } from '../../providers/ollama';
import type { ModelFact } from '../../routing/model-facts';
import { readJsonBody } from '../../http/body';
import { sendJson } from '../../http/respond';
import { isObject } from '../json';

/** Reported when no real Ollama told its version (or it is older): new enough for Copilot's check (≥ 0.6.4). */
export const COMPATIBLE_OLLAMA_VERSION = '0.12.0';
const MIN_VERSION = [0, 6, 4];
/** Context length shown for cloud models, whose APIs do not tell it. */
const CLOUD_CONTEXT = 128_000;
const MODIFIED_AT = '2025-01-01T00:00:00Z';

export function handleVersion({ oblix, res }: RequestContext): void {
  const real = [...oblix.providers.values()].find((p): p is OllamaProvider => p instanceof OllamaProvider && p.version !== null)?.version;
  sendJson(res, 200, { version: real && atLeast(real, MIN_VERSION) ? real : COMPATIBLE_OLLAMA_VERSION });
}

export function handleTags({ oblix, res }: RequestContext): void {
  sendJson(res, 200, { models: oblix.models().map((id) => tag(oblix, id)) });
}

export function handlePs({ oblix, res }: RequestContext): void {
  const expires = new Date(Date.now() + 5 * 60_000).toISOString();
  const loaded = oblix.models().flatMap((id) => {
    const f = oblix.fact(id);
    return f?.loaded ? [{ ...tag(oblix, id), expires_at: expires, size_vram: f.sizeBytes ?? 0, context_length: f.loadedContextLength ?? f.contextLength ?? 0 }] : [];
  });
  sendJson(res, 200, { models: loaded });
}

export async function handleShow({ oblix, req, res, maxBodyBytes }: RequestContext): Promise<void> {
  const body = await readJsonBody(req, maxBodyBytes);
  const name = isObject(body) ? (body.model ?? body.name) : undefined;
  if (typeof name !== 'string' || name === '') throw OblixError.of('missing_required_parameter', 'model is required: send {"model": "<name>"}.', { param: 'model' });
  const id = oblix.names.fromClient(name, true);
  const roles = oblix.roles();
  const usable = oblix.models();
  if (!usable.includes(id) && !oblix.fact(id)) throw OblixError.of('model_not_found', `model '${name}' not found`, { param: 'model' });
  const { capabilities, context } =
    id === 'auto'
      ? autoTraits(
          oblix,
          [...roles].filter(([, r]) => r.includes('chat')).map(([m]) => m),
        )
      : traits(oblix, id, roles.get(id) ?? []);
  sendJson(res, 200, {
    license: '',
    modelfile: `# Oblix model ${id}\nFROM ${id}\n`,
    parameters: '',
    template: '{{ .Prompt }}',
    details: details(id, oblix.fact(id)),
    // Copilot shows general.basename as the model's name and reads `<architecture>.context_length`.
    model_info: { 'general.architecture': 'oblix', 'general.basename': id === 'auto' ? 'auto' : oblix.names.ollamaName(id), 'oblix.context_length': context },
    capabilities,
    modified_at: MODIFIED_AT,
  });
}

interface Traits {
  capabilities: string[];
  context: number;
}

function traits(oblix: Oblix, id: string, roles: readonly string[]): Traits {
  const f = oblix.fact(id);
  if (f?.capabilities) return { capabilities: f.capabilities, context: f.contextLength ?? 0 };
  const kind = oblix.providers.get(id.slice(0, id.indexOf(':')))?.kind;
  // Cloud APIs do not say: their flagship kinds read images and call tools; a compatible server is assumed to call tools.
  const caps = roles.includes('embedding') && !roles.includes('chat') ? ['embedding'] : ['completion', 'tools', ...(kind === 'openai' || kind === 'anthropic' ? ['vision'] : [])];
  return { capabilities: caps, context: f?.contextLength ?? CLOUD_CONTEXT };
}

/** `auto` can do what any chat model it may choose can do, up to the largest context among them. */
function autoTraits(oblix: Oblix, chatIds: string[]): Traits {
  const all = chatIds.map((id) => traits(oblix, id, ['chat']));
  const caps = new Set(all.flatMap((t) => t.capabilities).filter((c) => ['completion', 'tools', 'vision'].includes(c)));
  caps.add('completion');
  return { capabilities: [...caps], context: Math.max(0, ...all.map((t) => t.context)) };
}

function tag(oblix: Oblix, id: string): Record<string, unknown> {
  const f = oblix.fact(id);
  const name = id === 'auto' ? 'auto' : oblix.names.ollamaName(id);
  return {
    name,
    model: name,
    modified_at: MODIFIED_AT,
    size: f?.sizeBytes ?? 0,
    digest: f?.digest ?? `sha256:${createHash('sha256').update(id).digest('hex')}`,
    details: details(id, f),
  };
}

function details(id: string, f: ModelFact | undefined): Record<string, unknown> {
  const family = id === 'auto' ? 'oblix' : id.slice(0, id.indexOf(':'));
  return { parent_model: '', format: f ? 'gguf' : 'oblix', family, families: [family], parameter_size: '', quantization_level: '' };
}

function atLeast(version: string, min: number[]): boolean {
  const parts = version.split(/[.-]/).map((x) => Number.parseInt(x, 10));
  for (let i = 0; i < min.length; i++) {
    const v = Number.isFinite(parts[i]) ? parts[i]! : 0;
    if (v !== min[i]) return v > min[i]!;
  }
  return true;
}
