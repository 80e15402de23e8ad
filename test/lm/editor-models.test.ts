// The editor's own models (vscode.lm, other vendors) as candidates of a real core and endpoint, with
// a fake 'vscode' module standing in for the editor: ids, in-editor routing when Ollama is down,
// tools both ways, cancellation, consent refused once, the input limit, local-only, and the endpoint
// reaching them only with oblix.editorModels.onEndpoint.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { defaultConfig, type OblixConfig } from '../../src/core/config/config';
import { validateChatRequest } from '../../src/core/dialects/openai-chat/parse';
import { Ledger } from '../../src/core/ledger/ledger';
import type { UsageRecord } from '../../src/core/ledger/record';
import { Oblix } from '../../src/core/oblix';
import type { ProviderEvent } from '../../src/core/providers/provider';
import { DEFAULT_CONNECTIVITY } from '../../src/core/routing/connectivity';
import { OblixServer } from '../../src/core/server/http-server';
import { Cancel } from '../../src/core/support/cancel';
import {
  EventEmitter,
  LanguageModelChatMessage,
  LanguageModelError,
  LanguageModelTextPart,
  LanguageModelToolCallPart,
  LanguageModelToolResultPart,
  useFakeVscode,
} from './fake-vscode';

useFakeVscode();
// Loaded after the fake is in place (a static import would load the real, absent, 'vscode').
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the fake vscode is installed, on purpose
const { EditorModels } = require('../../src/extension/editor-models/editor-models') as typeof import('../../src/extension/editor-models/editor-models');

interface Token {
  isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): unknown;
}
interface Sent {
  messages: LanguageModelChatMessage[];
  options: { justification?: string; tools?: { name: string; description: string; inputSchema?: object }[]; toolMode?: number };
  token: Token;
}

/** A chat model as another extension (Copilot) registers it; `reply` decides each answer. */
class StandIn {
  readonly sent: Sent[] = [];
  reply: (sent: Sent) => AsyncIterable<unknown> = async function* () {
    yield new LanguageModelTextPart('Hello from ');
    yield new LanguageModelTextPart('the stand-in.');
  };
  constructor(
    readonly vendor: string,
    readonly id: string,
    readonly name: string,
    public maxInputTokens = 64_000,
  ) {}
  readonly family = 'fake';
  readonly version = '1';
  async sendRequest(messages: LanguageModelChatMessage[], options: Sent['options'], token: Token): Promise<{ stream: AsyncIterable<unknown>; text: AsyncIterable<string> }> {
    const sent = { messages, options, token };
    this.sent.push(sent);
    const stream = this.reply(sent);
    return { stream, text: (async function* () {})() };
  }
  countTokens(): Promise<number> {
    return Promise.resolve(1);
  }
}

const changed = new EventEmitter<void>();
let chats: StandIn[] = [];
// The stand-ins have the fields Oblix reads, not all of LanguageModelChat's: hence the cast.
const lm = { selectChatModels: async () => chats, onDidChangeChatModels: changed.event } as unknown as import('../../src/extension/editor-models/editor-models').LmLike;

function config(extra: Partial<OblixConfig> = {}): OblixConfig {
  // Ollama configured on a port where nothing answers: the user's Ollama is stopped.
  return {
    ...defaultConfig(),
    port: 0,
    providers: [{ id: 'ollama', kind: 'ollama', baseURL: 'http://127.0.0.1:9' }],
    localModels: ['ollama:llama3.2:latest'],
    cloudModels: [],
    thresholds: { maxCpuLoadPct: 101, memoryHeadroom: 0, lowBatteryPct: 0 },
    ...extra,
  };
}

async function answer(events: AsyncIterable<ProviderEvent[]>): Promise<{ text: string; tools: string[]; finish: string | null }> {
  let text = '';
  const tools: string[] = [];
  let finish: string | null = null;
  for await (const batch of events) {
    for (const ev of batch) {
      if (ev.type === 'delta') {
        text += ev.content ?? '';
        for (const t of ev.toolCalls ?? []) tools.push(`${t.id} ${t.function?.name} ${t.function?.arguments}`);
      } else if (ev.type === 'finish') finish = ev.reason;
    }
  }
  return { text, tools, finish };
}

const inEditor = (body: Record<string, unknown>) => Object.assign(validateChatRequest({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }], ...body }), { inEditor: true });

