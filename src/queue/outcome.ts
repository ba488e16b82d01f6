import type { Db } from '../store/schema.ts';
import type { ErrorCode } from '../errors.ts';

/**
 * How a handler's run ended, which the worker pool turns into a queue change:
 * - `done`: the job is finished; it is removed.
 * - `retry`: a transient failure; run again at `at` (the handler chose it with backoff and jitter).
 * - `wait`: not a failure; run again exactly at `until` (a throttle, a scheduled time, quiet hours).
 * - `fail`: permanent; the job is removed and the failure logged (its subject records the code).
 */
export type JobOutcome =
  | { type: 'done' }
  | { type: 'retry'; at: number; error: string }
  | { type: 'wait'; until: number; reason: string }
  | { type: 'fail'; code: ErrorCode; message: string };

/**
 * A handler's final write, run by the pool inside the unit that settles the job: if the lease
 * was lost meanwhile, the write rolls back with the settle. It returns the outcome because the
 * outcome may depend on what the write reads (an attempt count, a status another writer set).
 */
export type FinalWrite = (tx: Db) => Promise<JobOutcome>;

/** What a handler returns: an outcome with nothing to write, or its final write. */
export type Settlement = JobOutcome | { final: FinalWrite };

export const done: JobOutcome = { type: 'done' };

export function finalWriteOf(settlement: Settlement): FinalWrite {
  return 'final' in settlement ? settlement.final : async () => settlement;
}
