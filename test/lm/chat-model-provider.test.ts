// The language-model provider class itself, with a fake 'vscode' module and a real core on fake
// upstreams: the model list and its change event, streamed parts, cancel stops the upstream,
// errors as LanguageModelError where one fits, token counts.
import assert from 'node:assert/strict';
import type { OblixService } from '../../src/extension/service';
import { startHarness, type Harness } from '../harness';
import { EventEmitter, LanguageModelError, LanguageModelTextPart, LanguageModelToolCallPart, useFakeVscode } from './fake-vscode';

useFakeVscode();
// Loaded after the fake is in place (a static import would load the real, absent, 'vscode').
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the fake 'vscode' is in place
const { OblixChatModelProvider } = require('../../src/extension/lm/chat-model-provider') as typeof import('../../src/extension/lm/chat-model-provider');

class Token {
  isCancellationRequested = false;
  private readonly emitter = new EventEmitter<void>();
  readonly onCancellationRequested = this.emitter.event;
  cancel(): void {
    this.isCancellationRequested = true;
    this.emitter.fire();
  }
}

const user = (text: string) => ({ role: 1, content: [new LanguageModelTextPart(text)], name: undefined });
type Provider = InstanceType<typeof OblixChatModelProvider>;
type Model = Parameters<Provider['provideLanguageModelChatResponse']>[0];
type Options = Parameters<Provider['provideLanguageModelChatResponse']>[2];
type CancelToken = Parameters<Provider['provideLanguageModelChatResponse']>[4];
const AUTO_OPTIONS = { toolMode: 1 } as Options;

describe('lm: the language-model provider (fake vscode module)', () => {
  let h: Harness;
  const changed = new EventEmitter<void>();
  let running = 0;
  let provider: Provider;
  before(async () => {
    h = await startHarness();
    const service = {
      oblix: h.oblix,
      onDidChange: changed.event,
      log: { debug: () => undefined },
      begin: () => {
        running++;
        return () => running--;
      },
    };
    provider = new OblixChatModelProvider(service as unknown as OblixService); // only the members the provider uses
  });
  after(() => {
    provider.dispose();
    return h.stop();
  });

  async function respond(modelId: string, text: string, options = AUTO_OPTIONS, token = new Token(), onPart: (p: unknown) => void = () => undefined): Promise<unknown[]> {
    const parts: unknown[] = [];
    const model = provider.provideLanguageModelChatInformation().find((m) => m.id === modelId) ?? ({ id: modelId } as Model);
    await provider.provideLanguageModelChatResponse(
      model,
      [user(text)],
      options,
      {
        report: (p) => {
          parts.push(p);
          onPart(p);
        },
      },
      token as unknown as CancelToken,
    );
    return parts;
  }

  it('lists Oblix Auto and the models, and fires the change event only when the list changes', () => {
    const list = provider.provideLanguageModelChatInformation();
    assert.deepEqual(
      list.map((m) => m.id),
      ['auto', 'ollama:llama3.2:latest', 'openai:gpt-4o-mini', 'anthropic:claude-sonnet-5'],
    );
    let fired = 0;
    const sub = provider.onDidChangeLanguageModelChatInformation((): void => void fired++);
    changed.fire();
    assert.equal(fired, 0, 'the service changed, the list did not');
    h.oblix.setMode('local-only');
    try {
      changed.fire();
      assert.equal(fired, 1);
      assert.deepEqual(
        provider.provideLanguageModelChatInformation().map((m) => m.id),
        ['auto', 'ollama:llama3.2:latest'],
      );
    } finally {
      h.oblix.setMode('auto');
      sub.dispose();
    }
  });

  it('streams the answer as vscode text parts and tool calls as tool-call parts', async () => {
    const parts = await respond('auto', 'Hello?');
    assert.ok(parts.every((p) => p instanceof LanguageModelTextPart));
    assert.equal(parts.map((p) => (p as LanguageModelTextPart).value).join(''), h.ollama.reply);
    h.ollama.toolCall = { name: 'now', arguments: {} };
    try {
      const withTool = await respond('auto', 'Time?', { toolMode: 2, tools: [{ name: 'now', description: 'The time', inputSchema: undefined }] } as Options);
      const call = withTool.find((p) => p instanceof LanguageModelToolCallPart);
      assert.ok(call instanceof LanguageModelToolCallPart && call.name === 'now');
      assert.deepEqual(call.input, {});
    } finally {
      h.ollama.toolCall = undefined;
    }
    assert.equal(running, 0);
  });

  it('cancelling the token stops the upstream and ends in a CancellationError, with nothing reported after', async () => {
    const saved = h.ollama.reply;
    h.ollama.reply = Array.from({ length: 20 }, (_, i) => `word${i}`).join(' ');
    h.ollama.faults = { tokenDelayMs: 100 };
    const abortedBefore = h.ollama.aborted;
    const token = new Token();
    let reported = 0;
    try {
      await assert.rejects(
        respond('ollama:llama3.2:latest', 'A story', AUTO_OPTIONS, token, () => {
          reported++;
          token.cancel();
        }),
        { name: 'Canceled' },
      );
      assert.equal(reported, 1);
      for (let i = 0; i < 100 && h.ollama.aborted === abortedBefore; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(h.ollama.aborted, abortedBefore + 1, 'the upstream request was closed');
    } finally {
      h.ollama.reply = saved;
      h.ollama.faults = {};
    }
  });

  it('fails with LanguageModelError.NotFound for an unknown model, and a plain error naming Oblix otherwise', async () => {
    await assert.rejects(
      respond('nowhere:model', 'Hi'),
      (err: unknown) => err instanceof LanguageModelError && err.code === 'NotFound' && /Oblix: The model 'nowhere:model' does not exist/.test(err.message),
    );
    h.ollama.faults = { status: 400, message: 'bad things' };
    try {
      await assert.rejects(
        respond('ollama:llama3.2:latest', 'Hi'),
        (err: unknown) => err instanceof Error && !(err instanceof LanguageModelError) && /^Oblix: .*bad things/.test(err.message),
      );
    } finally {
      h.ollama.faults = {};
    }
  });

  it('counts tokens with the router estimate', async () => {
    assert.equal(await provider.provideTokenCount({ id: 'auto' } as Model, 'abcdefgh'), 2);
  });
});
