// Sticky conversations: once a model has answered a conversation, its later turns go to the same
// model while the policy still offers it, which keeps prompt caches warm and an agent on one model
// mid-task. A pure step on the plan (after ordering, after the secret guard), and the memory of
// which model served which conversation: idle entries expire, and the number kept is capped.
import { createHash, hash as oneShotHash } from 'node:crypto';
import type { Clock } from '../support/clock';
import type { ChatMessage, ChatRequest } from '../request';
import type { Plan } from './policy';
import type { RouteReason } from './route-reason';

export const STICKY_TTL_MS = 30 * 60_000;
export const STICKY_MAX_CONVERSATIONS = 2_000;

/** Which model last served each conversation, least recently used first. */
export class ConversationModels {
  private readonly served = new Map<string, { model: string; at: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = STICKY_TTL_MS,
    private readonly max = STICKY_MAX_CONVERSATIONS,
  ) {}

  /** The model that served this conversation within the idle TTL. */
  get(key: string): string | undefined {
    const e = this.served.get(key);
    if (!e) return undefined;
    if (this.clock.now() - e.at > this.ttlMs) {
      this.served.delete(key);
      return undefined;
    }
    return e.model;
  }

  remember(key: string, model: string): void {
    // Deleted first so that the entry moves to the end: the Map's order is the LRU order.
    this.served.delete(key);
    this.served.set(key, { model, at: this.clock.now() });
    if (this.served.size > this.max) this.served.delete(this.served.keys().next().value!);
  }

  get size(): number {
    return this.served.size;
  }
}

/** What a plan becomes for a conversation, and why it left the model that served it before. */
export interface Stuck {
  plan: Plan;
  /** Set when the conversation's model is no longer the first choice: why, for the decision's notes. */
  switched?: string;
}

/**
 * The conversation's model goes first, with reason `sticky` (unless it is first anyway), when the policy offers it and passed it
 * over for nothing (a busy machine or a full window are reasons to leave it). A prompt kept local for
 * a credential keeps that reason.
 */
export function stick(plan: Plan, model: string | undefined): Stuck {
  // A stuck agent goes to the strong model (stuck-agent.ts), whichever model served it before.
  if (model === undefined || plan.candidates[0]?.reason === 'escalated') return { plan };
  const at = plan.candidates.findIndex((c) => c.id === model);
  // The policy's first choice anyway: its own reason says more than `sticky`.
  if (at === 0) return { plan };
  const passed = plan.passedOver.find((p) => p.id === model);
  if (at < 0 || passed || plan.candidates[at]!.reason === 'last-resort') {
    const why = passed ? `${passed.code}: ${passed.detail}` : at < 0 ? 'it cannot serve this request' : 'its provider did not answer its last probe';
    return { plan, switched: `left ${model}, which served this conversation before (${why})` };
  }
  const first = plan.candidates[0]!;
  const reason: RouteReason = first.reason === 'secret-kept-local' ? first.reason : 'sticky';
  const candidates = [{ ...plan.candidates[at]!, reason }, ...plan.candidates.filter((_, i) => i !== at)];
  return { plan: { ...plan, candidates } };
}

/** Characters of the system prompt and first message the fallback key reads from each end: bounded cost. */
const KEY_EDGE_CHARS = 4096;

export interface Conversation {
  key: string;
  /**
   * Whether this is a later turn, whose model is looked up: the client named the conversation, or
   * the request carries an earlier answer. Two one-shot requests that open alike are not one conversation.
   */
  later: boolean;
}

/**
 * The conversation a request belongs to: the client's own id when it sent one (ChatRequest.conversation),
 * else a hash of its system prompt and first user message. Null for a text completion (autocomplete
 * is not a conversation) and for a request with no user message.
 */
export function conversationOf(req: ChatRequest): Conversation | null {
  if (req.prompt) return null;
  if (req.conversation) return { key: `id:${req.conversation}`, later: true };
  const system = req.messages.find((m) => m.role === 'system' || m.role === 'developer');
  const user = req.messages.find((m) => m.role === 'user');
  if (!user) return null;
  // The length and both ends: two prompts that differ only in their middle are rare, reading all of a 20 KB system prompt is not.
  const key = `${edges(system ? textOf(system) : '')}\0${edges(textOf(user))}`;
  return { key: `hash:${sha256(key)}`, later: req.messages.some((m) => m.role === 'assistant') };
}

function edges(text: string): string {
  return `${text.length}\0${text.length > 2 * KEY_EDGE_CHARS ? text.slice(0, KEY_EDGE_CHARS) + text.slice(-KEY_EDGE_CHARS) : text}`;
}

/** One-shot crypto.hash where Node has it (20.12+): a Hash object per request showed as 2 % of the profile. */
function sha256(text: string): string {
  return typeof oneShotHash === 'function' ? oneShotHash('sha256', text, 'base64url') : createHash('sha256').update(text).digest('base64url');
}

function textOf(m: ChatMessage): string {
  const c = m.content;
  if (typeof c === 'string') return c;
  if (!Array.isArray(c)) return '';
  let s = '';
  for (const p of c) if (p.type === 'text') s += p.text;
  return s;
}