describe('editor models: vscode.lm models of other vendors as cloud candidates', () => {
  let standIn: StandIn;
  let editor: InstanceType<typeof EditorModels>;
  let oblix: Oblix;
  const made: Oblix[] = [];
  const core = async (extra: Partial<OblixConfig> = {}): Promise<Oblix> => {
    const o = new Oblix(config(extra), { connectivity: { ...DEFAULT_CONNECTIVITY, healthyIntervalMs: 60_000, probeTimeoutMs: 500, networkCheckMs: 0 } }, [editor]);
    made.push(o);
    await o.start();
    return o;
  };

  beforeEach(async () => {
    standIn = new StandIn('standin', 'fast-1', 'Stand-in Fast');
    // Oblix's own models are in vscode.lm too: they must never become candidates (a loop).
    chats = [standIn, new StandIn('oblix', 'auto', 'Oblix Auto')];
    editor = new EditorModels(lm);
    await editor.refresh();
    oblix = await core();
  });
  afterEach(() => {
    for (const o of made.splice(0)) o.stop();
    editor.dispose();
  });

  it('offers each model of another vendor as vscode:<vendor>/<id>, never Oblix’s own', () => {
    assert.deepEqual(editor.models(), [{ model: 'standin/fast-1', name: 'Stand-in Fast', maxInputTokens: 64_000 }]);
    assert.deepEqual(oblix.health().models.cloud, ['vscode:standin/fast-1']);
    assert.deepEqual(oblix.models(true), ['auto', 'vscode:standin/fast-1']); // Ollama is down
    assert.deepEqual(oblix.models(), ['auto'], 'the endpoint’s list leaves them out');
  });

  it('follows vscode.lm: a model registered later becomes a candidate', async () => {
    chats = [...chats, new StandIn('copilot', 'gpt-4.1', 'GPT-4.1')];
    changed.fire();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(oblix.models(true).slice(-2), ['vscode:standin/fast-1', 'vscode:copilot/gpt-4.1']);
  });

  it('with Ollama stopped, an in-editor auto request is answered by the editor model, which the decision names', async () => {
    const routed = await oblix.chat(
      inEditor({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
        ],
      }),
      new Cancel(),
    );
    assert.equal(routed.id, 'vscode:standin/fast-1');
    assert.equal((await answer(routed.events)).text, 'Hello from the stand-in.');
    assert.equal(oblix.health().lastDecision?.selected, 'vscode:standin/fast-1');
    const sent = standIn.sent[0]!;
    assert.deepEqual(
      sent.messages.map((m) => [m.role, (m.content[0] as LanguageModelTextPart).value]),
      [
        [1, 'Be brief.'],
        [1, 'Hi'],
      ],
    );
    assert.match(sent.options.justification ?? '', /Oblix routes requests to Stand-in Fast/);
    assert.equal(oblix.servingNow().id, 'vscode:standin/fast-1', 'the status bar and chat view count it');
  });

  it('the ledger records an editor model as cloud, its cost "included in subscription" (never 0), and a spent budget does not pass it over', async () => {
    // A daily budget of $1 already spent on a priced cloud model: auto keeps only what costs Oblix nothing.
    const ledger = new Ledger({ dir: null, budget: { dailyUSD: 1 } });
    ledger.add({
      v: 1,
      t: Date.now(),
      dialect: 'openai-chat',
      client: 'other',
      requested: 'openai:gpt-4o-mini',
      model: 'openai:gpt-4o-mini',
      local: false,
      kind: 'chat',
      reason: 'explicit',
      tokensIn: 1,
      tokensOut: 1,
      estimated: false,
      ttftMs: 1,
      durationMs: 1,
      outcome: 'ok',
      costUSD: 2,
      savedUSD: null,
    });
    const records: UsageRecord[] = [];
    ledger.onRecord((r) => records.push(r));
    const o = new Oblix(config(), { connectivity: { ...DEFAULT_CONNECTIVITY, healthyIntervalMs: 60_000, probeTimeoutMs: 500, networkCheckMs: 0 }, ledger }, [editor]);
    made.push(o);
    await o.start();
    const routed = await o.chat(inEditor({}), new Cancel());
    assert.equal(routed.id, 'vscode:standin/fast-1');
    await answer(routed.events);
    const r = records.at(-1)!;
    assert.equal(r.model, 'vscode:standin/fast-1');
    assert.equal(r.local, false);
    assert.equal(r.costUSD, null);
    assert.equal(r.costNote, 'included in subscription');
    ledger.close();
  });

  it('tools go as LanguageModelChatTools, tool calls come back as tool calls, results go back as tool results', async () => {
    standIn.reply = async function* () {
      yield new LanguageModelToolCallPart('call-1', 'read_file', { path: 'a.ts' });
    };
    const tools = [{ type: 'function', function: { name: 'read_file', description: 'Reads a file', parameters: { type: 'object', properties: { path: { type: 'string' } } } } }];
    const routed = await oblix.chat(inEditor({ tools, tool_choice: 'required' }), new Cancel());
    assert.deepEqual(await answer(routed.events), { text: '', tools: ['call-1 read_file {"path":"a.ts"}'], finish: 'tool_calls' });
    assert.deepEqual(standIn.sent[0]!.options.tools, [
      { name: 'read_file', description: 'Reads a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } },
    ]);
    assert.equal(standIn.sent[0]!.options.toolMode, 2);
    standIn.reply = async function* () {
      yield new LanguageModelTextPart('It exports one function.');
    };
    const next = await oblix.chat(
      inEditor({
        model: 'vscode:standin/fast-1',
        tools,
        messages: [
          { role: 'user', content: 'What is in a.ts?' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'call-1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } }] },
          { role: 'tool', tool_call_id: 'call-1', content: 'export function f() {}' },
        ],
      }),
      new Cancel(),
    );
    assert.equal((await answer(next.events)).text, 'It exports one function.');
    const [, assistant, result] = standIn.sent[1]!.messages;
    assert.deepEqual(assistant!.content, [new LanguageModelToolCallPart('call-1', 'read_file', { path: 'a.ts' })]);
    assert.deepEqual(result!.content, [new LanguageModelToolResultPart('call-1', [new LanguageModelTextPart('export function f() {}')])]);
  });

  it('cancelling the request cancels the editor model’s token', async () => {
    let release!: () => void;
    standIn.reply = async function* (sent) {
      yield new LanguageModelTextPart('first');
      await new Promise<void>((r) => {
        release = r;
        if (sent.token.isCancellationRequested) r();
        sent.token.onCancellationRequested(() => r());
      });
      if (!sent.token.isCancellationRequested) yield new LanguageModelTextPart(' never');
    };
    const cancel = new Cancel();
    const routed = await oblix.chat(inEditor({}), cancel);
    const it = routed.events[Symbol.asyncIterator]();
    await it.next();
    cancel.abort();
    await it.next().catch(() => undefined);
    release?.();
    assert.equal(standIn.sent[0]!.token.isCancellationRequested, true);
  });

  it('a refused consent is said in words, and the model is passed over after, without asking again', async () => {
    let asked = 0;
    standIn.sendRequest = async (): Promise<never> => {
      asked++;
      throw LanguageModelError.NoPermissions('The user did not allow it.');
    };
    await assert.rejects(oblix.chat(inEditor({}), new Cancel()), /You did not allow Oblix to use vscode:standin\/fast-1/);
    await assert.rejects(oblix.chat(inEditor({}), new Cancel()), (err: Error) => {
      assert.match(err.message, /No model can answer/);
      assert.match(err.message, /You did not allow Oblix to use vscode:standin\/fast-1/);
      // Joined as sentences: one period each, a sentence never after a semicolon.
      assert.doesNotMatch(err.message, /\.\.|; [A-Z]/);
      return true;
    });
    assert.equal(asked, 1, 'VS Code is asked once');
    assert.deepEqual(
      oblix
        .health()
        .lastDecision?.passedOver.filter((p) => p.code === 'editor-model-refused')
        .map((p) => p.id),
      ['vscode:standin/fast-1'],
    );
  });

  it('a prompt longer than maxInputTokens passes the model over as context-too-long', async () => {
    standIn.maxInputTokens = 50;
    await editor.refresh();
    await assert.rejects(oblix.chat(inEditor({ messages: [{ role: 'user', content: 'word '.repeat(400) }] }), new Cancel()), /takes at most 50/);
    assert.equal(standIn.sent.length, 0);
    assert.equal(oblix.health().lastDecision?.passedOver.find((p) => p.id === 'vscode:standin/fast-1')?.code, 'context-too-long');
  });

  it('local-only excludes them, named or not', async () => {
    const local = await core({ mode: 'local-only' });
    await assert.rejects(local.chat(inEditor({}), new Cancel()), /No model can answer/);
    await assert.rejects(local.chat(inEditor({ model: 'vscode:standin/fast-1' }), new Cancel()), /local-only mode/);
    assert.equal(standIn.sent.length, 0);
  });

  it('the endpoint never reaches them unless oblix.editorModels.onEndpoint is on', async () => {
    const server = new OblixServer(oblix, { host: '127.0.0.1', port: 0, allowedOrigins: [], apiKey: undefined, maxBodyBytes: 1_000_000 });
    const client = new OpenAI({ baseURL: await server.listen(), apiKey: 'unused', maxRetries: 0 });
    try {
      assert.deepEqual(
        (await client.models.list()).data.map((m) => m.id),
        ['auto'],
      ); // Ollama is down, and the editor model is not offered
      await assert.rejects(client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }] }), (err: { status?: number }) => err.status === 503);
      await assert.rejects(client.chat.completions.create({ model: 'vscode:standin/fast-1', messages: [{ role: 'user', content: 'Hi' }] }), /oblix\.editorModels\.onEndpoint/);
      assert.equal(standIn.sent.length, 0);
      editor.onEndpoint = true;
      const done = await client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }] });
      assert.equal(done.choices[0]!.message.content, 'Hello from the stand-in.');
      assert.match(done.model, /vscode:standin\/fast-1/);
    } finally {
      await server.close();
    }
  });
});
