import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { backoffDelay } from './backoff.ts';

test('backoff grows exponentially, stays within [half, full] of the window, and is capped', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 0.9999, noNaN: true }), (attempt, r) => {
    const window = Math.min(60_000, 100 * 2 ** (attempt - 1));
    const delay = backoffDelay(attempt, 100, 60_000, () => r);
    return delay >= Math.floor(window / 2) && delay <= window;
  }));
  assert.equal(backoffDelay(1, 100, 60_000, () => 0), 50);
  assert.equal(backoffDelay(4, 100, 60_000, () => 0.9999999), 800);
  assert.equal(backoffDelay(30, 100, 60_000, () => 1), 60_000);
});

test('jitter spreads retries of the same attempt', () => {
  const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(5, 1000, 1e9)));
  assert.ok(delays.size > 10);
});
