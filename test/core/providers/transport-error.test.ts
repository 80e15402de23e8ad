// Transport failures are told from the upstream's own errors by type, not wording: through each
// real client, against fakes that refuse, close the socket unanswered or cut the stream, the
// classification (unreachable, and the network code named) is what it was with the old regex;
// an upstream's in-stream error that merely says "terminated" is no longer "unreachable".
import assert from 'node:assert/strict';
import net from 'node:net';
import { APIConnectionError, APIConnectionTimeoutError } from 'openai';
import { Cancel } from '../../../src/core/support/cancel';
import { validateChatRequest } from '../../../src/core/dialects/openai-chat/parse';
import { createProvider } from '../../../src/core/providers/create';
import { OpenAIStream } from '../../../src/core/providers/openai/openai-stream';
import { TransportError, transportFailure } from '../../../src/core/providers/transport-error';
import { toUpstreamError, UpstreamError } from '../../../src/core/providers/upstream-error';
import { FakeAnthropic } from '../../fakes/fake-anthropic';
import { FakeOllama } from '../../fakes/fake-ollama';
import { FakeOpenAI } from '../../fakes/fake-openai';
import type { Faults } from '../../fakes/fake-server';

const request = validateChatRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });

async function failure(events: AsyncIterable<unknown>): Promise<UpstreamError> {
  try {
    for await (const _ of events) void _;
  } catch (err) {
    assert.ok(err instanceof UpstreamError, String(err));
    return err;
  }
  throw new Error('no failure');
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('transport failures by type', () => {
  const ollama = new FakeOllama();
  const openai = new FakeOpenAI();
  const anthropic = new FakeAnthropic();
  let refusedUrl = '';
  before(async () => {
    anthropic.models = ['m'];
    await Promise.all([ollama.start(), openai.start(), anthropic.start()]);
    refusedUrl = `http://127.0.0.1:${await closedPort()}`;
  });
  after(() => Promise.all([ollama.stop(), openai.stop(), anthropic.stop()]));

  /** One chat through each client; `base` replaces the fake's address (a refused port). */
  const clients = (base?: string): [string, () => AsyncIterable<unknown>][] => {
    const stream = (kind: 'undici' | 'http'): AsyncIterable<unknown> =>
      new OpenAIStream(`${base ?? openai.url}/v1`, undefined, kind).batches(
        { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true },
        new Cancel(),
        () => {},
        (e) => toUpstreamError('openai', 'OpenAI', e),
      );
    return [
      ['ollama (fetch)', () => createProvider({ id: 'ollama', kind: 'ollama', baseURL: base ?? ollama.url }).chat({ model: 'llama3.2:latest', request, cancel: new Cancel() })],
      [
        'anthropic (SDK)',
        () => createProvider({ id: 'anthropic', kind: 'anthropic', baseURL: base ?? anthropic.url, apiKey: 'k' }).chat({ model: 'm', request, cancel: new Cancel() }),
      ],
      ['openai (undici)', () => stream('undici')],
      ['openai (node:http)', () => stream('http')],
    ];
  };

  const cases: { name: string; faults: Faults; refused?: true; codes: string[] }[] = [
    { name: 'a refused connection', faults: {}, refused: true, codes: ['ECONNREFUSED', 'ECONNREFUSED', 'ECONNREFUSED', 'ECONNREFUSED'] },
    { name: 'a socket closed without an answer', faults: { refuse: true }, codes: ['UND_ERR_SOCKET', 'UND_ERR_SOCKET', 'UND_ERR_SOCKET', 'ECONNRESET'] },
    { name: 'a reset mid-stream', faults: { cutAfterTokens: 1 }, codes: ['UND_ERR_SOCKET', 'UND_ERR_SOCKET', 'UND_ERR_SOCKET', 'ECONNRESET'] },
  ];
  for (const c of cases) {
    it(`classifies ${c.name} as unreachable, naming the network code, through every client`, async () => {
      for (const f of [ollama, openai, anthropic]) f.faults = c.faults;
      const seen: string[] = [];
      for (const [who, chat] of clients(c.refused ? refusedUrl : undefined)) {
        const err = await failure(chat());
        assert.equal(err.unreachable, true, `${who}: ${err.message}`);
        assert.equal(err.code, 'upstream_unreachable', who);
        seen.push(/could not be reached \(([A-Z_]+)\)/.exec(err.message)?.[1] ?? 'none');
      }
      assert.deepEqual(seen, c.codes);
    });
  }

  it('classifies a fetch refused without a code (a port fetch will not use) as unreachable', async () => {
    const [[, ollamaChat], [, anthropicChat]] = clients('http://127.0.0.1:9');
    for (const chat of [ollamaChat, anthropicChat]) assert.equal((await failure(chat())).unreachable, true);
  });

  it("does not take an upstream's own in-stream error for a transport failure, whatever it says", async () => {
    for (const f of [ollama, openai, anthropic]) f.faults = { errorMidStream: 'llama runner process has terminated' };
    for (const [who, chat] of clients()) {
      const err = await failure(chat());
      assert.equal(err.unreachable, false, `${who}: ${err.message}`);
      assert.equal(err.code, 'upstream_error', who);
    }
  });

  it('recognises the types and codes, and nothing by its wording', () => {
    assert.deepEqual(transportFailure(new TransportError('cut', { code: 'ECONNRESET' })), { code: 'ECONNRESET' });
    assert.deepEqual(transportFailure(new TransportError('fetch failed', { cause: new TypeError('fetch failed') })), { code: null });
    assert.deepEqual(transportFailure(new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) })), {
      code: 'UND_ERR_SOCKET',
    });
    assert.deepEqual(transportFailure(new APIConnectionError({ message: undefined, cause: new TypeError('fetch failed') })), { code: null });
    assert.equal(transportFailure(new APIConnectionTimeoutError()), null); // the SDK's own timeout, as before
    assert.equal(transportFailure(new Error('socket hang up: the other side closed, fetch failed, terminated')), null);
  });
});
