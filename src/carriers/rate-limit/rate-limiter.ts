// The rate-limit port: may one more submit to this connector start now? The send path asks
// before each submit and, when refused, reschedules the job to `retryAt` without using up an
// attempt: pacing porm is waiting, not failing. Implementations: the local token bucket
// (one process); a shared Redis one comes with distributed mode.

export type RateLimitGrant = { ok: true; release(): void } | { ok: false; retryAt: number };

export interface RateLimiter {
  /**
   * Takes a slot for one submit to `connector` at time `now` (ms, from the caller's Clock).
   * When granted, call release() once the carrier has answered (or the submit threw); a second
   * call is harmless. A connector with no configured limit is always granted.
   */
  acquire(connector: string, now: number): RateLimitGrant;
}
