import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import { isLeaseLost, LeaseLostError, type Job, type JobKind, type JobQueue } from './queue.ts';
import { finalWriteOf, type JobOutcome } from './outcome.ts';
import type { JobHandler } from './job-handler.ts';
import { backoffDelay } from './backoff.ts';

export interface JobRunOptions {
  leaseMs: number;
  /** Runs that may crash (throw) before the job is given up. */
  maxCrashes: number;
  crashBaseDelayMs: number;
  crashMaxDelayMs: number;
}

export interface JobRunDeps {
  store: Store;
  queue: JobQueue;
  clock: Clock;
  log: Logger;
}

/**
 * One run of one claimed job. The handler runs with its lease renewed every third of the lease
 * time (`controller` aborts it: the pool on shutdown, or a renewal that finds the lease taken).
 * Its settlement is written in one unit with the settle, which the queue refuses (rolling the
 * unit back) if the lease is no longer ours. A throw counts as a crash: retried with backoff,
 * given up after `maxCrashes` with the handler's `abandon` write.
 */
export async function runJob<K extends JobKind>(job: Job<K>, handler: JobHandler<K>, controller: AbortController, deps: JobRunDeps, options: JobRunOptions): Promise<JobOutcome | 'lease-lost' | 'crashed'> {
  if (job.crashes >= options.maxCrashes) {
    // Its earlier runs died without settling (the process was killed in them): running it again
    // would only kill this process too.
    deps.log.error({ jobId: job.id, kind: job.kind, crashes: job.crashes }, 'job given up: its runs keep dying unsettled');
    await giveUpJob(job, handler, `given up after ${job.crashes} runs that never finished`, deps);
    return 'crashed';
  }
  const renewal = setInterval(() => void renew(), Math.max(1, Math.floor(options.leaseMs / 3)));
  renewal.unref();
  async function renew(): Promise<void> {
    try {
      if (!(await deps.queue.renew(job.lease, deps.clock.now(), options.leaseMs))) controller.abort(new LeaseLostError(job.lease));
    } catch (err) {
      deps.log.warn({ err, jobId: job.id }, 'renewing a job lease failed');
    }
  }
  try {
    const settlement = await handler.run(job, controller.signal);
    const final = finalWriteOf(settlement);
    return await deps.store.write(async (tx) => {
      const outcome = await final(tx);
      await deps.queue.settle(tx, job.lease, outcome);
      return outcome;
    });
  } catch (err) {
    if (isLeaseLost(err)) {
      deps.log.warn({ jobId: job.id, kind: job.kind, token: job.lease.token }, 'job lease lost: another worker holds it, this run is dropped');
      return 'lease-lost';
    }
    await crashed(job, handler, err, deps, options);
    return 'crashed';
  } finally {
    clearInterval(renewal);
  }
}

async function crashed<K extends JobKind>(job: Job<K>, handler: JobHandler<K>, err: unknown, deps: JobRunDeps, options: JobRunOptions): Promise<void> {
  const crashes = job.crashes + 1;
  const error = err instanceof Error ? err.message : String(err);
  const giveUp = crashes >= options.maxCrashes;
  const delay = backoffDelay(crashes, options.crashBaseDelayMs, options.crashMaxDelayMs);
  deps.log.error({ err, jobId: job.id, kind: job.kind, crashes, giveUp, ...(giveUp ? {} : { retryInMs: delay }) }, 'job handler crashed');
  if (giveUp) return giveUpJob(job, handler, error, deps);
  try {
    await deps.store.write((tx) => deps.queue.settleCrash(tx, job.lease, deps.clock.now() + delay, error));
  } catch (settleErr) {
    // Lease lost (someone else runs it now) or the database is failing: the lease expiring brings the job back.
    deps.log.error({ err: settleErr, jobId: job.id }, 'settling a crashed job failed');
  }
}

/** Fails the job for good, with its handler's `abandon` write (a message fails with a code). */
async function giveUpJob<K extends JobKind>(job: Job<K>, handler: JobHandler<K>, error: string, deps: JobRunDeps): Promise<void> {
  try {
    await deps.store.write(async (tx) => {
      await handler.abandon?.(tx, job, error);
      await deps.queue.settle(tx, job.lease, { type: 'fail', code: 'PORM_JOB_CRASHED', message: error });
    });
  } catch (settleErr) {
    deps.log.error({ err: settleErr, jobId: job.id }, 'giving up a crashed job failed');
  }
}
