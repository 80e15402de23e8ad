// `oblix.*` settings (plus keys from SecretStorage or the environment) → the core's OblixConfig.
import * as vscode from 'vscode';
import { DEFAULT_ANTHROPIC_BASE_URL } from '../core/providers/anthropic';
import { DEFAULT_OPENAI_BASE_URL } from '../core/providers/openai';
import type { ProviderKind } from '../core/providers/provider';
import { defaultConfig, DEFAULT_THRESHOLDS, isLoopbackUrl, normalizeOllamaHost, ROUTING_MODES, type OblixConfig, type ProviderConfig, type RoutingMode } from '../core/config';
import type { KeyStore } from './secrets';

export interface CloudProviderSetting {
  id: string;
  kind: Exclude<ProviderKind, 'ollama'>;
  baseURL?: string;
  models?: string[];
  /** Whether its models run on this machine; by default, whether baseURL is a loopback address. */
  local?: boolean;
}

export interface ExtensionSettings {
  serverEnabled: boolean;
  requireApiKey: boolean;
  defaultModel: string;
  config: OblixConfig;
  /** Cloud providers left out because they have no key: the status bar says so. */
  missingKeys: string[];
}

const BUILT_IN_URL: Record<string, string> = { openai: DEFAULT_OPENAI_BASE_URL, anthropic: DEFAULT_ANTHROPIC_BASE_URL };

export async function readSettings(keys: KeyStore): Promise<ExtensionSettings> {
  const c = vscode.workspace.getConfiguration('oblix');
  const base = defaultConfig();
  const mode = c.get<string>('routing.mode', 'auto');
  const ollamaHost = normalizeOllamaHost(c.get<string>('ollama.host') || process.env.OLLAMA_HOST) ?? base.providers[0]!.baseURL;
  const providers: ProviderConfig[] = [{ id: 'ollama', kind: 'ollama', baseURL: ollamaHost }];
  const cloudModels: string[] = [];
  const missingKeys: string[] = [];
  for (const p of c.get<CloudProviderSetting[]>('cloud.providers', [])) {
    if (!p || typeof p.id !== 'string' || p.id === 'ollama') continue;
    const baseURL = p.baseURL || BUILT_IN_URL[p.id] || BUILT_IN_URL[p.kind] || '';
    if (!baseURL) continue;
    const apiKey = await keys.get(p.id);
    const local = typeof p.local === 'boolean' ? p.local : isLoopbackUrl(baseURL);
    // A cloud service without a key would only fail; a server on this machine may need none.
    if (!apiKey && !local) {
      missingKeys.push(p.id);
      continue;
    }
    providers.push({ id: p.id, kind: p.kind, baseURL, apiKey, local });
    for (const m of p.models ?? []) cloudModels.push(`${p.id}:${m}`);
  }
  const token = c.get<boolean>('server.requireApiKey', false) ? await keys.serverToken() : undefined;
  return {
    serverEnabled: c.get<boolean>('server.enabled', true),
    requireApiKey: token !== undefined,
    defaultModel: c.get<string>('defaultModel', 'auto') || 'auto',
    missingKeys,
    config: {
      ...base,
      host: c.get<string>('server.host', base.host),
      port: c.get<number>('server.port', base.port),
      mode: (ROUTING_MODES as string[]).includes(mode) ? (mode as RoutingMode) : 'auto',
      providers,
      localModels: c.get<string[]>('localModels', []).map((id) => (id.includes(':') && providers.some((p) => id.startsWith(`${p.id}:`)) ? id : `ollama:${id}`)),
      cloudModels,
      firstTokenTimeoutMs: c.get<number>('routing.firstTokenTimeoutMs', base.firstTokenTimeoutMs),
      thresholds: {
        maxCpuLoadPct: c.get<number>('routing.maxCpuLoadPct', DEFAULT_THRESHOLDS.maxCpuLoadPct),
        memoryHeadroom: c.get<number>('routing.memoryHeadroom', DEFAULT_THRESHOLDS.memoryHeadroom),
        lowBatteryPct: c.get<number>('routing.lowBatteryPct', DEFAULT_THRESHOLDS.lowBatteryPct),
      },
      apiKey: token,
      allowedOrigins: c.get<string[]>('server.allowedOrigins', []),
    },
  };
}

/** Settings whose change needs the HTTP server restarted (the rest apply to a new core in place). */
export const SERVER_SETTINGS = ['oblix.server.host', 'oblix.server.port', 'oblix.server.enabled'];
