// Where a prompt may go: declarations first (per model, then the provider's flag), then the kind,
// and the loopback guess only for an OpenAI-compatible provider nobody declared.
import assert from 'node:assert/strict';
import type { ProviderConfig } from '../../../src/core/config/config';
import { Localities } from '../../../src/core/routing/locality';

const providers: ProviderConfig[] = [
  { id: 'ollama', kind: 'ollama', baseURL: 'http://10.0.0.5:11434' },
  { id: 'openai', kind: 'openai', baseURL: 'http://127.0.0.1:4000/v1' }, // a local LiteLLM proxying to the cloud
  { id: 'anthropic', kind: 'anthropic', baseURL: 'http://localhost:8080' },
  { id: 'lmstudio', kind: 'openai-compatible', baseURL: 'http://127.0.0.1:1234/v1' },
  { id: 'groq', kind: 'openai-compatible', baseURL: 'https://api.groq.com/openai/v1' },
  { id: 'proxy', kind: 'openai-compatible', baseURL: 'http://127.0.0.1:4001/v1', local: false },
  { id: 'gpu', kind: 'openai', baseURL: 'https://gpu.example.com/v1', local: true },
];

describe('locality', () => {
  // Built inside each test, not when the file loads: mutation testing counts only code a test runs.
  const l = (): Localities =>
    new Localities({
      providers,
      localModels: ['ollama:llama3.2', 'openai:my-local-finetune', 'lmstudio:both'],
      cloudModels: ['lmstudio:qwen-cloud', 'ollama:gpt-oss:120b-cloud', 'lmstudio:both'],
    });
  const table: [string, boolean, string][] = [
    ['ollama:llama3.2:latest', true, 'declared-local-model'], // Ollama's tag resolution: the same model
    ['ollama:mistral', true, 'kind'],
    ['ollama:gpt-oss:120b-cloud', false, 'declared-cloud-model'],
    ['openai:gpt-4o-mini', false, 'kind'],
    ['openai:my-local-finetune', true, 'declared-local-model'],
    ['anthropic:claude-sonnet-5', false, 'kind'],
    ['lmstudio:qwen', true, 'loopback-guess'],
    ['lmstudio:qwen-cloud', false, 'declared-cloud-model'],
    ['lmstudio:both', false, 'declared-cloud-model'], // in both lists: cloud, never a leak by mistake
    ['groq:llama-3.3-70b', false, 'loopback-guess'],
    ['proxy:gpt-4o', false, 'provider-flag'],
    ['gpu:llama', true, 'provider-flag'],
    ['nobody:x', false, 'kind'],
    ['no-provider-prefix', false, 'kind'], // not a model id: cloud, like an unknown provider
  ];
  for (const [id, local, source] of table) {
    it(`${id}: ${local ? 'local' : 'cloud'} (${source})`, () => assert.deepEqual(l().model(id), { local, source }));
  }
});
