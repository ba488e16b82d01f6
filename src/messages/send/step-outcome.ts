import type { ErrorCode } from '../../errors.ts';
import type { Db } from '../../store/schema.ts';
import type { Message } from '../model.ts';

/**
 * What a compliance stop (a hold or a block) writes when the job settles, in the unit the pool
 * commits only while this worker still holds the job's lease: a worker that lost its lease writes
 * none of it, so two workers never both announce one hold.
 */
export interface ComplianceSettle {
  /** A hold's end as it stands now, in the settling unit (a YES may have released it since the claim). */
  until?(tx: Db, planned: number, now: number): Promise<number>;
  /** The timeline entry and webhook (compliance.held, compliance.blocked), after the status move. */
  announce(tx: Db, message: Message, now: number): Promise<void>;
}

/**
 * How a send step ends when it does not simply continue:
 * - `defer`: not now, nothing wrong (scheduled later, quiet hours); the job waits until `until`. A
 *   compliance hold (`compliance` set) also moves the message to `scheduled` until it is released.
 * - `throttle`: a connector or porm's own rate limit asked to wait; waits exactly as asked and is
 *   not counted as an attempt (`source` says whose pace it was).
 * - `retry`: a transient failure; retried with backoff up to maxAttempts, then failed with `exhaustedCode`.
 * - `fail`: permanent, with a code.
 */
export type StepStop =
  | { kind: 'defer'; until: number; reason: string; compliance?: ComplianceSettle }
  | { kind: 'throttle'; until: number; reason: string; source: 'carrier' | 'rate_limit' }
  | { kind: 'retry'; reason: string; carrierCode?: string; exhaustedCode?: ErrorCode }
  | { kind: 'fail'; code: ErrorCode; message: string; carrierCode?: string; compliance?: ComplianceSettle };

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
