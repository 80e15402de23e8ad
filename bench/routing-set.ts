// The labelled routing set (bench/routing-set/, LABELS.md there): recorded agent traffic and chat
// prompts, each parsed by Oblix's own dialect parsers into the internal request, with the tier it
// should get under `balanced`.
import { join } from 'node:path';
import type { ChatRequest } from '../src/core/request';
import { parseMessages } from '../src/core/dialects/anthropic-messages/parse';
import { parseCompletions } from '../src/core/dialects/completions/parse';
import { validateChatRequest } from '../src/core/dialects/openai-chat/parse';
import { parseResponses } from '../src/core/dialects/openai-responses/parse';
import { loadAgentRecords, readJsonl, SET_DIR, type Label } from './routing-set-store';

export interface LabelledRequest {
  id: string;
  /** Where it came from: `claude-code main`, `opencode utility`, `chat easy`… */
  source: string;
  label: Label;
  request: ChatRequest;
}

export function requestOf(path: string, body: unknown): ChatRequest {
  if (path.endsWith('/messages')) return parseMessages(body, {}).request;
  if (path.endsWith('/responses')) return parseResponses(body).request;
  if (path.endsWith('/chat/completions')) return validateChatRequest(body);
  if (path.endsWith('/completions')) return parseCompletions(body).request;
  throw new Error(`routing set: no parser for ${path}`);
}

export function loadRoutingSet(dir = SET_DIR): LabelledRequest[] {
  const agents = loadAgentRecords(dir).map((r) => ({ id: r.id, source: `${r.agent} ${r.role}`, label: r.label, request: requestOf(r.path, r.body) }));
  const chats = readJsonl<{ id: string; label: Label; text: string }>(join(dir, 'chat.jsonl')).map((c) => ({
    id: c.id,
    source: `chat ${c.label === 'strong' ? 'hard' : 'easy'}`,
    label: c.label,
    request: validateChatRequest({ model: 'auto', messages: [{ role: 'user', content: c.text }] }),
  }));
  return [...agents, ...chats];
}
