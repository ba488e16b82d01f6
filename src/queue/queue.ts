import type { Db } from '../store/schema.ts';
import { PormError } from '../errors.ts';
import type { JobOutcome } from './outcome.ts';

/** What each kind of job carries. A new kind adds one line here and its handler. */
export interface JobPayloads {
  'message.send': { messageId: string };
  'webhook.deliver': { deliveryId: string };
  'campaign.fanout': { campaignId: string; epoch: number };
}

export type JobKind = keyof JobPayloads;

/**
 * Proof of one claim. `token` is the job's claim count at that claim: every claim increments it,
 * so a second claim of the same job (even by the same worker id) holds a different token and the
 * first claimant can no longer settle or renew.
 */
export interface Lease {
  readonly jobId: number;
  readonly workerId: string;
  readonly token: number;
}

/** A claimed job. Distributive over kinds, so `job.kind === 'message.send'` narrows the payload. */
export type Job<K extends JobKind = JobKind> = K extends JobKind ? {
  id: number;
  kind: K;
  payload: JobPayloads[K];
  /** How many times this job has been claimed, this claim included. */
  attempts: number;
  /** How many earlier runs of this job crashed (the handler threw). */
  crashes: number;
  runAt: number;
  lease: Lease;
} : never;

export type NewJob = { [K in JobKind]: { kind: K; payload: JobPayloads[K]; runAt: number } }[JobKind];

/** A settle or renewal by a worker that no longer holds the job's lease (code PORM_LEASE_LOST). */
export class LeaseLostError extends PormError {
  constructor(readonly lease: Lease) {
    super('PORM_LEASE_LOST', `job ${lease.jobId}: lease ${lease.token} of ${lease.workerId} is no longer held`);
    this.name = 'LeaseLostError';
  }
}

export function isLeaseLost(err: unknown): err is LeaseLostError {
  return err instanceof LeaseLostError;
}

/**
 * The durable job queue. Enqueueing happens inside the caller's write unit, so a job exists
 * exactly when the row it works on does. Claims are leases; settling checks the lease is still the
 * caller's, inside the caller's write unit, so the handler's final write commits only with it.
 */
export interface JobQueue {
  enqueue<K extends JobKind>(tx: Db, kind: K, payload: JobPayloads[K], runAt: number): Promise<void>;
  /** Many jobs in one statement per chunk (campaign fan-out). */
  enqueueMany(tx: Db, jobs: readonly NewJob[]): Promise<void>;
  /** Leases up to `limit` ready jobs; no two claimers ever get the same job. Its own write unit. */
  claim(workerId: string, kinds: readonly JobKind[], limit: number, now: number, leaseMs: number): Promise<Job[]>;
  /**
   * Completes or reschedules the job in `tx`. Throws LeaseLostError when the lease is no longer
   * held (so the caller's unit, and any write it made, rolls back).
   */
  settle(tx: Db, lease: Lease, outcome: JobOutcome): Promise<void>;
  /** A crashed run: back at `runAt` with its crash count raised. Throws LeaseLostError like settle. */
  settleCrash(tx: Db, lease: Lease, runAt: number, error: string): Promise<void>;
  /** Extends a held lease to now + leaseMs; false when it is no longer held. Its own write unit. */
  renew(lease: Lease, now: number, leaseMs: number): Promise<boolean>;
  /** renew inside the caller's unit, which then holds the job row: false (and nothing extended) when the lease is gone. */
  renewIn(tx: Db, lease: Lease, now: number, leaseMs: number): Promise<boolean>;
  /** Earliest run_at of unclaimed jobs, so an idle worker knows how long it may sleep. */
  nextRunAt(kinds: readonly JobKind[], now: number): Promise<number | undefined>;
  /** Jobs ready now and jobs waiting for later, for /metrics. */
  depth(now: number): Promise<{ ready: number; scheduled: number; running: number }>;
  /** Releases every lease held by workers other than `workerId` (embedded mode, after a crash). */
  releaseAllLeases(exceptWorkerId: string): Promise<number>;
  /** Wakes idle workers after a commit that enqueued work. */
  onEnqueue(listener: () => void): void;
}
