// Time as the routing layer reads it: the wall clock, a monotonic clock for durations, and timers.
// Injectable so that tests step time instead of waiting for it; everything defaults to the real one.

/** What the callers do with a timer: re-arm it (Committed's idle timer) and keep it from holding the process. */
export interface TimerHandle {
  refresh(): unknown;
  unref(): unknown;
}

export interface Clock {
  /** Milliseconds since the epoch (Date.now). */
  now(): number;
  /** Milliseconds for measuring durations (performance.now). */
  monotonic(): number;
  setTimeout(run: () => void, ms: number): TimerHandle;
  clearTimeout(timer: TimerHandle | undefined): void;
  setInterval(run: () => void, ms: number): TimerHandle;
  clearInterval(timer: TimerHandle | undefined): void;
}

/** The real clock and Node's own timers (whose handles are the TimerHandles handed back). */
export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout | undefined),
  setInterval: (run, ms) => setInterval(run, ms),
  clearInterval: (timer) => clearInterval(timer as NodeJS.Timeout | undefined),
};
