// Embedding routing against in-process providers: a name maps to one model; only the user's declared
// equivalents stand in, in order, never a cloud one in local-only; the exact errors when they fail.
import assert from 'node:assert/strict';
import type { EmbedCall, Embeddings, Provider } from '../../../src/core/providers/provider';
import { OblixError } from '../../../src/core/errors/oblix-error';
import { UpstreamError } from '../../../src/core/providers/upstream-error';
import type { ModelEntry } from '../../../src/core/routing/catalog';
import { Connectivity, DEFAULT_CONNECTIVITY } from '../../../src/core/routing/connectivity';
import { routeEmbedding, type EmbedContext } from '../../../src/core/routing/embedder';
import type { RoutingMode } from '../../../src/core/config/config';

/** A provider whose embed answers with a vector naming it, or fails with the error given. */
class Embedder implements Provider {
  readonly kind = 'openai' as const;
  readonly calls: EmbedCall[] = [];
  embed?: (call: EmbedCall) => Promise<Embeddings>;
  constructor(
    readonly id: string,
    readonly local: boolean,
    private readonly error: Error | null = null,
    canEmbed = true,
  ) {
    if (canEmbed) {
      this.embed = async (call) => {
        this.calls.push(call);
        if (this.error) throw this.error;
        return { vectors: [[this.id.length]], promptTokens: 3 };
      };
    }
  }
  ignoredParams(): string[] {
    return [];
  }
  chat(): AsyncIterable<never> {
    throw new Error('not a chat provider');
  }
  async ping(): Promise<void> {}
}

const entryOf = (id: string, local: boolean): ModelEntry => ({ id, providerId: id.split(':')[0]!, model: id.split(':')[1]!, local, localitySource: 'kind' });
const down = (p: string): UpstreamError => new UpstreamError(p, 502, `${p} answered 500: boom`, false, 'server_error');
const bad = (p: string): UpstreamError => new UpstreamError(p, 400, `${p} answered 400: bad input`, false, 'invalid_value');

function setup(providers: Embedder[], failover: Record<string, string> = {}, mode: RoutingMode = 'auto') {
  const connectivity = new Connectivity(providers, DEFAULT_CONNECTIVITY);
  const ctx: EmbedContext = { providers: new Map(providers.map((p) => [p.id, p])), connectivity, mode, failover };
  const local = new Set(providers.filter((p) => p.local).map((p) => p.id));
  const entry = (id: string): ModelEntry | null => (id.startsWith('gone:') ? null : entryOf(id, local.has(id.split(':')[0]!)));
  const route = (first: string, signal = new AbortController().signal) =>
    routeEmbedding(ctx, entry(first)!, 'local-preferred', { model: first, input: ['hello'], dimensions: 256 }, signal, entry);
  return { route, connectivity };
}

function rejectsWith(p: Promise<unknown>, status: number, code: string, message: string): Promise<void> {
  return assert.rejects(p, (e: OblixError) => {
    assert.deepEqual([e.status, e.code, e.message], [status, code, message]);
    return true;
  });
}

