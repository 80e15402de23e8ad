// The @oblix participant's handler, with the chat API's shapes faked and a real core routing to
// fake upstreams: answers with the route shown, /why, /models, /mode, cancellation, failures.
import assert from 'node:assert/strict';
import type { RoutingMode } from '../../src/core/config/config';
import { Cancel } from '../../src/core/support/cancel';
import {
  handleParticipantRequest,
  historyMessages,
  ROUTE_NOTE_PREFIX,
  type ContextLike,
  type ParticipantDeps,
  type RequestLike,
  type ResultLike,
  type TokenLike,
} from '../../src/extension/lm/participant-handler';
import { validateChatRequest } from '../../src/core/dialects/openai-chat/parse';
import { lastBody, startHarness, type Harness } from '../harness';

class FakeStream {
  readonly markdowns: string[] = [];
  readonly progresses: string[] = [];
  onMarkdown: () => void = () => {};
  markdown(value: string): void {
    this.markdowns.push(value);
    this.onMarkdown();
  }
  progress(value: string): void {
    this.progresses.push(value);
  }
  get text(): string {
    return this.markdowns.join('');
  }
}

class FakeToken implements TokenLike {
  isCancellationRequested = false;
  private listeners: (() => void)[] = [];
  onCancellationRequested(listener: () => void): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }
  cancel(): void {
    this.isCancellationRequested = true;
    for (const l of this.listeners) l();
  }
}

const NO_HISTORY: ContextLike = { history: [] };
const ask = (prompt: string, command?: string, model?: RequestLike['model']): RequestLike => ({ prompt, command, ...(model ? { model } : {}) });

