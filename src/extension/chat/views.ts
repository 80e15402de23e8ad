// Session data as the webview shows it.
import type { Session, SessionMessage } from '../../core/sessions/session';
import { routeInWords } from '../../core/routing/route-reason';
import type { ChatMessageView } from '../../webview/protocol';

export function messageView(sessionId: string, index: number, m: SessionMessage, error?: string, errorCode?: string): ChatMessageView {
  const v: ChatMessageView = { id: `${sessionId}:${index}`, role: m.role === 'assistant' ? 'assistant' : 'user', content: m.content, at: m.at };
  if (m.model) v.model = m.model;
  if (m.route) {
    v.route = m.route;
    v.routeText = routeInWords(m.route);
  }
  if (m.why) v.why = m.why;
  if (m.usage) v.usage = m.usage;
  if (m.status) v.status = m.status;
  if (m.metrics) {
    v.timeToFirstTokenMs = m.metrics.timeToFirstTokenMs;
    v.tokensPerSecond = m.metrics.tokensPerSecond;
  }
  if (error) v.error = error;
  if (error && errorCode) v.errorCode = errorCode;
  return v;
}

export function sessionMessages(s: Session): ChatMessageView[] {
  return s.messages.flatMap((m, i) => (m.role === 'system' ? [] : [messageView(s.id, i, m)]));
}
