// The runtime guards: on a host without the 1.104 API (or without chat) nothing is registered and
// the log says why; on a host with it, the vendor 'oblix' provider and the @oblix participant are.
import assert from 'node:assert/strict';
import type * as vscodeTypes from 'vscode';
import type { OblixService } from '../../src/extension/service';
import { chat, lm, setVersion, useFakeVscode } from './fake-vscode';

useFakeVscode();
// Loaded after the fake is in place (a static import would load the real, absent, 'vscode').
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the fake 'vscode' is in place
const { registerLanguageModels } = require('../../src/extension/lm/register') as typeof import('../../src/extension/lm/register');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the fake 'vscode' is in place
const { OblixChatModelProvider } = require('../../src/extension/lm/chat-model-provider') as typeof import('../../src/extension/lm/chat-model-provider');

describe('lm: registration only where the host has the API', () => {
  const logged: string[] = [];
  const service = { oblix: null, onDidChange: () => ({ dispose: () => undefined }), log: { info: (m: string) => logged.push(m) } } as unknown as OblixService; // the members register.ts and the provider touch
  const context = { extensionUri: { path: '/ext' } } as unknown as vscodeTypes.ExtensionContext;
  afterEach(() => {
    for (const o of [lm, chat]) for (const k of Object.keys(o)) delete o[k];
    logged.length = 0;
  });

  it('registers nothing on VS Code 1.99 (no registerLanguageModelChatProvider, no chat) and says so', () => {
    setVersion('1.99.3');
    const disposables = registerLanguageModels(context, service);
    assert.deepEqual(disposables, []);
    assert.match(logged.join('\n'), /This VS Code \(1\.99\.3\) has no language model provider API \(1\.104\+\)/);
  });

  it("registers the provider as vendor 'oblix' and the @oblix participant with its icon where the host has both", () => {
    setVersion('1.104.0');
    const registered: { vendor: string; provider: unknown }[] = [];
    const participants: { id: string; iconPath?: unknown; dispose(): void }[] = [];
    lm.registerLanguageModelChatProvider = (vendor: string, provider: unknown) => {
      registered.push({ vendor, provider });
      return { dispose: () => undefined };
    };
    chat.createChatParticipant = (id: string) => {
      const p = { id, dispose: () => undefined };
      participants.push(p);
      return p;
    };
    const disposables = registerLanguageModels(context, service);
    assert.equal(registered.length, 1);
    assert.equal(registered[0]!.vendor, 'oblix');
    assert.ok(registered[0]!.provider instanceof OblixChatModelProvider);
    assert.deepEqual(
      participants.map((p) => [p.id, p.iconPath]),
      [['oblix.participant', { path: '/ext/media/oblix.svg' }]],
    );
    assert.equal(disposables.length, 3, 'the provider, its registration and the participant are disposed with the extension');
    assert.match(logged.join('\n'), /Language model provider 'oblix' registered/);
    for (const d of disposables) d.dispose();
  });
});
