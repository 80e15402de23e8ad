// How often `balanced` picks the tier a labelled request should get (bench/routing-set/LABELS.md),
// per source and per kind as Oblix reads it, with confusion counts, the share sent to strong
// models and what that costs at list prices against sending everything to the strong model.
import type { ChatRequest } from '../src/core/request';
import { DIFFICULTY_WEIGHTS, HARD_AT, scoreOf, signalStrengths, type DifficultySignalName } from '../src/core/routing/difficulty';
import { readNeeds } from '../src/core/routing/request-needs';
import type { TaskKind } from '../src/core/routing/task-kind';
import { firstTier, type Tier } from '../src/core/routing/tiers';
import { estimateTokens } from '../src/core/routing/token-estimate';
import type { LabelledRequest } from './routing-set';

export type Weights = Record<DifficultySignalName, number>;

/** What the difficulty fit needs of a request, computed once. */
export interface Scored {
  item: LabelledRequest;
  kind: TaskKind;
  reasoning: boolean;
  strengths: Record<DifficultySignalName, number>;
}

export function scoreAll(set: readonly LabelledRequest[]): Scored[] {
  return set.map((item) => {
    const needs = readNeeds(item.request);
    return { item, kind: needs.kind, reasoning: needs.modifiers.includes('reasoning'), strengths: signalStrengths(item.request) };
  });
}

/** The first tier under `balanced` with these weights and threshold (the table of tiers.ts). */
export function predict(s: Scored, weights: Weights, hardAt: number): Tier {
  if (s.kind !== 'chat') return firstTier(s.kind, 'balanced');
  if (s.reasoning) return firstTier('reasoning', 'balanced');
  return firstTier(scoreOf(s.strengths, weights).score >= hardAt ? 'chat-hard' : 'chat-easy', 'balanced');
}

export function agreement(set: readonly Scored[], weights: Weights, hardAt: number): number {
  if (set.length === 0) return NaN;
  let ok = 0;
  for (const s of set) if (predict(s, weights, hardAt) === s.item.label) ok++;
  return ok / set.length;
}

/** List prices, USD per million tokens, of the default cloud models (DEFAULT_*_MODEL in config.ts). */
export const PRICES_DATED = 'list prices as published by the providers, recalled as of 2025-10 (not re-checked from here: no web access)';
export const PRICES: readonly { model: string; input: number; output: number; note: string }[] = [
  { model: 'anthropic:claude-sonnet-5', input: 3, output: 15, note: "the Sonnet line's price (Sonnet 4 / 4.5); Sonnet 5's own price not known here" },
  { model: 'openai:gpt-4o-mini', input: 0.15, output: 0.6, note: 'OpenAI list price since 2024-07' },
];

/** Answer lengths assumed per source (no upstream really answered): the cost table states them. */
export const ASSUMED_OUTPUT_TOKENS = { main: 300, utility: 20, autocomplete: 30, chat: 500 } as const;

function outputTokens(source: string): number {
  if (source.startsWith('chat')) return ASSUMED_OUTPUT_TOKENS.chat;
  if (source.endsWith('autocomplete')) return ASSUMED_OUTPUT_TOKENS.autocomplete;
  return source.endsWith('utility') ? ASSUMED_OUTPUT_TOKENS.utility : ASSUMED_OUTPUT_TOKENS.main;
}

