// Turns many "something changed" signals into few sends: the first signal after a quiet spell is
// sent at once (an idle system reacts without delay), and signals within `windowMs` of a send are
// folded into one more send at the window's end (a busy system sends at most one per window, and
// never drops the last signal, which may announce work nobody has been told of yet).

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending hint must not keep a finished process alive; close() flushes it instead.
    t.unref();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class Coalescer {
  private lastSent = Number.NEGATIVE_INFINITY;
  private timer: unknown;

  constructor(private readonly send: () => void, private readonly windowMs: number, private readonly timers: Timers = realTimers) {
    if (!(windowMs >= 0)) throw new RangeError('windowMs must be 0 or more');
  }

  /** A signal: sent now, or folded into the one send due at the end of the current window. */
  fire(): void {
    if (this.timer !== undefined) return;
    const now = this.timers.now();
    const wait = this.lastSent + this.windowMs - now;
    if (wait <= 0) {
      this.sendNow(now);
      return;
    }
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.sendNow(this.timers.now());
    }, wait);
  }

  /** Whether a folded signal is waiting for its window to end. */
  get pending(): boolean {
    return this.timer !== undefined;
  }

  /** Sends a waiting signal at once (before shutting down). */
  flush(): void {
    if (this.timer === undefined) return;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.sendNow(this.timers.now());
  }

  private sendNow(now: number): void {
    this.lastSent = now;
    this.send();
  }
}
