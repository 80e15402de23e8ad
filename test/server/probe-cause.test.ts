// A provider whose probe fails is named with what happened (wrong key, wrong path, a loop to Oblix
// itself, no answer, not running) in /health's `problems` and its `probeFailure`, and a provider
// without a key is probed without any placeholder credential.
import assert from 'node:assert/strict';
import { defaultConfig, type ProviderConfig } from '../../src/core/config/config';
import type { Health, ProviderHealth } from '../../src/core/health';
import { Oblix } from '../../src/core/oblix';
import { DEFAULT_CONNECTIVITY } from '../../src/core/routing/connectivity';
import { FakeAnthropic } from '../fakes/fake-anthropic';
import { FakeOllama } from '../fakes/fake-ollama';
import { FakeOpenAI } from '../fakes/fake-openai';
import { silentPort } from '../fakes/silent-port';
import { startHarness } from '../harness';
import { ManualClock } from '../manual-clock';
import { raw } from '../raw-http';

/** Starts an Oblix on these providers, lets its first probes finish, and reads /health's view. `hung`: moves the clock past the probes' timeout. */
async function probed(providers: ProviderConfig[], hung = false): Promise<Health> {
  const clock = new ManualClock(Date.now());
  const oblix = new Oblix({ ...defaultConfig(), port: 0, providers, localModels: [], cloudModels: [] }, { clock, connectivity: { ...DEFAULT_CONNECTIVITY, networkCheckMs: 0 } });
  try {
    const started = oblix.start();
    await clock.advance(hung ? DEFAULT_CONNECTIVITY.probeTimeoutMs : 250); // 250 ms: the first CPU reading
    await started;
    return oblix.health();
  } finally {
    oblix.stop();
  }
}

const provider = (h: Health, id: string): ProviderHealth => h.providers.find((p) => p.id === id)!;
const problemOf = (h: Health, id: string): string => {
  const p = provider(h, id);
  const found = h.problems.find((x) => x.includes(p.baseURL));
  assert.ok(found, `a problem names ${id}: ${JSON.stringify(h.problems)}`);
  return found;
};

describe('provider health names the cause', () => {
  it('a wrong key: refused the key, not "cannot be reached"', async () => {
    const openai = new FakeOpenAI();
    openai.apiKey = 'sk-right-key-1234567890';
    await openai.start();
    try {
      const h = await probed([{ id: 'openai', kind: 'openai', baseURL: `${openai.url}/v1`, apiKey: 'sk-wrong-key-1234567890', local: false }]);
      assert.equal(provider(h, 'openai').probeFailure, 'wrong-key');
      const problem = problemOf(h, 'openai');
      assert.match(problem, /refused the API key .*401.*the key is wrong/);
      assert.doesNotMatch(problem, /cannot be reached|network/);
    } finally {
      await openai.stop();
    }
  });

  it('a base URL without /v1: the path is wrong (a 404), not "cannot be reached"', async () => {
    const openai = new FakeOpenAI();
    await openai.start();
    try {
      const h = await probed([{ id: 'lmstudio', kind: 'openai-compatible', baseURL: openai.url, local: true }]);
      assert.equal(provider(h, 'lmstudio').probeFailure, 'wrong-path');
      const problem = problemOf(h, 'lmstudio');
      assert.match(problem, /answered 404 .*path is wrong.*\/v1/);
      assert.doesNotMatch(problem, /cannot be reached|network/);
    } finally {
      await openai.stop();
    }
  });

  it('a hung Ollama: no answer, not "not running"', async () => {
    const hung = await silentPort();
    try {
      const h = await probed([{ id: 'ollama', kind: 'ollama', baseURL: hung.url }], true);
      assert.equal(provider(h, 'ollama').probeFailure, 'no-answer');
      const problem = problemOf(h, 'ollama');
      assert.match(problem, /accepts connections but did not answer .*3000 ms.*hung/);
      assert.doesNotMatch(problem, /not running/);
    } finally {
      hung.close();
    }
  });

  it('OLLAMA_HOST pointing at Oblix itself: a loop (508), in /health too', async () => {
    const target = await startHarness();
    try {
      const h = await probed([{ id: 'ollama', kind: 'ollama', baseURL: target.base }]);
      assert.equal(provider(h, 'ollama').probeFailure, 'loop');
      const problem = problemOf(h, 'ollama');
      assert.match(problem, /is Oblix itself, not Ollama \(508 loop\).*OLLAMA_HOST/);
      assert.doesNotMatch(problem, /not running/);
      // The same words on the wire: GET /health of an Oblix whose Ollama provider points at the first.
      const looped = await startHarness({ configure: (c) => (c.providers = c.providers.map((p) => (p.id === 'ollama' ? { ...p, baseURL: target.base } : p))) });
      try {
        const health = (await raw(looped.base, { path: '/health' })).json as Health;
        assert.equal(provider(health, 'ollama').probeFailure, 'loop');
        assert.ok(
          health.problems.some((x) => /is Oblix itself/.test(x)),
          JSON.stringify(health.problems),
        );
      } finally {
        await looped.stop();
      }
    } finally {
      await target.stop();
    }
  });

  it('Ollama not listening at all: still "not running", with how to start it', async () => {
    const ollama = new FakeOllama();
    await ollama.start();
    const url = ollama.url;
    await ollama.stop();
    const h = await probed([{ id: 'ollama', kind: 'ollama', baseURL: url }]);
    assert.equal(provider(h, 'ollama').probeFailure, 'unreachable');
    assert.match(problemOf(h, 'ollama'), /^Ollama is not running at .*ollama serve/);
  });

  it('a provider without a key is probed with no credential at all (no "Bearer none")', async () => {
    const openai = new FakeOpenAI();
    const anthropic = new FakeAnthropic();
    await Promise.all([openai.start(), anthropic.start()]);
    try {
      const h = await probed([
        { id: 'lmstudio', kind: 'openai-compatible', baseURL: `${openai.url}/v1`, local: true },
        { id: 'claude-proxy', kind: 'anthropic', baseURL: anthropic.url, local: true },
      ]);
      assert.deepEqual(
        h.providers.map((p) => [p.id, p.state]),
        [
          ['lmstudio', 'online'],
          ['claude-proxy', 'online'],
        ],
      );
      const probe = openai.requests.find((r) => r.path === '/v1/models')!;
      assert.equal(probe.headers.authorization, undefined);
      const anthropicProbe = anthropic.requests.find((r) => r.path === '/v1/models')!;
      assert.deepEqual([anthropicProbe.headers['x-api-key'], anthropicProbe.headers.authorization], [undefined, undefined]);
    } finally {
      await Promise.all([openai.stop(), anthropic.stop()]);
    }
  });
});
