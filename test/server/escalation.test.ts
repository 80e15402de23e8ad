// A stuck agent's next turn goes to the strong (cloud) model with `x-oblix-route: escalated`, read
// from the conversation the client sends, in OpenAI chat and Anthropic Messages alike; a
// conversation making progress stays on the local model.
import Anthropic from '@anthropic-ai/sdk';
import assert from 'node:assert/strict';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { REPAIRED_CALL_PREFIX } from '../../src/core/tool-repair/call-ids';
import { CORPUS_TOOLS } from '../fixtures/tool-text-corpus';
import { startHarness, type Harness } from '../harness';

function turn(id: string, path: string, result: string): ChatCompletionMessageParam[] {
  return [
    { role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name: 'read_file', arguments: JSON.stringify({ path }) } }] },
    { role: 'tool', tool_call_id: id, content: result },
  ];
}

describe('escalating a stuck agent', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.stop());

  async function route(messages: ChatCompletionMessageParam[]): Promise<{ model: string | null; route: string | null }> {
    const { response } = await h.client.chat.completions.create({ model: 'auto', tools: CORPUS_TOOLS, messages }).withResponse();
    return { model: response.headers.get('x-oblix-model'), route: response.headers.get('x-oblix-route') };
  }

  it('progress stays local; the same call three times goes to the strong model, with the reason in the decision', async () => {
    const user: ChatCompletionMessageParam = { role: 'user', content: 'Read the files.' };
    assert.deepEqual(await route([user, ...turn('c1', 'a', 'A'), ...turn('c2', 'b', 'B')]), { model: 'ollama:llama3.2:latest', route: 'local-preferred' });
    assert.deepEqual(await route([user, ...turn('c1', 'a', 'A'), ...turn('c2', 'a', 'A'), ...turn('c3', 'a', 'A')]), { model: 'openai:gpt-4o-mini', route: 'escalated' });
    assert.ok(h.oblix.health().lastDecision!.notes.some((n) => /^escalated: the same tool call three turns/.test(n)));
  });

  it('with sticky conversations: escalation wins over the model that served before, and after the quiet stretch the conversation goes back', async () => {
    const user: ChatCompletionMessageParam = { role: 'user', content: 'Refactor the parser, step by step.' };
    const rep = (k: number): ChatCompletionMessageParam[] => turn(`${REPAIRED_CALL_PREFIX}${k}`, `f${k}`, 'ok');
    // Served locally first: the conversation sticks to the local model.
    assert.equal((await route([user, ...turn('c0', 'x', 'ok')])).model, 'ollama:llama3.2:latest');
    let msgs = [user, ...turn('c0', 'x', 'ok'), ...rep(1), ...rep(2)];
    assert.deepEqual(await route(msgs), { model: 'openai:gpt-4o-mini', route: 'escalated' });
    // Quiet turns: escalated while the stretch lasts, then back to the local model, though the cloud model served last.
    const seen: (string | null)[] = [];
    for (let k = 0; k < 5; k++) {
      msgs = [...msgs, ...turn(`q${k}`, `q${k}`, 'ok')];
      seen.push((await route(msgs)).route);
    }
    assert.deepEqual(seen, ['escalated', 'escalated', 'escalated', 'escalated', 'local-preferred']);
    // And sticks there again.
    msgs = [...msgs, ...turn('q9', 'q9', 'ok')];
    assert.equal((await route(msgs)).model, 'ollama:llama3.2:latest');
  });

  it('Anthropic Messages: repaired calls (their tool_use ids) in two of the last three turns', async () => {
    const client = new Anthropic({ baseURL: h.base, apiKey: 'placeholder', maxRetries: 0 });
    const use = (id: string, path: string): Anthropic.MessageParam[] => [
      { role: 'assistant', content: [{ type: 'tool_use', id, name: 'read_file', input: { path } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: 'ok' }] },
    ];
    const tools = CORPUS_TOOLS.map((t) => (t.type === 'function' ? { name: t.function.name, input_schema: t.function.parameters as Anthropic.Tool.InputSchema } : null)).filter(
      (t) => t !== null,
    );
    const ask = async (messages: Anthropic.MessageParam[]): Promise<string | null> => {
      const { response } = await client.messages.create({ model: 'auto', max_tokens: 100, tools, messages }).withResponse();
      return response.headers.get('x-oblix-route');
    };
    const first: Anthropic.MessageParam = { role: 'user', content: 'Read them.' };
    assert.equal(await ask([first, ...use(`${REPAIRED_CALL_PREFIX}1`, 'a'), ...use('toolu_2', 'b'), ...use(`${REPAIRED_CALL_PREFIX}3`, 'c')]), 'escalated');
    // Another conversation (stickiness would keep the one above on the model that served it), one repaired call: not stuck.
    const other: Anthropic.MessageParam = { role: 'user', content: 'Read the others.' };
    assert.equal(await ask([other, ...use('toolu_1', 'a'), ...use('toolu_2', 'b'), ...use(`${REPAIRED_CALL_PREFIX}3`, 'c')]), 'local-preferred');
  });
});
