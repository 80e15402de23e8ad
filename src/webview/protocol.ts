// The messages between the chat webview and the extension, typed once and imported by both sides.
// Only plain JSON crosses: the extension owns all state that must survive a reload.

export interface ChatMessageView {
  /** Stable within a session: index-based ids are fine since messages are only appended. */
  id: string;
  role: 'user' | 'assistant';
  content: string;
  at: string;
  /** Assistant messages. */
  model?: string;
  /** The routing reason code (x-oblix-route) and the same in words. */
  route?: string;
  routeText?: string;
  /** For `auto`: the request's kind, difficulty and the preference, in words. */
  why?: string;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  timeToFirstTokenMs?: number | null;
  tokensPerSecond?: number | null;
  status?: 'stopped' | 'error';
  error?: string;
  /** The error's code (Oblix's `error.code`), when it had one: the view words it. */
  errorCode?: string;
}

export interface SessionView {
  id: string;
  title: string;
  updatedAt: string;
  messageCount: number;
}

/** What the empty state tells the user to do when nothing can answer. */
export interface Availability {
  canAnswer: boolean;
  /** Human sentences: "Ollama is not running at …", "No cloud provider has an API key." */
  problems: string[];
  mode: 'auto' | 'local-only' | 'cloud-only';
}

/** Extension → webview. */
export type ToWebview =
  | {
      type: 'state';
      sessions: SessionView[];
      currentSessionId: string | null;
      messages: ChatMessageView[];
      models: string[];
      selectedModel: string;
      availability: Availability;
    }
  | { type: 'availability'; availability: Availability; models: string[] }
  /** A new answer began streaming (after the question was shown). */
  | { type: 'answerStart'; requestId: string; question: ChatMessageView }
  | { type: 'answerDelta'; requestId: string; text: string; model: string; route: string; routeText: string; why?: string }
  /** The answer waits for a local model to load: `text` says which and for about how long ("loading qwen2.5-coder:7b, about 6 s"). */
  | { type: 'answerWaiting'; requestId: string; text: string }
  /** The answer ended: finished, stopped or failed part-way; `message` is what was stored. */
  | { type: 'answerEnd'; requestId: string; message: ChatMessageView }
  /** The request failed before any answer (nothing stored): shown inline with a Retry. */
  | { type: 'answerError'; requestId: string; prompt: string; error: string; code?: string }
  | { type: 'prefill'; text: string }
  /** A question asked by a command while an answer streams: sent when it ends (or put in the composer). */
  | { type: 'queue'; text: string };

/** Webview → extension. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'send'; requestId: string; prompt: string; model: string }
  | { type: 'stop'; requestId: string }
  | { type: 'selectModel'; model: string }
  | { type: 'newSession' }
  | { type: 'switchSession'; sessionId: string }
  | { type: 'renameSession'; sessionId: string }
  | { type: 'deleteSession'; sessionId: string }
  | { type: 'exportSession'; sessionId: string }
  | { type: 'copyCode'; code: string }
  | { type: 'insertCode'; code: string }
  | { type: 'openCode'; code: string; language: string }
  /** Buttons of the empty state: only these commands may be run from the webview. */
  | { type: 'runCommand'; command: AllowedCommand };

export const ALLOWED_COMMANDS = ['oblix.setApiKey', 'oblix.switchMode', 'oblix.showLog', 'oblix.restartServer', 'oblix.installOllama', 'oblix.pullModel'] as const;
export type AllowedCommand = (typeof ALLOWED_COMMANDS)[number];

/** Checks a message from the webview before the extension acts on it (the webview is untrusted input). */
export function parseFromWebview(raw: unknown): FromWebview | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Record<string, unknown>;
  const s = (k: string): boolean => typeof m[k] === 'string';
  switch (m.type) {
    case 'ready':
    case 'newSession':
      return { type: m.type };
    case 'send':
      return s('requestId') && s('prompt') && s('model') && (m.prompt as string).trim() !== '' ? (m as FromWebview) : null;
    case 'stop':
      return s('requestId') ? (m as FromWebview) : null;
    case 'selectModel':
      return s('model') ? (m as FromWebview) : null;
    case 'switchSession':
    case 'renameSession':
    case 'deleteSession':
    case 'exportSession':
      return s('sessionId') ? (m as FromWebview) : null;
    case 'copyCode':
    case 'insertCode':
      return s('code') ? (m as FromWebview) : null;
    case 'openCode':
      return s('code') && s('language') ? (m as FromWebview) : null;
    case 'runCommand':
      return (ALLOWED_COMMANDS as readonly unknown[]).includes(m.command) ? (m as FromWebview) : null;
    default:
      return null;
  }
}
