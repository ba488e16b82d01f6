import type { Db } from '../store/schema.ts';

export type JobKind = 'message.send' | 'webhook.deliver';

export interface Job {
  id: number;
  kind: JobKind;
  payload: Record<string, unknown>;
  /** How many times this job has been claimed, this claim included. */
  attempts: number;
  runAt: number;
}

/**
 * The durable job queue. Enqueueing happens inside the caller's write unit, so a job exists
 * exactly when the row it works on does. Claims are leases: a job whose worker died is
 * claimed again once its lease runs out.
 */
export interface JobQueue {
  enqueue(tx: Db, kind: JobKind, payload: Record<string, unknown>, runAt: number): Promise<void>;
  claim(workerId: string, kinds: readonly JobKind[], limit: number, now: number, leaseMs: number): Promise<Job[]>;
  complete(tx: Db, jobId: number): Promise<void>;
  /** Puts the job back to run at `runAt`, releasing the lease. */
  reschedule(tx: Db, jobId: number, runAt: number, error: string | null): Promise<void>;
  /** Reschedules a job whose handler crashed, in a write unit of its own. */
  retryLater(jobId: number, runAt: number, error: string): Promise<void>;
  /** Earliest run_at of unclaimed jobs, so an idle worker knows how long it may sleep. */
  nextRunAt(kinds: readonly JobKind[], now: number): Promise<number | undefined>;
  /** Jobs ready now and jobs waiting for later, for /metrics. */
  depth(now: number): Promise<{ ready: number; scheduled: number; running: number }>;
  /** Releases every lease held by workers other than `workerId` (embedded mode, after a crash). */
  releaseAllLeases(exceptWorkerId: string): Promise<number>;
  /** Wakes idle workers after a commit that enqueued work. */
  onEnqueue(listener: () => void): void;
}