describe('routeEmbedding', () => {
  it('the named model serves with the reason given, and gets the model, input and dimensions', async () => {
    const a = new Embedder('a', true);
    const { route } = setup([a], { 'a:m': 'b:m' });
    assert.deepEqual(await route('a:m'), { vectors: [[1]], promptTokens: 3, id: 'a:m', reason: 'local-preferred' });
    assert.deepEqual([a.calls[0]!.model, a.calls[0]!.input, a.calls[0]!.dimensions], ['m', ['hello'], 256]);
  });

  it('a declared equivalent stands in when the first fails: failover reason, the failure counted', async () => {
    const { route, connectivity } = setup([new Embedder('a', true, down('a')), new Embedder('bb', false)], { 'a:m': 'bb:m' });
    assert.deepEqual(await route('a:m'), { vectors: [[2]], promptTokens: 3, id: 'bb:m', reason: 'failover-from:a:m' });
    assert.equal(connectivity.get('a').lastFailureKind, 'server');
  });

  it('equivalents chain in order (a → b → c), and a loop back to one already tried ends the chain', async () => {
    const c = new Embedder('ccc', true);
    const { route } = setup([new Embedder('a', true, down('a')), new Embedder('bb', true, down('bb')), c], { 'a:m': 'bb:m', 'bb:m': 'ccc:m', 'ccc:m': 'a:m' });
    assert.equal((await route('a:m')).id, 'ccc:m');
    const loop = setup([new Embedder('a', true, down('a')), new Embedder('bb', true, down('bb'))], { 'a:m': 'bb:m', 'bb:m': 'a:m' });
    await rejectsWith(loop.route('a:m'), 502, 'server_error', 'Every equivalent embedding model failed. a:m: a answered 500: boom | bb:m: bb answered 500: boom');
  });

  it('a chain stops at 8 models', async () => {
    const ps = Array.from({ length: 10 }, (_, i) => new Embedder(`p${i}`, true, i < 9 ? down(`p${i}`) : null));
    const failover = Object.fromEntries(ps.slice(0, 9).map((p, i) => [`${p.id}:m`, `p${i + 1}:m`]));
    const { route } = setup(ps, failover);
    await assert.rejects(route('p0:m'), (e: OblixError) => e.message.split(' | ').length === 8 && e.message.endsWith('p7:m: p7 answered 500: boom'));
    assert.equal(ps[8]!.calls.length, 0);
  });

  it('an equivalent that names no model ends the chain', async () => {
    const { route } = setup([new Embedder('a', true, down('a'))], { 'a:m': 'gone:m' });
    await rejectsWith(route('a:m'), 502, 'server_error', 'a answered 500: boom');
  });

  it('local-only skips a cloud equivalent and goes on to the next local one', async () => {
    const cloud = new Embedder('cloud', false);
    const { route } = setup([new Embedder('a', true, down('a')), cloud, new Embedder('loc', true)], { 'a:m': 'cloud:m', 'cloud:m': 'loc:m' }, 'local-only');
    assert.equal((await route('a:m')).id, 'loc:m');
    assert.equal(cloud.calls.length, 0);
  });

  it('a lone model without an embeddings API: 400 model_not_supported; in a chain it is skipped', async () => {
    const { route } = setup([new Embedder('a', true, null, false)]);
    await rejectsWith(route('a:m'), 400, 'model_not_supported', "The model 'a:m' cannot embed: a has no embeddings API.");
    const chain = setup([new Embedder('a', true, null, false), new Embedder('bb', true)], { 'a:m': 'bb:m' });
    assert.deepEqual(await chain.route('a:m'), { vectors: [[2]], promptTokens: 3, id: 'bb:m', reason: 'failover-from:a:m' });
    const none = setup([new Embedder('a', true, null, false), new Embedder('bb', true, null, false)], { 'a:m': 'bb:m' });
    await rejectsWith(none.route('a:m'), 503, 'no_model_available', "No embedding model can answer for 'a:m'.");
  });

  it('a failure another model cannot avoid (400) stops at once and counts nothing', async () => {
    const b = new Embedder('bb', true);
    const { route, connectivity } = setup([new Embedder('a', true, bad('a')), b], { 'a:m': 'bb:m' });
    await rejectsWith(route('a:m'), 400, 'invalid_value', 'a answered 400: bad input');
    assert.equal(b.calls.length, 0);
    assert.equal(connectivity.get('a').consecutiveFailures, 0);
  });

  it('a later one failing with a non-upstream error: 502 all_candidates_failed with both', async () => {
    const { route } = setup([new Embedder('a', true, down('a')), new Embedder('bb', true, new Error('odd'))], { 'a:m': 'bb:m' });
    await rejectsWith(route('a:m'), 502, 'all_candidates_failed', 'Every equivalent embedding model failed. a:m: a answered 500: boom | bb:m: odd');
  });

  it("the caller's abort is passed on as it is, with no equivalent tried", async () => {
    const ac = new AbortController();
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    const b = new Embedder('bb', true);
    const a = new Embedder('a', true);
    a.embed = async () => {
      ac.abort();
      throw abort;
    };
    const { route } = setup([a, b], { 'a:m': 'bb:m' });
    await assert.rejects(route('a:m', ac.signal), (e: unknown) => e === abort);
    assert.equal(b.calls.length, 0);
  });

  it("a provider's own AbortError is passed on, not failed over", async () => {
    const abort = Object.assign(new Error('user aborted'), { name: 'APIUserAbortError' });
    const b = new Embedder('bb', true);
    const { route } = setup([new Embedder('a', true, abort), b], { 'a:m': 'bb:m' });
    await assert.rejects(route('a:m'), (e: unknown) => e === abort);
    assert.equal(b.calls.length, 0);
    const later = setup([new Embedder('a', true, down('a')), new Embedder('bb', true, abort)], { 'a:m': 'bb:m' });
    await assert.rejects(later.route('a:m'), (e: unknown) => e === abort, 'from an equivalent too, not folded into "every model failed"');
  });
});
