// The list of models Oblix offers to VS Code's language-model API: "Oblix Auto" and every model
// the router can use now, with honest limits and capabilities (see model-limits.ts).
import type { Health } from '../../core/health';
import { parseModelId } from '../../core/routing/model-id';
import { cloudLimits, ollamaLimits, type ModelLimits } from './model-limits';

/** The shape of vscode.LanguageModelChatInformation (1.104), kept plain so this runs without VS Code. */
export interface ModelInfo {
  id: string;
  name: string;
  family: string;
  version: string;
  detail?: string;
  tooltip?: string;
  maxInputTokens: number;
  maxOutputTokens: number;
  capabilities: { toolCalling: boolean; imageInput: boolean };
}

/** What this needs of the Oblix facade. */
export interface ModelSource {
  models(): string[];
  health(): Health;
}

export const AUTO_ID = 'auto';

export function modelInfos(source: ModelSource): ModelInfo[] {
  const health = source.health();
  const local = new Set(health.models.local);
  const kinds = new Map(health.providers.map((p) => [p.id, p.kind]));
  const facts = new Map(health.modelFacts.map((f) => [f.id, f]));
  const models: ModelInfo[] = [];
  for (const id of source.models()) {
    const ref = parseModelId(id);
    if (id === AUTO_ID || !ref) continue;
    const isLocal = local.has(id);
    if (health.mode === 'local-only' && !isLocal) continue; // it would be refused: never offered
    const kind = kinds.get(ref.providerId);
    const limits = kind === 'ollama' ? ollamaLimits(facts.get(id) ?? facts.get(`${id}:latest`)) : cloudLimits(ref.model);
    models.push(
      info(
        id,
        id,
        ref.model.replace(/:latest$/, ''),
        isLocal ? 'local' : 'cloud',
        `${id}, ${isLocal ? 'runs on this machine' : `a cloud model (${kind ?? 'unknown kind'})`}, via Oblix`,
        limits,
      ),
    );
  }
  // Auto may route to any of them (in cloud-only, only the cloud ones): it can do what some candidate can.
  const candidates = models.filter((m) => health.mode !== 'cloud-only' || !local.has(m.id));
  const auto = info(
    AUTO_ID,
    'Oblix Auto',
    'auto',
    `routed, ${health.mode}`,
    `Oblix picks a model for each request (mode ${health.mode}): ${candidates.map((m) => m.id).join(', ') || 'none available now'}.`,
    {
      maxInputTokens: Math.max(0, ...candidates.map((m) => m.maxInputTokens)) || 1,
      maxOutputTokens: Math.max(0, ...candidates.map((m) => m.maxOutputTokens)) || 1,
      toolCalling: candidates.some((m) => m.capabilities.toolCalling),
      imageInput: candidates.some((m) => m.capabilities.imageInput),
    },
  );
  return [auto, ...models];
}

function info(id: string, name: string, family: string, detail: string, tooltip: string, l: ModelLimits): ModelInfo {
  return {
    id,
    name,
    family,
    version: '1',
    detail,
    tooltip,
    maxInputTokens: l.maxInputTokens,
    maxOutputTokens: l.maxOutputTokens,
    capabilities: { toolCalling: l.toolCalling, imageInput: l.imageInput },
  };
}
