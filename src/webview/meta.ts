// The line under an answer, as words: pure, so it is tested without a DOM.
import { routeInWords } from '../core/routing/route-reason';
import type { ChatMessageView } from './protocol';

export interface MetaItem {
  /** Stable name: becomes the item's class `meta-<kind>` and data-testid. */
  kind: 'model' | 'route' | 'tokens' | 'ttft' | 'tps';
  text: string;
  /** The longer explanation, for the tooltip. */
  title: string;
}

/** What is known about an answer, in display order; anything missing is left out. */
export function answerMeta(m: ChatMessageView): MetaItem[] {
  const items: MetaItem[] = [];
  if (m.model) items.push({ kind: 'model', text: m.model, title: `Answered by ${m.model}` });
  const route = m.routeText || (m.route ? routeInWords(m.route) : '');
  // The badge says the reason; its tooltip adds what the request needed and the preference.
  const why = m.why ? `. ${m.why[0]!.toUpperCase()}${m.why.slice(1)}.` : '';
  if (route) items.push({ kind: 'route', text: route, title: `${m.route ? `Why this model: ${route} (${m.route})` : `Why this model: ${route}`}${why}` });
  if (m.usage) {
    items.push({
      kind: 'tokens',
      text: `${m.usage.completion_tokens} tokens (${m.usage.total_tokens} total)`,
      title: `${m.usage.prompt_tokens} prompt + ${m.usage.completion_tokens} completion = ${m.usage.total_tokens} tokens`,
    });
  }
  if (typeof m.timeToFirstTokenMs === 'number' && Number.isFinite(m.timeToFirstTokenMs)) {
    const ms = Math.round(m.timeToFirstTokenMs);
    items.push({ kind: 'ttft', text: `first token ${ms} ms`, title: `Time to first token: ${ms} ms` });
  }
  if (typeof m.tokensPerSecond === 'number' && Number.isFinite(m.tokensPerSecond) && m.tokensPerSecond > 0) {
    const tps = m.tokensPerSecond.toFixed(1);
    items.push({ kind: 'tps', text: `${tps} tokens/s`, title: `Generation speed: ${tps} tokens per second` });
  }
  return items;
}
