// Builds the provider object for each configured upstream.
import { isLoopbackUrl, type ProviderConfig } from '../config';
import { AnthropicProvider } from './anthropic';
import { OllamaProvider } from './ollama';
import { OpenAIProvider } from './openai';
import type { Provider } from './provider';

export function createProvider(c: ProviderConfig): Provider {
  switch (c.kind) {
    case 'ollama':
      return new OllamaProvider(c.id, c.baseURL);
    case 'anthropic':
      return new AnthropicProvider({ id: c.id, baseURL: c.baseURL, apiKey: c.apiKey, local: c.local ?? isLoopbackUrl(c.baseURL) });
    case 'openai':
    case 'openai-compatible':
      return new OpenAIProvider({ id: c.id, kind: c.kind, baseURL: c.baseURL, apiKey: c.apiKey, local: c.local ?? isLoopbackUrl(c.baseURL) });
  }
}
