// Builds the provider object for each configured upstream.
import type { ProviderConfig } from '../config/config';
import { providerLocality } from '../routing/locality';
import { AnthropicProvider } from './anthropic';
import { OllamaProvider, type OllamaOptions } from './ollama';
import { OpenAIProvider } from './openai/openai';
import type { Provider } from './provider';

export function createProvider(c: ProviderConfig, ollama: OllamaOptions = {}): Provider {
  switch (c.kind) {
    case 'ollama':
      return new OllamaProvider(c.id, c.baseURL, ollama);
    case 'anthropic':
      return new AnthropicProvider({ id: c.id, baseURL: c.baseURL, apiKey: c.apiKey, local: providerLocality(c).local });
    case 'openai':
    case 'openai-compatible':
      return new OpenAIProvider({ id: c.id, kind: c.kind, baseURL: c.baseURL, apiKey: c.apiKey, local: providerLocality(c).local });
  }
}
