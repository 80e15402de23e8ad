// Whether a prompt carries a credential, and by which rule: every part a model would read (system,
// messages, tool calls and their results, a completion's prefix and suffix). One cheap pass
// (literal-prefilter.ts) finds where the rules' trigger literals may start; a sticky regex of the
// literals says which one is there; only the rules triggered run their own checks (secret-rules.ts).
import type { ChatRequest } from '../request';
import { LiteralPrefilter } from './literal-prefilter';
import { SECRET_RULES, type SecretRule } from './secret-rules';
import { SeenTexts } from './seen-texts';

interface Armed {
  readonly rule: SecretRule;
  readonly then?: RegExp;
}

/** Each trigger literal and the rules it arms. */
const BY_LITERAL = new Map<string, Armed[]>();
for (const rule of SECRET_RULES) {
  for (const t of rule.triggers) {
    const armed = BY_LITERAL.get(t.literal) ?? [];
    armed.push({ rule, ...(t.then && { then: t.then }) });
    BY_LITERAL.set(t.literal, armed);
  }
}
/** Longest first: where one literal starts another, the longer is named there (and armedAt adds the shorter). */
const LITERALS = [...BY_LITERAL.keys()].sort((a, b) => b.length - a.length);
/** Sticky: run only where the prefilter says a literal may start, it names the longest literal there. */
const TRIGGER_AT = new RegExp(LITERALS.map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'y');
const PREFILTER = new LiteralPrefilter(LITERALS);

/** The name of the first rule a text's credential matches, or null. */
export function secretIn(text: string): string | null {
  let tried: Set<SecretRule> | undefined;
  // Ascending, so rules are tried in the order their triggers stand in the text.
  for (const at of PREFILTER.candidates(text)) {
    TRIGGER_AT.lastIndex = at;
    const m = TRIGGER_AT.exec(text);
    if (m === null) continue;
    const end = at + m[0].length;
    for (const { rule, then } of armedAt(m[0], text, at)) {
      if (tried?.has(rule)) continue;
      if (then) {
        then.lastIndex = end;
        if (!then.test(text)) continue;
      }
      // A one-line rule is asked again at its next trigger's line; any other has read the whole text.
      if (rule.matchesLineAt) {
        if (rule.matchesLineAt(text, at)) return rule.name;
        continue;
      }
      (tried ??= new Set()).add(rule);
      if (rule.matches(text)) return rule.name;
    }
  }
  return null;
}

/** The rules armed by the literal found and by any shorter literal that is its prefix. */
function armedAt(found: string, text: string, at: number): Armed[] {
  const armed = BY_LITERAL.get(found)!;
  let more: Armed[] | undefined;
  for (let n = found.length - 1; n > 0; n--) {
    const shorter = BY_LITERAL.get(text.slice(at, at + n));
    if (shorter) (more ??= [...armed]).push(...shorter);
  }
  return more ?? armed;
}

/**
 * What earlier prompts' parts were found to carry. A conversation sends its whole history (and an
 * agent its system prompt and tools) again with every turn: each part is scanned once, and a turn
 * costs the scan of what is new. Memory only, bounded; the texts are never written anywhere.
 */
const seen = new SeenTexts<string | null>(4_000_000);
/** Shorter parts are scanned again: the lookup would cost about as much. */
const SEEN_MIN_CHARS = 512;

function secretInPart(text: string): string | null {
  if (text.length < SEEN_MIN_CHARS) return secretIn(text);
  const known = seen.get(text);
  if (known !== undefined) return known;
  const rule = secretIn(text);
  seen.set(text, rule);
  return rule;
}

/** The rule of the first credential in any part of the prompt, or null when it carries none. */
export function secretInPrompt(req: ChatRequest): string | null {
  for (const text of promptTexts(req)) {
    const rule = secretInPart(text);
    if (rule !== null) return rule;
  }
  return null;
}

/** Every text of the request a model reads. */
function* promptTexts(req: ChatRequest): Generator<string> {
  if (req.prompt) {
    yield req.prompt.text;
    if (req.prompt.suffix) yield req.prompt.suffix;
  }
  for (const m of req.messages) {
    const c = m.content;
    if (typeof c === 'string') yield c;
    else if (Array.isArray(c)) for (const p of c) if (p.type === 'text') yield p.text;
    if (m.role === 'assistant' && m.tool_calls) for (const t of m.tool_calls) if (t.type === 'function') yield t.function.arguments;
  }
}
