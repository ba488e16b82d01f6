import type { SendRateLimiter } from './ports.ts';
import type { StepResult } from './step-outcome.ts';

/** A slot on a connector's pace, or a throttle until the limiter says one frees up. */
export function acquireSlot(limiter: SendRateLimiter, connector: string, now: number): StepResult<() => void> {
  const slot = limiter.acquire(connector, now);
  if (slot.ok) return { kind: 'continue', value: () => slot.release() };
  return { kind: 'throttle', until: Math.max(now, slot.retryAt), reason: `rate limit of ${connector}`, source: 'rate_limit' };
}

/** No pace at all (until the rate limiter lands, and in tests). */
export const unlimited: SendRateLimiter = {
  acquire: () => ({ ok: true, release: () => undefined }),
};
