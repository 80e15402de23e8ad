// Routing by need, in words where the user looks: the status bar tooltip's last request, @oblix /why,
// the chat view's badge (its tooltip), and a stored answer that keeps them — from a real decision.
import assert from 'node:assert/strict';
import type { Decision } from '../../src/core/decision';
import { decodeSession, encodeSession } from '../../src/core/sessions/session-codec';
import { decisionLine } from '../../src/extension/decision-line';
import { whyText } from '../../src/extension/lm/routing-report';
import { answerMeta } from '../../src/webview/meta';
import { startHarness, type Harness } from '../harness';

describe('routing by need in words', function () {
  this.timeout(30_000);
  let h: Harness;
  let decision: Decision;
  before(async () => {
    h = await startHarness({ configure: (c) => (c.prefer = 'balanced') });
    await h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'Design a cache for src/a.ts and src/b.ts and explain the trade-offs.' }] });
    decision = h.oblix.health().lastDecision!;
  });
  after(() => h?.stop());

  it('the decision says kind, difficulty with its strongest signals, and the preference', () => {
    assert.equal(decision.why, `chat, hard (${decision.needs.difficulty.score.toFixed(2)}: design/debug/proof words, files named); prefer balanced, so strong models first`);
    assert.equal(h.oblix.health().prefer, 'balanced');
  });

  it('the status bar tooltip', () => {
    assert.equal(decisionLine(decision), `Last request: openai:gpt-4o-mini (hard chat, so a strong model) — ${decision.why}`);
  });

  it('@oblix /why', () => {
    assert.ok(whyText([decision]).split('\n').includes(`- needs: ${decision.why}`));
  });

  it("the chat view's badge keeps the reason as its text and says the need in its tooltip", () => {
    const [route] = answerMeta({
      id: '1',
      role: 'assistant',
      content: '',
      at: '',
      route: 'chat-hard-strong',
      routeText: 'hard chat, so a strong model',
      why: decision.why!,
    }).filter((i) => i.kind === 'route');
    assert.equal(route!.text, 'hard chat, so a strong model');
    assert.equal(route!.title, `Why this model: hard chat, so a strong model (chat-hard-strong). C${decision.why!.slice(1)}.`);
  });

  it('an exported answer keeps it', () => {
    const at = new Date().toISOString();
    const s = decodeSession(
      encodeSession({ id: 's', title: 't', createdAt: at, updatedAt: at, messages: [{ role: 'assistant', content: 'x', at, route: 'chat-hard-strong', why: 'chat, hard' }] }),
    );
    assert.equal(s.messages[0]!.why, 'chat, hard');
  });
});
