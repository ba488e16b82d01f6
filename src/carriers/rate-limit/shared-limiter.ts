import type { Logger } from 'pino';
import type { RateLimitConfig } from '../connector-schema.ts';
import type { RateLimitGrant, RateLimiter } from './rate-limiter.ts';
import { TokenBucketLimiter } from './token-bucket-limiter.ts';

// Distributed mode's limiter: a connector's `rateLimit.perSecond` holds across every worker
// process. The bucket lives in Redis (shared-bucket-script.ts); each process leases a few tokens
// at a time (about `leaseMs` worth of the rate) and spends them locally, so acquire() stays
// synchronous and Redis sees a handful of calls per second per process, not one per message.
// Leased tokens expire after `leaseTtlMs` unspent: an idle worker cannot bank tokens and later
// burst past the rate. The total handed out never exceeds the bucket's, so neither does the
// total sent. `maxInFlight` stays per process (each process's own answers free its slots).

/** The one Redis call this limiter makes: take up to `want` tokens from a connector's bucket. */
export interface SharedBucket {
  take(connector: string, perSecond: number, capacity: number, want: number): Promise<{ taken: number; waitMs: number }>;
}

export interface SharedLimiterOptions {
  /** What a limited connector does while Redis cannot be reached (see docs/configuration.md#redis). */
  onUnavailable: 'hold' | 'local';
  /** Tokens per lease: about this many ms of the connector's rate. */
  leaseMs?: number;
  /** Unspent leased tokens are dropped after this long. */
  leaseTtlMs?: number;
  /** How long a refused submit waits while Redis is unreachable in `hold` mode. */
  unavailableRetryMs?: number;
}

interface Lease {
  readonly perSecond: number;
  readonly capacity: number;
  readonly batch: number;
  tokens: number;
  expiresAt: number;
  /** A refill in flight (one at a time per connector). */
  pending: boolean;
  /** When Redis said the next token frees up (a refill before then would come back empty). */
  nextAt: number;
}

export class SharedRateLimiter implements RateLimiter {
  private readonly leases = new Map<string, Lease>();
  /** Enforces maxInFlight only (per process). */
  private readonly inFlight: TokenBucketLimiter;
  /** The whole per-process limit, used instead of Redis in `local` mode while Redis is down. */
  private readonly local: TokenBucketLimiter;
  private unavailableSince: number | null = null;
  private readonly leaseMs: number;
  private readonly leaseTtlMs: number;
  private readonly unavailableRetryMs: number;

  constructor(
    limits: Readonly<Record<string, RateLimitConfig | undefined>>,
    private readonly bucket: SharedBucket,
    private readonly options: SharedLimiterOptions,
    private readonly log: Logger,
    private readonly wallClock: () => number = Date.now,
  ) {
    this.leaseMs = options.leaseMs ?? 100;
    this.leaseTtlMs = options.leaseTtlMs ?? 1000;
    this.unavailableRetryMs = options.unavailableRetryMs ?? 1000;
    this.local = new TokenBucketLimiter(limits);
    this.inFlight = new TokenBucketLimiter(Object.fromEntries(Object.entries(limits).map(([name, l]) => [name, l?.maxInFlight !== undefined ? { maxInFlight: l.maxInFlight } : undefined])));
    for (const [connector, limit] of Object.entries(limits)) {
      if (limit?.perSecond === undefined) continue;
      const capacity = Math.max(1, limit.perSecond);
      this.leases.set(connector, { perSecond: limit.perSecond, capacity, batch: Math.max(1, Math.ceil((limit.perSecond * this.leaseMs) / 1000)), tokens: 0, expiresAt: 0, pending: false, nextAt: 0 });
    }
  }

  static forCarriers(carriers: Readonly<Record<string, { readonly rateLimit?: RateLimitConfig | undefined }>>, bucket: SharedBucket, options: SharedLimiterOptions, log: Logger): SharedRateLimiter {
    return new SharedRateLimiter(Object.fromEntries(Object.entries(carriers).map(([name, carrier]) => [name, carrier.rateLimit])), bucket, options, log);
  }

  acquire(connector: string, now: number): RateLimitGrant {
    const lease = this.leases.get(connector);
    if (!lease) return this.inFlight.acquire(connector, now);
    if (this.unavailableSince !== null && this.options.onUnavailable === 'local') {
      this.refill(connector, lease); // keeps probing, so the shared pace resumes once Redis is back
      return this.local.acquire(connector, now);
    }
    const wall = this.wallClock();
    if (wall >= lease.expiresAt) lease.tokens = 0;
    if (lease.tokens < 1) {
      this.refill(connector, lease);
      const wait = this.unavailableSince !== null ? this.unavailableRetryMs : Math.max(5, lease.nextAt - wall, Math.ceil(1000 / lease.perSecond));
      return { ok: false, retryAt: now + wait };
    }
    const slot = this.inFlight.acquire(connector, now);
    if (!slot.ok) return slot;
    lease.tokens -= 1;
    // Prefetch before the lease runs dry, so a busy worker rarely waits on Redis.
    if (lease.tokens < lease.batch / 2) this.refill(connector, lease);
    return slot;
  }

  private refill(connector: string, lease: Lease): void {
    if (lease.pending || this.wallClock() < lease.nextAt) return;
    lease.pending = true;
    const want = Math.max(1, lease.batch - Math.floor(lease.tokens));
    this.bucket.take(connector, lease.perSecond, lease.capacity, want).then(({ taken, waitMs }) => {
      const wall = this.wallClock();
      if (wall >= lease.expiresAt) lease.tokens = 0;
      lease.tokens += taken;
      lease.expiresAt = wall + this.leaseTtlMs;
      lease.nextAt = taken < want ? wall + waitMs : 0;
      if (this.unavailableSince !== null) {
        this.log.info({ connector, unavailableMs: wall - this.unavailableSince }, 'redis reachable again: rate limits are shared across processes');
        this.unavailableSince = null;
      }
    }, (err: unknown) => {
      if (this.unavailableSince === null) {
        this.unavailableSince = this.wallClock();
        this.log.warn({ err, connector, onUnavailable: this.options.onUnavailable },
          this.options.onUnavailable === 'hold'
            ? 'redis unreachable: sends to rate-limited carriers are held until it is back (redis.onUnavailable: hold)'
            : 'redis unreachable: each process now applies the whole rate limit on its own (redis.onUnavailable: local)');
      }
      lease.nextAt = this.wallClock() + Math.min(this.unavailableRetryMs, 250);
    }).finally(() => {
      lease.pending = false;
    });
  }
}
