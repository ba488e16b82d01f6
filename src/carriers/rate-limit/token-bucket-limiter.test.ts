import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenBucketLimiter } from './token-bucket-limiter.ts';
import type { RateLimitGrant } from './rate-limiter.ts';

// Time is the `now` passed in: a fake clock, no waiting.
const T0 = 1_000_000;

function granted(grant: RateLimitGrant): () => void {
  assert.equal(grant.ok, true, 'expected a grant');
  return grant.ok ? grant.release : () => {};
}

function refusedUntil(grant: RateLimitGrant): number {
  assert.equal(grant.ok, false, 'expected a refusal');
  return grant.ok ? Number.NaN : grant.retryAt;
}

describe('TokenBucketLimiter', () => {
  test('a connector without a limit is always granted', () => {
    const limiter = new TokenBucketLimiter({ open: undefined, empty: {} });
    for (let i = 0; i < 1000; i++) {
      granted(limiter.acquire('open', T0));
      granted(limiter.acquire('empty', T0));
      granted(limiter.acquire('unknown', T0));
    }
  });

  test('a burst of one second\'s worth, then a refusal until the next token', () => {
    const limiter = new TokenBucketLimiter({ acme: { perSecond: 5 } });
    for (let i = 0; i < 5; i++) granted(limiter.acquire('acme', T0))();
    assert.equal(refusedUntil(limiter.acquire('acme', T0)), T0 + 200);
    // Other connectors have their own buckets.
    granted(new TokenBucketLimiter({ acme: { perSecond: 5 }, other: { perSecond: 1 } }).acquire('other', T0));
  });

  test('tokens refill at perSecond and never beyond one second\'s worth', () => {
    const limiter = new TokenBucketLimiter({ acme: { perSecond: 10 } });
    for (let i = 0; i < 10; i++) granted(limiter.acquire('acme', T0))();
    const retryAt = refusedUntil(limiter.acquire('acme', T0));
    assert.equal(retryAt, T0 + 100);
    assert.equal(refusedUntil(limiter.acquire('acme', T0 + 99)), T0 + 100, 'one ms short: still refused');
    granted(limiter.acquire('acme', retryAt))();
    refusedUntil(limiter.acquire('acme', retryAt));
    // A long quiet spell fills the bucket only up to its capacity.
    const later = T0 + 60_000;
    for (let i = 0; i < 10; i++) granted(limiter.acquire('acme', later))();
    refusedUntil(limiter.acquire('acme', later));
  });

  test('a fractional rate: one every two seconds', () => {
    const limiter = new TokenBucketLimiter({ slow: { perSecond: 0.5 } });
    granted(limiter.acquire('slow', T0))();
    assert.equal(refusedUntil(limiter.acquire('slow', T0)), T0 + 2000);
    granted(limiter.acquire('slow', T0 + 2000))();
  });

  test('a clock that steps back neither adds nor removes tokens', () => {
    const limiter = new TokenBucketLimiter({ acme: { perSecond: 1 } });
    granted(limiter.acquire('acme', T0))();
    refusedUntil(limiter.acquire('acme', T0 - 5000));
    granted(limiter.acquire('acme', T0 + 1000))();
  });

  test('the in-flight cap refuses until a slot is released', () => {
    const limiter = new TokenBucketLimiter({ acme: { maxInFlight: 2 } }, 50);
    const first = granted(limiter.acquire('acme', T0));
    const second = granted(limiter.acquire('acme', T0));
    assert.equal(refusedUntil(limiter.acquire('acme', T0)), T0 + 50);
    first();
    const third = granted(limiter.acquire('acme', T0));
    refusedUntil(limiter.acquire('acme', T0));
    second();
    third();
    granted(limiter.acquire('acme', T0));
    granted(limiter.acquire('acme', T0));
  });

  test('forCarriers takes each carrier\'s rateLimit', () => {
    const limiter = TokenBucketLimiter.forCarriers({ acme: { rateLimit: { perSecond: 1 } }, sandbox: {} });
    granted(limiter.acquire('acme', T0))();
    refusedUntil(limiter.acquire('acme', T0));
    granted(limiter.acquire('sandbox', T0));
  });

  test('releasing twice frees one slot only', () => {
    const limiter = new TokenBucketLimiter({ acme: { maxInFlight: 1 } });
    const release = granted(limiter.acquire('acme', T0));
    release();
    release();
    granted(limiter.acquire('acme', T0));
    refusedUntil(limiter.acquire('acme', T0));
  });

  test('a refusal for the in-flight cap takes no token', () => {
    const limiter = new TokenBucketLimiter({ acme: { perSecond: 2, maxInFlight: 1 } });
    const release = granted(limiter.acquire('acme', T0));
    for (let i = 0; i < 5; i++) refusedUntil(limiter.acquire('acme', T0));
    release();
    granted(limiter.acquire('acme', T0))();
    refusedUntil(limiter.acquire('acme', T0));
  });
});
