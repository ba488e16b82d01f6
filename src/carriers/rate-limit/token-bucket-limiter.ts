import type { RateLimitConfig } from '../connector-schema.ts';
import type { RateLimitGrant, RateLimiter } from './rate-limiter.ts';

/** How long a submit refused for the in-flight cap waits: slots free when answers arrive, at no known time. */
export const IN_FLIGHT_RETRY_MS = 50;

interface Bucket {
  readonly perSecond: number | undefined;
  readonly capacity: number;
  readonly maxInFlight: number | undefined;
  tokens: number;
  /** When `tokens` was last brought up to date. */
  at: number | undefined;
  inFlight: number;
}

const UNLIMITED: RateLimitGrant = { ok: true, release() {} };

/**
 * The in-process limiter: a token bucket per connector (refilled at `perSecond`, holding at
 * most one second's worth, so a quiet connector can take that many at once) and a count of
 * submits in flight. Time comes only from the `now` the caller passes, so tests drive it with
 * a fake clock. Correct for one process only: several processes each get the whole rate.
 */
export class TokenBucketLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(limits: Readonly<Record<string, RateLimitConfig | undefined>>, private readonly inFlightRetryMs = IN_FLIGHT_RETRY_MS) {
    for (const [connector, limit] of Object.entries(limits)) {
      if (!limit || (limit.perSecond === undefined && limit.maxInFlight === undefined)) continue;
      const capacity = limit.perSecond === undefined ? 0 : Math.max(1, limit.perSecond);
      this.buckets.set(connector, { perSecond: limit.perSecond, capacity, maxInFlight: limit.maxInFlight, tokens: capacity, at: undefined, inFlight: 0 });
    }
  }

  /** The limiter for `config.carriers`: each carrier's own `rateLimit`. */
  static forCarriers(carriers: Readonly<Record<string, { readonly rateLimit?: RateLimitConfig | undefined }>>): TokenBucketLimiter {
    return new TokenBucketLimiter(Object.fromEntries(Object.entries(carriers).map(([name, carrier]) => [name, carrier.rateLimit])));
  }

  acquire(connector: string, now: number): RateLimitGrant {
    const bucket = this.buckets.get(connector);
    if (!bucket) return UNLIMITED;
    if (bucket.maxInFlight !== undefined && bucket.inFlight >= bucket.maxInFlight) {
      return { ok: false, retryAt: now + this.inFlightRetryMs };
    }
    if (bucket.perSecond !== undefined) {
      this.refill(bucket, bucket.perSecond, now);
      // The epsilons absorb float error: the wait is not rounded up past a whole ms by it, and
      // a retry at exactly retryAt is granted.
      if (bucket.tokens < 1 - 1e-6) {
        return { ok: false, retryAt: now + Math.ceil(((1 - bucket.tokens) * 1000) / bucket.perSecond - 1e-9) };
      }
      bucket.tokens -= 1;
    }
    bucket.inFlight += 1;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        bucket.inFlight -= 1;
      },
    };
  }

  private refill(bucket: Bucket, perSecond: number, now: number): void {
    // A clock that steps back adds nothing (and takes nothing away).
    const elapsed = bucket.at === undefined ? 0 : Math.max(0, now - bucket.at);
    bucket.tokens = Math.min(bucket.capacity, bucket.tokens + (elapsed * perSecond) / 1000);
    if (bucket.at === undefined || now > bucket.at) bucket.at = now;
  }
}