/** Everything a model reads: prompt, FIM suffix, messages, tool calls, tool declarations. */
function inputTokens(req: ChatRequest): number {
  let n = req.prompt ? estimateTokens(req.prompt.text) + estimateTokens(req.prompt.suffix ?? '') : 0;
  for (const m of req.messages) {
    const c = m.content;
    if (typeof c === 'string') n += estimateTokens(c);
    else if (Array.isArray(c)) for (const p of c) if (p.type === 'text') n += estimateTokens(p.text);
    if (m.role === 'assistant' && m.tool_calls) n += estimateTokens(JSON.stringify(m.tool_calls));
  }
  if (req.tools) n += estimateTokens(JSON.stringify(req.tools));
  return n;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

/** The report, as Markdown tables. */
export function report(set: readonly Scored[], weights: Weights = { ...DIFFICULTY_WEIGHTS }, hardAt = HARD_AT): string {
  const lines: string[] = [];
  const predicted = set.map((s) => ({ s, tier: predict(s, weights, hardAt) }));
  const group = (key: (p: (typeof predicted)[number]) => string): Map<string, typeof predicted> => {
    const m = new Map<string, typeof predicted>();
    for (const p of predicted) m.set(key(p), [...(m.get(key(p)) ?? []), p]);
    return m;
  };
  const table = (title: string, groups: Map<string, typeof predicted>): void => {
    lines.push(`| ${title} | requests | label small | label strong | agree | sent strong |`, '|---|---|---|---|---|---|');
    for (const [k, ps] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
      const agree = ps.filter((p) => p.tier === p.s.item.label).length;
      const strong = ps.filter((p) => p.tier === 'strong').length;
      lines.push(
        `| ${k} | ${ps.length} | ${ps.filter((p) => p.s.item.label === 'small').length} | ${ps.filter((p) => p.s.item.label === 'strong').length} | ${agree} (${pct(agree / ps.length)}) | ${strong} |`,
      );
    }
    const agree = predicted.filter((p) => p.tier === p.s.item.label).length;
    const strong = predicted.filter((p) => p.tier === 'strong').length;
    lines.push(
      `| **all** | ${predicted.length} | ${predicted.filter((p) => p.s.item.label === 'small').length} | ${predicted.filter((p) => p.s.item.label === 'strong').length} | ${agree} (${pct(agree / predicted.length)}) | ${strong} (${pct(strong / predicted.length)}) |`,
      '',
    );
  };
  lines.push(
    `Weights: ${Object.entries(weights)
      .map(([k, v]) => `${k} ${v.toFixed(3)}`)
      .join(', ')}; hard at ${hardAt.toFixed(3)}.`,
    '',
  );
  table(
    'source',
    group((p) => p.s.item.source),
  );
  const row = (p: (typeof predicted)[number]): string =>
    p.s.kind === 'chat' ? (p.s.reasoning ? 'chat, reasoning' : predict(p.s, weights, hardAt) === 'strong' ? 'chat, hard' : 'chat, easy') : p.s.kind;
  table(
    'kind (as read)',
    group((p) => (p.s.kind === 'chat' ? 'chat' : p.s.kind)),
  );

  lines.push(
    'Confusion (label → row of the table Oblix chose):',
    '',
    '| label | autocomplete | background | chat, easy | chat, hard | chat, reasoning | agent |',
    '|---|---|---|---|---|---|---|',
  );
  for (const label of ['small', 'strong'] as const) {
    const ps = predicted.filter((p) => p.s.item.label === label);
    const n = (r: string): number => ps.filter((p) => row(p) === r).length;
    lines.push(`| ${label} | ${n('autocomplete')} | ${n('background')} | ${n('chat, easy')} | ${n('chat, hard')} | ${n('chat, reasoning')} | ${n('agent')} |`);
  }
  const tp = predicted.filter((p) => p.s.item.label === 'strong' && p.tier === 'strong').length;
  const fp = predicted.filter((p) => p.s.item.label === 'small' && p.tier === 'strong').length;
  const fn = predicted.filter((p) => p.s.item.label === 'strong' && p.tier === 'small').length;
  const tn = predicted.filter((p) => p.s.item.label === 'small' && p.tier === 'small').length;
  lines.push('', `Tier confusion: strong→strong ${tp}, small→small ${tn}, small sent strong ${fp}, strong sent small ${fn}.`, '');

  lines.push(
    `Cost at ${PRICES_DATED}; small tier = a local model ($0); answers assumed ${Object.entries(ASSUMED_OUTPUT_TOKENS)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')} tokens; no prompt caching counted:`,
    '',
  );
  lines.push('| strong model | $ in / out per Mtok | everything to it | balanced | saved |', '|---|---|---|---|---|');
  for (const price of PRICES) {
    let all = 0;
    let routed = 0;
    for (const p of predicted) {
      const usd = (inputTokens(p.s.item.request) * price.input + outputTokens(p.s.item.source) * price.output) / 1e6;
      all += usd;
      if (p.tier === 'strong') routed += usd;
    }
    lines.push(`| ${price.model} (${price.note}) | ${price.input} / ${price.output} | $${all.toFixed(3)} | $${routed.toFixed(3)} | ${pct(1 - routed / all)} |`);
  }
  return lines.join('\n');
}
