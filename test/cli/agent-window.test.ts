// Agents know the window they work in: `oblix models [ID]` prints a local model's window and the
// settings that tell Claude Code, Codex and opencode, and /v1/models serves it in the Anthropic
// Models API's fields, which Claude Code's gateway discovery reads.
import Anthropic from '@anthropic-ai/sdk';
import assert from 'node:assert/strict';
import { FakeOllama } from '../fakes/fake-ollama';
import { quietMachineConfig, runToExit, startServe, type Running } from './serve-process';

describe('agents know their window', function () {
  this.timeout(40_000);
  const ollama = new FakeOllama();
  before(async () => {
    ollama.models = [{ name: 'qwen2.5-coder:7b', contextLength: 32768, capabilities: ['completion', 'tools'] }];
    await ollama.start();
  });
  after(() => ollama.stop());

  it("oblix models prints the window and each agent's settings, for auto and for a chosen model", async () => {
    const args = ['--config', quietMachineConfig(), '--local-model', 'qwen2.5-coder:7b', '--port', '7777'];
    const auto = await runToExit(['models', ...args], { OLLAMA_HOST: ollama.url });
    assert.equal(auto.code, 0, auto.stderr);
    assert.match(auto.stdout, /ollama:qwen2\.5-coder:7b\s+local .*window 32768/);
    assert.match(auto.stdout, /Agents using auto: a 32768-token window \(room 8192 for the answer; compact above 24576\)/);
    assert.match(
      auto.stdout,
      /Claude Code: ANTHROPIC_BASE_URL=http:\/\/127\.0\.0\.1:7777 ANTHROPIC_MODEL=auto CLAUDE_CODE_MAX_CONTEXT_TOKENS=32768 CLAUDE_CODE_MAX_OUTPUT_TOKENS=8192 claude/,
    );
    assert.match(auto.stdout, /Codex .*model_context_window = 32768 {2}model_auto_compact_token_limit = 24576/);
    assert.match(auto.stdout, /opencode .*"limit": \{ "context": 32768, "output": 8192 \}/);
    const chosen = await runToExit(['models', 'qwen2.5-coder:7b', ...args], { OLLAMA_HOST: ollama.url });
    assert.equal(chosen.code, 0, chosen.stderr);
    assert.match(chosen.stdout, /Agents using ollama:qwen2\.5-coder:7b: a 32768-token window/);
    assert.match(chosen.stdout, /ANTHROPIC_MODEL=ollama:qwen2\.5-coder:7b /);
  });

  it('a cloud model has no local window to tell', async () => {
    const r = await runToExit(['models', 'openai:gpt-4o-mini', '--config', quietMachineConfig(), '--local-model', 'qwen2.5-coder:7b', '--cloud-model', 'openai:gpt-4o-mini'], {
      OLLAMA_HOST: ollama.url,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Agents using openai:gpt-4o-mini: no local window to tell them/);
  });

  describe('GET /v1/models', () => {
    let serve: Running;
    before(async () => {
      serve = await startServe(['--port', '0', '--config', quietMachineConfig(), '--local-model', 'qwen2.5-coder:7b'], { OLLAMA_HOST: ollama.url });
    });
    after(() => serve.stop());

    it("serves a local model's window as max_input_tokens and max_tokens, read by the Anthropic SDK", async () => {
      const client = new Anthropic({ baseURL: serve.base, apiKey: 'placeholder', maxRetries: 0 });
      const models = [];
      for await (const m of client.models.list()) models.push(m as unknown as { id: string; max_input_tokens?: number; max_tokens?: number });
      const local = models.find((m) => m.id === 'ollama:qwen2.5-coder:7b');
      assert.equal(local?.max_input_tokens, 32768);
      assert.equal(local?.max_tokens, 8192);
      assert.equal(models.find((m) => m.id === 'auto')?.max_input_tokens, 32768);
    });
  });
});
