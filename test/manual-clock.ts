// A clock that moves only when a test says so: timers fire in due order as `advance` passes their
// time, with promise callbacks run after each, so timing rules (backoff, cool-down, first-token and
// idle timeouts) are tested exactly and without waiting.
import type { Clock, TimerHandle } from '../src/core/support/clock';

interface Entry {
  due: number;
  ms: number;
  run: () => void;
  repeat: boolean;
  active: boolean;
  seq: number;
}

class ManualTimer implements TimerHandle {
  constructor(
    private readonly entry: Entry,
    private readonly clock: ManualClock,
  ) {}
  /** Like Node's: restarts the countdown from now, and re-arms a timer that already fired. */
  refresh(): this {
    this.entry.due = this.clock.now() + this.entry.ms;
    this.entry.active = true;
    return this;
  }
  unref(): this {
    return this;
  }
  get entryOf(): Entry {
    return this.entry;
  }
}

/** Lets every callback already queued (promise continuations, I/O completions) run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class ManualClock implements Clock {
  private t: number;
  private seq = 0;
  private readonly entries: Entry[] = [];

  constructor(start = 1_000_000) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  monotonic(): number {
    return this.t;
  }

  setTimeout(run: () => void, ms: number): TimerHandle {
    return this.add(run, ms, false);
  }

  setInterval(run: () => void, ms: number): TimerHandle {
    return this.add(run, ms, true);
  }

  clearTimeout(timer: TimerHandle | undefined): void {
    if (timer instanceof ManualTimer) timer.entryOf.active = false;
  }

  clearInterval(timer: TimerHandle | undefined): void {
    this.clearTimeout(timer);
  }

  /** Milliseconds from now until each armed timer fires, soonest first. */
  pending(): number[] {
    return this.entries
      .filter((e) => e.active)
      .map((e) => e.due - this.t)
      .sort((a, b) => a - b);
  }

  /** Time that passes with nothing firing (a call in progress): timers due meanwhile fire at the next advance. */
  pass(ms: number): void {
    this.t += ms;
  }

  /** Moves time on by `ms`, firing each timer due on the way at its own time (ties in the order set). */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      const next = this.entries.filter((e) => e.active && e.due <= end).sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
      if (!next) break;
      this.t = Math.max(this.t, next.due);
      if (next.repeat) next.due += next.ms;
      else next.active = false;
      next.run();
      await settle();
    }
    this.t = Math.max(this.t, end); // a call in progress may have passed time beyond the end
    await settle();
  }

  private add(run: () => void, ms: number, repeat: boolean): TimerHandle {
    const entry: Entry = { due: this.t + ms, ms, run, repeat, active: true, seq: this.seq++ };
    this.entries.push(entry);
    return new ManualTimer(entry, this);
  }
}
