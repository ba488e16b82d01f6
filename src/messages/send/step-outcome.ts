import type { ErrorCode } from '../../errors.ts';

/**
 * How a send step ends when it does not simply continue:
 * - `defer`: not now, nothing wrong (scheduled later, quiet hours); the job waits until `until`.
 * - `throttle`: a connector or porm's own rate limit asked to wait; waits exactly as asked and is
 *   not counted as an attempt (`source` says whose pace it was).
 * - `retry`: a transient failure; retried with backoff up to maxAttempts, then failed with `exhaustedCode`.
 * - `fail`: permanent, with a code.
 */
export type StepStop =
  | { kind: 'defer'; until: number; reason: string }
  | { kind: 'throttle'; until: number; reason: string; source: 'carrier' | 'rate_limit' }
  | { kind: 'retry'; reason: string; carrierCode?: string; exhaustedCode?: ErrorCode }
  | { kind: 'fail'; code: ErrorCode; message: string; carrierCode?: string };

/** The stops a claim-time step (expiry, schedule, route, compliance) can make. */
export type ClaimStop = Extract<StepStop, { kind: 'defer' | 'fail' }>;

/** A step's result: go on with a value, or stop. */
export type StepResult<T> = { kind: 'continue'; value: T } | StepStop;

export function proceed<T>(value: T): StepResult<T> {
  return { kind: 'continue', value };
}

export function isStop<T>(result: StepResult<T>): result is StepStop {
  return result.kind !== 'continue';
}
