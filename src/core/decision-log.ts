// The last routing decisions, newest kept, for /health and the editor's "why" views; and the event
// that tells the status bar and the log of each one once it is made or failed.
import type { Decision } from './decision';
import { Emitter } from './support/emitter';

const DECISIONS_KEPT = 20;

export class DecisionLog {
  private readonly kept: Decision[] = [];
  private readonly decided = new Emitter<Decision>();
  readonly onDecision = this.decided.event;

  /** Keeps a decision as it begins: /health shows it while its request is under way. */
  begin(d: Decision): void {
    this.kept.push(d);
    if (this.kept.length > DECISIONS_KEPT) this.kept.shift();
  }

  /** Tells the listeners once the decision is made or failed. */
  settled(d: Decision): void {
    this.decided.fire(d);
  }

  get last(): Decision | null {
    return this.kept[this.kept.length - 1] ?? null;
  }

  newestFirst(): Decision[] {
    return [...this.kept].reverse();
  }
}
