/**
 * Submits per second across every bind of one connector. porm's own limiter paces messages at
 * claim time; a message of several segments is several submit_sm, so the connector paces
 * segments too. A token bucket holding one second's worth: bursts fill the windows at once,
 * and the average holds.
 */
export class Pacer {
  private tokens: number;
  private at: number;
  private readonly capacity: number;

  constructor(private readonly perSecond: number | undefined, private readonly now: () => number = Date.now) {
    this.capacity = perSecond === undefined ? 0 : Math.max(1, perSecond);
    this.tokens = this.capacity;
    this.at = now();
  }

  /** Milliseconds until a submit may start (0: now, and the token is taken). */
  take(): number {
    if (this.perSecond === undefined) return 0;
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }
}
