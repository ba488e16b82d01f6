import type { Db } from '../store/schema.ts';
import type { Job, JobKind } from './queue.ts';
import type { Settlement } from './outcome.ts';

/**
 * Runs one claimed job and says how it ended; it never touches the queue itself. The pool
 * settles the job (and runs the handler's final write) in one unit, checking the lease.
 */
export interface JobHandler<K extends JobKind = JobKind> {
  /** `signal` aborts when the pool shuts down or the job's lease was lost. */
  run(job: Job<K>, signal: AbortSignal): Promise<Settlement>;
  /**
   * The write made when the job is given up after crashing too often (for example: fail its
   * message with a code), inside the unit that removes the job.
   */
  abandon?(tx: Db, job: Job<K>, error: string): Promise<void>;
}

export type JobHandlers = { readonly [K in JobKind]?: JobHandler<K> };
