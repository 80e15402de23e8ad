// Whether an agent's conversation shows its model failing, so that the next turn goes to the strong
// model (reason `escalated`). A pure function of the messages, which every dialect carries whole on
// each turn, so it needs no state and holds across restarts and sticky conversations alike.
//
// A turn is an assistant message and the tool results after it. The signs, over the last turns:
// - the same call (name and arguments) in each of the last three turns;
// - tool results that are errors in each of the last three turns;
// - a call Oblix repaired from text, or passed on with arguments that did not fit, in two of the
//   last three turns (their ids say so: tool-repair/repair-stream.ts).
// The conversation stays escalated while a sign is there and for QUIET_TURNS turns after the last
// turn that showed one; after that quiet stretch it may go back to the small model.
import type { ChatMessage } from '../request';
import { INVALID_CALL_PREFIX, REPAIRED_CALL_PREFIX } from '../tool-repair/call-ids';

/** Turns without a sign before a conversation goes back to the small model. */
export const QUIET_TURNS = 3;

interface Turn {
  /** The calls, each as name and arguments as sent. */
  calls: { name: string; args: string }[];
  repaired: boolean;
  /** Whether it had tool results and every one was an error. */
  failed: boolean;
}

/** Why the conversation should go to the strong model, or null. */
export function stuckAgent(messages: readonly ChatMessage[]): string | null {
  return escalation(messages).stuck;
}

/**
 * `stuck`: why the next turn goes to the strong model; `over`: it went there earlier and the quiet
 * stretch has passed, so the conversation may leave the strong model (even if it stuck to it).
 */
export function escalation(messages: readonly ChatMessage[]): { stuck: string | null; over: boolean } {
  const turns = turnsOf(messages);
  // The newest turn first: a sign in any of the last QUIET_TURNS + 1 windows still counts.
  for (let end = turns.length; end > 0; end--) {
    const sign = signIn(turns.slice(Math.max(0, end - 3), end));
    if (!sign) continue;
    const quiet = turns.length - end;
    if (quiet > QUIET_TURNS) return { stuck: null, over: true };
    return { stuck: quiet === 0 ? sign : `${sign} (${quiet} of ${QUIET_TURNS} quiet turns since)`, over: false };
  }
  return { stuck: null, over: false };
}

function signIn(last: Turn[]): string | null {
  if (last.length === 3 && last[0]!.calls.length > 0 && last.every((t) => sameCalls(t.calls, last[0]!.calls))) return 'the same tool call three turns in a row';
  if (last.length === 3 && last.every((t) => t.failed)) return 'tool results were errors three turns in a row';
  if (last.filter((t) => t.repaired).length >= 2) return 'tool calls written as text or with bad arguments in two of the last three turns';
  return null;
}

function turnsOf(messages: readonly ChatMessage[]): Turn[] {
  const turns: Turn[] = [];
  let current: (Turn & { results: number; errors: number }) | null = null;
  const close = (): void => {
    if (current) turns.push({ calls: current.calls, repaired: current.repaired, failed: current.results > 0 && current.errors === current.results });
    current = null;
  };
  for (const m of messages) {
    if (m.role === 'assistant') {
      close();
      const calls = (m.tool_calls ?? []).flatMap((t) => (t.type === 'function' ? [{ id: t.id, name: t.function.name, args: t.function.arguments }] : []));
      current = { calls, repaired: calls.some((c) => c.id.startsWith(REPAIRED_CALL_PREFIX) || c.id.startsWith(INVALID_CALL_PREFIX)), failed: false, results: 0, errors: 0 };
    } else if (m.role === 'tool' && current) {
      current.results++;
      if (isError(typeof m.content === 'string' ? m.content : (m.content[0]?.text ?? ''))) current.errors++;
    } else if (m.role === 'user') close();
  }
  close();
  return turns;
}

/** How agents report a failed tool: Anthropic's is_error (translated as "Error: "), Claude Code's <tool_use_error>, a shell's exit code. */
function isError(text: string): boolean {
  const head = text.slice(0, 400); // a result may be a whole file: its start says whether it failed
  return /^\s*(error\b|<tool_use_error>|exit code: [1-9]|failed\b)/i.test(head) || /"exit_code"\s*:\s*[1-9]/.test(head);
}

/** The same calls; arguments compared as sent first, and only when they differ, as JSON (key order, spacing). */
function sameCalls(a: Turn['calls'], b: Turn['calls']): boolean {
  return a.length === b.length && a.every((c, i) => c.name === b[i]!.name && (c.args === b[i]!.args || canonical(c.args) === canonical(b[i]!.args)));
}

/** The same arguments however the keys were ordered or spaced. */
function canonical(args: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(args)));
  } catch {
    return args.trim();
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
  );
}
