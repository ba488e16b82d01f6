import type { ErrorCode } from '../../errors.ts';
import { backoffDelay } from '../../queue/backoff.ts';
import type { StepStop } from './step-outcome.ts';

export interface RetryPolicy {
  maxAttempts: number;
  /** How many times a carrier may throttle one message before porm gives up on it. */
  maxThrottles: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface AttemptCounts {
  /** The message's attempts, this one included. */
  attempts: number;
  /** Earlier carrier throttles of this message. */
  throttles: number;
  /** Earlier waits for porm's own rate limit. */
  rateLimited: number;
}

export type RetryDecision = { again: true; at: number } | { again: false; code: ErrorCode; message: string };

/**
 * Whether a transient failure or a throttle is tried again, and when. Throttles are a pace, not a
 * failure: they do not use up the attempts meant for errors and wait exactly as asked. Carrier
 * throttles have their own, larger allowance; porm's own rate limit has none (it only ever waits).
 * Nothing is retried past the message's validity period.
 */
export function decideRetry(
  stop: Extract<StepStop, { kind: 'retry' | 'throttle' }>, counts: AttemptCounts, policy: RetryPolicy,
  now: number, expiresAt: number | null, random: () => number = Math.random,
): RetryDecision {
  const paces = counts.throttles + counts.rateLimited + (stop.kind === 'throttle' ? 1 : 0);
  const failures = counts.attempts - paces;
  const at = stop.kind === 'throttle' ? stop.until : now + backoffDelay(failures, policy.baseDelayMs, policy.maxDelayMs, random);
  const outOfAttempts = stop.kind === 'retry'
    ? failures >= policy.maxAttempts
    : stop.source === 'carrier' && counts.throttles + 1 >= policy.maxThrottles;
  const pastValidity = expiresAt !== null && at >= expiresAt;
  if (!outOfAttempts && !pastValidity) return { again: true, at };
  const exhausted = stop.kind === 'retry' ? stop.exhaustedCode ?? 'PORM_CARRIER_UNAVAILABLE' : 'PORM_CARRIER_UNAVAILABLE';
  return { again: false, code: pastValidity && !outOfAttempts ? 'PORM_MESSAGE_EXPIRED' : exhausted, message: `${stop.reason} (after ${counts.attempts} attempts)` };
}
