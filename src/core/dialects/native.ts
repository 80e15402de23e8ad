// Same-dialect passthrough, as the router sees it: an opaque body the client sent in its own API,
// carried next to the translated request. Only a provider that speaks that dialect looks inside;
// the router and the policy never do.

/** Client-facing APIs a provider may speak natively. */
export type Dialect = 'anthropic-messages' | 'openai-responses' | 'ollama-chat' | 'ollama-generate';

export interface NativeRequest {
  dialect: Dialect;
  /** The client's body exactly as sent; the provider replaces only `model`. */
  body: Record<string, unknown>;
  /** The client's dialect headers worth forwarding (anthropic-version, anthropic-beta). */
  headers: Record<string, string>;
}

/** One upstream event in the dialect's own wire shape, handed to that dialect's renderer unchanged. */
export interface NativeEvent {
  type: string;
  [key: string]: unknown;
}
