// Sticky conversations through `oblix serve`: ten turns of one conversation while the signals change
// (tools come and go, an upstream fails, a credential appears, time passes), with the real clients.
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { startHarness, type Harness } from '../harness';
import { ManualClock } from '../manual-clock';

type Message = OpenAI.Chat.Completions.ChatCompletionMessageParam;
const TOOLS: OpenAI.Chat.Completions.ChatCompletionTool[] = [
  { type: 'function', function: { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } } } },
];
const LOCAL = 'ollama:tiny:latest';
const KEY = 'ghp_' + 'aB3dE6'.repeat(6);

describe('sticky conversations (oblix serve, real clients)', () => {
  let h: Harness;
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  before(async () => {
    // A local model that cannot call tools: a turn with tools must go to the cloud.
    h = await startHarness({
      clock,
      configure: (c) => (c.localModels = []),
      before: (f) => (f.ollama.models = [{ name: 'tiny:latest', contextLength: 131072, capabilities: ['completion'] }]),
    });
  });
  after(() => h.stop());

  it('ten turns of one conversation (x-session-id) while the signals change', async () => {
    const history: Message[] = [{ role: 'system', content: 'You are a coding agent.' }];
    const turn = async (content: string, opts: { tools?: boolean; session?: string } = {}): Promise<{ model: string; route: string; notes: string[] }> => {
      history.push({ role: 'user', content });
      const { data, response } = await h.client.chat.completions
        .create({ model: 'auto', messages: history, ...(opts.tools && { tools: TOOLS }) }, { headers: { 'x-session-id': opts.session ?? 'conv-1' } })
        .withResponse();
      history.push({ role: 'assistant', content: data.choices[0]!.message.content ?? '' });
      return { model: response.headers.get('x-oblix-model')!, route: response.headers.get('x-oblix-route')!, notes: h.oblix.health().lastDecision!.notes };
    };

    // 1. Tools: the local model cannot call them, the cloud answers.
    let t = await turn('Read main.ts', { tools: true });
    assert.deepEqual([t.model, t.route], ['openai:gpt-4o-mini', 'needs-tools']);
    // 2. No tools: the policy alone would pick the local model; the conversation stays where it is.
    t = await turn('Thanks. Summarise it.');
    assert.deepEqual([t.model, t.route], ['openai:gpt-4o-mini', 'sticky']);
    // 3. Tools again: the same model, first anyway, so the policy's own reason.
    t = await turn('Now read util.ts', { tools: true });
    assert.deepEqual([t.model, t.route], ['openai:gpt-4o-mini', 'needs-tools']);
    // 4. A long turn, no tools: still sticky.
    t = await turn('Explain this code in detail:\n' + 'const x = compute(a, b);\n'.repeat(400));
    assert.deepEqual([t.model, t.route], ['openai:gpt-4o-mini', 'sticky']);
    // 5. The conversation's model fails before its first token: the next candidate answers, and becomes the conversation's model.
    h.openai.faults = { status: 500 };
    t = await turn('And the tests?');
    h.openai.faults = {};
    assert.deepEqual([t.model, t.route], [LOCAL, 'failover-from:openai:gpt-4o-mini']);
    // 6. Local now, and the policy agrees.
    t = await turn('Shorter, please.');
    assert.deepEqual([t.model, t.route], [LOCAL, 'local-preferred']);
    // 7. Tools: the local model cannot serve them; Oblix must switch, and the decision says why.
    t = await turn('Read package.json', { tools: true });
    assert.notEqual(t.model, LOCAL);
    assert.equal(t.route, 'needs-tools');
    assert.ok(
      t.notes.some((n) => n.startsWith(`left ${LOCAL}`) && n.includes('needs-tools')),
      t.notes.join(' | '),
    );
    const cloud = t.model;
    // 8. A credential: the cloud model is left, the prompt stays local, and the decision says why.
    t = await turn(`Use this token: ${KEY}`);
    assert.deepEqual([t.model, t.route], [LOCAL, 'secret-kept-local']);
    assert.ok(
      t.notes.some((n) => n.startsWith(`left ${cloud}`) && n.includes('secret-kept-local')),
      t.notes.join(' | '),
    );
    // 9. Another conversation meanwhile is its own: tools, so the cloud; conv-1 is not moved by it.
    const other = await h.client.chat.completions.create(
      { model: 'auto', messages: [{ role: 'user', content: 'Read a.ts' }], tools: TOOLS },
      { headers: { 'x-session-id': 'conv-2' } },
    );
    assert.notEqual(other.model, `auto (selected: ${LOCAL})`);
    history.pop(); // the credential turn's answer stays; its question is not repeated
    history.pop();
    t = await turn('Read it for me', { tools: true });
    assert.notEqual(t.model, LOCAL);
    // 10. After 31 idle minutes the conversation is forgotten: the policy alone decides.
    t = await turn('What did we change?');
    assert.equal(t.route, 'sticky');
    await clock.advance(31 * 60_000);
    t = await turn('Anything left?');
    assert.deepEqual([t.model, t.route], [LOCAL, 'local-preferred']);
  });

  it("Claude Code's session in metadata.user_id keeps its turns together; its background calls on another model name do not move them", async () => {
    const client = new Anthropic({ baseURL: h.base, apiKey: 'placeholder', maxRetries: 0 });
    const metadata = { user_id: `user_${'ab'.repeat(32)}_account_00000000-0000-0000-0000-000000000000_session_5f0c1c84-7b1e-4e55-9a3e-9f3a7e2c1d11` };
    const tool: Anthropic.Tool = { name: 'Read', input_schema: { type: 'object', properties: { path: { type: 'string' } } } };
    const first = await client.messages.create({ model: 'auto', max_tokens: 50, metadata, tools: [tool], messages: [{ role: 'user', content: 'Read a.ts' }] });
    assert.notEqual(first.model, `auto (selected: ${LOCAL})`);
    // A background call (a title, on the small model's name) of the same session goes its own way...
    const title = await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 20, metadata, messages: [{ role: 'user', content: 'Title for: Read a.ts' }] });
    assert.equal(title.model, `auto (selected: ${LOCAL})`);
    // ...and the agent's next turn, with a different first message (the hash would not join them), stays with its model.
    const { data, response } = await client.messages.create({ model: 'auto', max_tokens: 50, metadata, messages: [{ role: 'user', content: 'Summarise' }] }).withResponse();
    assert.equal(response.headers.get('x-oblix-route'), 'sticky');
    assert.equal(data.model, first.model);
  });

  it("Codex's prompt_cache_key on /v1/responses", async () => {
    const key = 'f0d2c7a4-codex-conversation';
    const tools = [{ type: 'function' as const, name: 'shell', parameters: { type: 'object', properties: {} }, strict: false }];
    const first = await h.client.responses.create({ model: 'auto', input: 'list files', tools, prompt_cache_key: key, store: false });
    assert.notEqual(first.model, `auto (selected: ${LOCAL})`);
    const { data, response } = await h.client.responses.create({ model: 'auto', input: 'now explain', prompt_cache_key: key, store: false }).withResponse();
    assert.equal(response.headers.get('x-oblix-route'), 'sticky');
    assert.equal(data.model, first.model);
  });

  it('without any id, a later turn is joined by its system prompt and first message; a fresh one-shot request is not', async () => {
    const opening: Message[] = [
      { role: 'system', content: 'Hash me.' },
      { role: 'user', content: 'Read b.ts' },
    ];
    const first = await h.client.chat.completions.create({ model: 'auto', messages: opening, tools: TOOLS });
    assert.notEqual(first.model, `auto (selected: ${LOCAL})`);
    const later = await h.client.chat.completions
      .create({ model: 'auto', messages: [...opening, { role: 'assistant', content: 'Done.' }, { role: 'user', content: 'Explain it' }] })
      .withResponse();
    assert.equal(later.response.headers.get('x-oblix-route'), 'sticky');
    assert.equal(later.data.model, first.model);
    const oneShot = await h.client.chat.completions.create({ model: 'auto', messages: opening }).withResponse();
    assert.equal(oneShot.response.headers.get('x-oblix-route'), 'local-preferred');
  });
});
