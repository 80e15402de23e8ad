// A typed event with any number of listeners, each removed by its own dispose. Shaped like VS Code's
// Event (subscribing returns a disposable) so the extension subscribes to the core as it does to
// the editor, without core importing vscode.

export interface Disposable {
  dispose(): void;
}

/** Subscribes a listener; dispose the result to unsubscribe. */
export type Event<T> = (listener: (value: T) => void) => Disposable;

export class Emitter<T = void> {
  // Entries, not the listeners themselves: the same function subscribed twice is called twice,
  // and each subscription's dispose removes only itself.
  private readonly entries = new Set<{ readonly listener: (value: T) => void }>();

  readonly event: Event<T> = (listener) => {
    const entry = { listener };
    this.entries.add(entry);
    return { dispose: () => void this.entries.delete(entry) };
  };

  /** Calls every listener in subscription order. Fired on the request path: no copy, no allocation. */
  fire(value: T): void {
    for (const e of this.entries) e.listener(value);
  }

  /** Drops every listener (the owner is going away). */
  dispose(): void {
    this.entries.clear();
  }
}
