import { Redis } from 'ioredis';
import type { SharedBucket } from './shared-limiter.ts';
import { TAKE_TOKENS_SCRIPT } from './shared-bucket-script.ts';

// The SharedBucket over Redis (ioredis: maintained, typed, with reconnection built in). The script
// is sent whole with each EVAL: a few hundred bytes, a few calls per second per process. Commands fail at once while Redis is down (no offline queue), so the
// limiter learns of an outage on its next lease instead of stalling behind a queue.

/** A bucket left untouched this long is forgotten (its next use starts full, as at first use). */
const KEY_LIFETIME_MS = 60_000;

export class RedisBucket implements SharedBucket {
  private readonly redis: Redis;
  /** Settles when the first connection is ready: until then a lease waits for it rather than failing. */
  private readonly firstReady: Promise<void>;

  constructor(url: string, private readonly keyPrefix: string) {
    this.redis = new Redis(url, {
      lazyConnect: false, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 2000,
      retryStrategy: (attempt) => Math.min(100 * attempt, 2000),
    });
    // ioredis reports each failed reconnect as an 'error' event; the limiter logs the outage once.
    this.redis.on('error', () => {});
    this.firstReady = new Promise<void>((resolve) => {
      this.redis.once('ready', () => resolve());
      this.redis.once('error', () => resolve()); // refused or unreachable: the lease fails, as it should
      setTimeout(resolve, 2000).unref();
    });
  }

  async take(connector: string, perSecond: number, capacity: number, want: number): Promise<{ taken: number; waitMs: number }> {
    // Without the offline queue a command sent while the first connection is still being made
    // would fail, and the limiter would report an outage at every start.
    await this.firstReady;
    const answer = await this.redis.eval(TAKE_TOKENS_SCRIPT, 1, `${this.keyPrefix}rate:${connector}`, String(perSecond), String(capacity), String(want), String(KEY_LIFETIME_MS));
    if (!Array.isArray(answer) || answer.length !== 2) throw new Error(`unexpected answer from the rate-limit script: ${JSON.stringify(answer)}`);
    return { taken: Number(answer[0]), waitMs: Number(answer[1]) };
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
