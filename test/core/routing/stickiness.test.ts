// The pieces of stickiness: the memory (idle TTL on an injected clock, a cap on how many it keeps),
// the step on the plan, the conversation a request belongs to, and the ids clients send.
import assert from 'node:assert/strict';
import { conversationId } from '../../../src/core/dialects/conversation-id';
import { validateChatRequest } from '../../../src/core/dialects/openai-chat/parse';
import type { Plan } from '../../../src/core/routing/policy';
import { ConversationModels, conversationOf, stick, STICKY_TTL_MS } from '../../../src/core/routing/stickiness';
import { ManualClock } from '../../manual-clock';

const plan: Plan = {
  candidates: [
    { id: 'ollama:a', reason: 'local-preferred' },
    { id: 'openai:b', reason: 'cloud-fallback' },
    { id: 'ollama:c', reason: 'local-fallback' },
  ],
  passedOver: [{ id: 'ollama:c', code: 'local-busy', detail: 'the CPU has been 95% busy (limit 90%)' }],
};

describe('stickiness', () => {
  it('remembers a conversation for 30 idle minutes; each turn restarts the count', async () => {
    const clock = new ManualClock();
    const m = new ConversationModels(clock);
    m.remember('k', 'openai:b');
    await clock.advance(STICKY_TTL_MS - 1);
    assert.equal(m.get('k'), 'openai:b');
    m.remember('k', 'openai:b');
    await clock.advance(STICKY_TTL_MS);
    assert.equal(m.get('k'), 'openai:b');
    await clock.advance(1);
    assert.equal(m.get('k'), undefined);
    assert.equal(m.size, 0);
  });

  it('keeps at most its cap of conversations, dropping the least recently used', () => {
    const m = new ConversationModels(new ManualClock(), STICKY_TTL_MS, 3);
    for (const k of ['a', 'b', 'c']) m.remember(k, `m:${k}`);
    m.remember('a', 'm:a'); // used again: now the newest
    m.remember('d', 'm:d');
    assert.equal(m.size, 3);
    assert.equal(m.get('b'), undefined);
    assert.deepEqual(
      ['a', 'c', 'd'].map((k) => m.get(k)),
      ['m:a', 'm:c', 'm:d'],
    );
  });

  it("puts the conversation's model first with reason sticky; first anyway, the plan is unchanged", () => {
    const stuck = stick(plan, 'openai:b');
    assert.deepEqual(
      stuck.plan.candidates.map((c) => [c.id, c.reason]),
      [
        ['openai:b', 'sticky'],
        ['ollama:a', 'local-preferred'],
        ['ollama:c', 'local-fallback'],
      ],
    );
    assert.equal(stuck.switched, undefined);
    assert.equal(stick(plan, 'ollama:a').plan, plan);
    assert.equal(stick(plan, undefined).plan, plan);
  });

  it('leaves the model when the policy passed it over or cannot offer it, and says why', () => {
    const busy = stick(plan, 'ollama:c');
    assert.equal(busy.plan, plan);
    assert.equal(busy.switched, 'left ollama:c, which served this conversation before (local-busy: the CPU has been 95% busy (limit 90%))');
    assert.match(stick(plan, 'anthropic:gone').switched ?? '', /left anthropic:gone, .*cannot serve this request/);
    const down: Plan = { candidates: [...plan.candidates, { id: 'anthropic:d', reason: 'last-resort' }], passedOver: [] };
    assert.match(stick(down, 'anthropic:d').switched ?? '', /did not answer its last probe/);
  });

  it('a conversation is the client id, else the system prompt and first user message; a later turn is one with an answer in it', () => {
    const req = (messages: unknown[]) => validateChatRequest({ model: 'auto', messages });
    const open = [
      { role: 'system', content: 'S' },
      { role: 'user', content: 'U' },
    ];
    const a = conversationOf(req(open))!;
    assert.equal(a.later, false);
    const b = conversationOf(req([...open, { role: 'assistant', content: 'A' }, { role: 'user', content: 'V' }]))!;
    assert.deepEqual([b.key, b.later], [a.key, true]);
    assert.notEqual(
      conversationOf(
        req([
          { role: 'system', content: 'S' },
          { role: 'user', content: 'W' },
        ]),
      )!.key,
      a.key,
    );
    assert.deepEqual(conversationOf({ ...req(open), conversation: 'x' }), { key: 'id:x', later: true });
    assert.equal(conversationOf({ ...req(open), prompt: { text: 'def', suffix: null, raw: false } }), null);
  });

  it('reads the ids clients send: session headers, prompt_cache_key, Claude Code metadata.user_id (both forms), with the model asked for', () => {
    assert.equal(conversationId({ 'x-session-id': 's1' }, { model: 'auto' }), 's1|auto');
    assert.equal(conversationId({ session_id: 's2', conversation_id: 'c2' }, { model: 'gpt-5' }), 's2|gpt-5');
    assert.equal(conversationId({ conversation_id: 'c3' }, {}), 'c3');
    assert.equal(conversationId({}, { model: 'gpt-5', prompt_cache_key: 'pk' }), 'pk|gpt-5');
    assert.equal(conversationId({}, { model: 'claude-x', metadata: { user_id: 'user_abc_account_1234_session_5f0c-77' } }), '5f0c-77|claude-x');
    assert.equal(conversationId({}, { model: 'claude-x', metadata: { user_id: JSON.stringify({ device_id: 'd', session_id: 'sess-9' }) } }), 'sess-9|claude-x');
    assert.equal(conversationId({}, { model: 'claude-x', metadata: { user_id: 'just-a-user' } }), undefined);
    assert.equal(conversationId({}, { metadata: { user_id: '{not json' } }), undefined);
    assert.equal(conversationId({}, null), undefined);
  });
});