describe('lm: the @oblix chat participant', () => {
  let h: Harness;
  const modes: RoutingMode[] = [];
  let running = 0;
  let deps: ParticipantDeps;
  before(async () => {
    h = await startHarness();
    deps = {
      oblix: () => h.oblix,
      defaultModel: () => 'auto',
      localOnlyFiles: () => ['**/.env*', '**/*.pem'],
      setMode: async (m) => {
        modes.push(m);
      },
      newCancel: () => new Cancel(),
      begin: () => {
        running++;
        return () => running--;
      },
    };
  });
  after(() => h.stop());

  async function run(request: RequestLike, context = NO_HISTORY, token = new FakeToken(), stream = new FakeStream()): Promise<{ result: ResultLike; stream: FakeStream }> {
    const result = await handleParticipantRequest(request, context, stream, token, deps);
    return { result, stream };
  }

  it('answers through Oblix and shows which model served and why', async () => {
    const { result, stream } = await run(ask('Hello?'));
    assert.equal(result.errorDetails, undefined);
    assert.deepEqual(result.metadata, { model: 'ollama:llama3.2:latest', reason: 'local-preferred' });
    const note = stream.markdowns.at(-1)!;
    assert.equal(stream.markdowns.slice(0, -1).join(''), h.ollama.reply);
    assert.ok(note.startsWith(ROUTE_NOTE_PREFIX) && note.includes('`ollama:llama3.2:latest` — local model preferred (local-preferred)'), note);
    assert.equal(running, 0, 'the busy mark ends with the answer');
  });

  it('a question with a file from oblix.privacy.localOnlyFiles attached stays local, and says so', async () => {
    const { result } = await run({
      ...ask('What is wrong in this file?'),
      references: [{ value: { fsPath: '/work/app/config/.env.production', path: '/work/app/config/.env.production' } }],
    });
    assert.deepEqual(result.metadata, { model: 'ollama:llama3.2:latest', reason: 'secret-kept-local' });
    assert.ok(h.oblix.health().lastDecision!.notes.some((n) => n.includes('localOnlyFiles **/.env* (.env.production)')));
    const other = await run({ ...ask('And this one?'), references: [{ value: { uri: { fsPath: '/work/app/src/main.ts' }, range: {} } }] });
    assert.deepEqual(other.result.metadata, { model: 'ollama:llama3.2:latest', reason: 'local-preferred' });
  });

  it('sends the earlier plain turns along, without route notes or command turns', async () => {
    const md = (value: string): { value: { value: string } } => ({ value: { value } });
    const context: ContextLike = {
      history: [
        { prompt: 'What is 2+2?' },
        { response: [md('4'), md(`${ROUTE_NOTE_PREFIX}Answered by x`)] },
        { prompt: '', command: 'why' },
        { response: [md('No request has been routed yet.')], command: 'why' },
      ],
    };
    assert.deepEqual(historyMessages(context), [
      { role: 'user', content: 'What is 2+2?' },
      { role: 'assistant', content: '4' },
    ]);
    await run(ask('And 3+3?'), context);
    const body = lastBody(h.ollama, '/api/chat');
    assert.deepEqual(body.messages, [
      { role: 'user', content: 'What is 2+2?' },
      { role: 'assistant', content: '4' },
      { role: 'user', content: 'And 3+3?' },
    ]);
  });

  it("uses the model picked in the chat when it is one of Oblix's", async () => {
    const { result, stream } = await run(ask('Hi', undefined, { vendor: 'oblix', id: 'openai:gpt-4o-mini' }));
    assert.equal(result.metadata?.model, 'openai:gpt-4o-mini');
    assert.ok(stream.text.startsWith(h.openai.reply));
    const other = await run(ask('Hi', undefined, { vendor: 'copilot', id: 'gpt-4o' }));
    assert.equal(other.result.metadata?.model, 'ollama:llama3.2:latest', "another vendor's model is not Oblix's to route: the default is used");
  });

  it('/why shows the last decisions with their candidates', async () => {
    await run(ask('Hello?'));
    const { stream } = await run(ask('', 'why'));
    assert.match(stream.text, /\*\*auto → `ollama:llama3\.2:latest`\*\* \(local-preferred\)/);
    assert.match(stream.text, /candidates, in order: `ollama:llama3\.2:latest` \(local-preferred\), `openai:gpt-4o-mini`/);
  });

  it('/why names what was passed over, and /models shows each provider state', async () => {
    // About 600 000 tokens by any tokenizer (a long run of one letter is not: BPE packs it 8 to a token).
    const long = 'x = 1;\n'.repeat(120_000);
    const plan = h.oblix.plan(validateChatRequest({ model: 'auto', messages: [{ role: 'user', content: long }] }));
    assert.ok(
      plan.passedOver.some((p) => p.code === 'context-too-long'),
      'precondition: a long prompt passes the local model over',
    );
    await run(ask(long));
    const why = await run(ask('', 'why'));
    assert.match(why.stream.text, /passed over `ollama:llama3\.2:latest`: context-too-long/);
    const { stream } = await run(ask('', 'models'));
    assert.match(stream.text, /\*\*ollama\*\* \(ollama, local\): online/);
    assert.match(stream.text, /\*\*openai\*\* \(openai, cloud\): online.*`openai:gpt-4o-mini`/);
    assert.match(stream.text, /\*\*anthropic\*\* \(anthropic, cloud\): online/);
  });

  it('/mode shows the mode, switches it, and refuses a wrong one', async () => {
    assert.match((await run(ask('', 'mode'))).stream.text, /The routing mode is `auto`/);
    assert.match((await run(ask(' cloud-only ', 'mode'))).stream.text, /switched from `auto` to `cloud-only`/);
    assert.deepEqual(modes, ['cloud-only']);
    const bad = await run(ask('turbo', 'mode'));
    assert.match(bad.result.errorDetails?.message ?? '', /'turbo' is not a routing mode/);
    assert.deepEqual(modes, ['cloud-only']);
  });

  it('stops the upstream when the chat cancels, and reports no error', async () => {
    const saved = h.ollama.reply;
    h.ollama.reply = Array.from({ length: 20 }, (_, i) => `word${i}`).join(' ');
    h.ollama.faults = { tokenDelayMs: 100 };
    const abortedBefore = h.ollama.aborted;
    const token = new FakeToken();
    const stream = new FakeStream();
    stream.onMarkdown = () => token.cancel();
    try {
      const { result } = await run(ask('Tell me a story'), NO_HISTORY, token, stream);
      assert.deepEqual(result, {});
      assert.equal(stream.markdowns.length, 1, 'nothing after the cancel, no route note');
      for (let i = 0; i < 100 && h.ollama.aborted === abortedBefore; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(h.ollama.aborted, abortedBefore + 1, 'the upstream request was closed');
    } finally {
      h.ollama.reply = saved;
      h.ollama.faults = {};
    }
  });

  it('reports a failure as the error of the turn, with its message', async () => {
    const { result } = await run(ask('Hi', undefined, { vendor: 'oblix', id: 'nowhere:model' }));
    assert.match(result.errorDetails?.message ?? '', /The model 'nowhere:model' does not exist/);
    const starting = await handleParticipantRequest(ask('Hi'), NO_HISTORY, new FakeStream(), new FakeToken(), { ...deps, oblix: () => null });
    assert.match(starting.errorDetails?.message ?? '', /still starting/);
  });
});
