/**
 * What the core needs of a caller's cancellation. An AbortSignal is one; the HTTP server passes a
 * ClientGone instead, because on Node 20 creating an AbortSignal costs ~4 µs, on every request.
 */
export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
