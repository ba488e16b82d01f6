import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Job, JobKind, JobQueue } from './queue.ts';
import { backoffDelay } from './backoff.ts';

/** Handles one claimed job. It must complete or reschedule the job itself, in its own write unit. */
export type JobHandler = (job: Job) => Promise<void>;

export interface WorkerPoolOptions {
  concurrency: number;
  pollIntervalMs: number;
  leaseMs: number;
}

/**
 * Claims jobs up to the concurrency limit and runs their handlers. It sleeps until woken by an
 * enqueue in this process, the next scheduled job is due, or the poll interval passes (work
 * enqueued by other processes, such as the CLI, is found by polling).
 */
export class WorkerPool {
  readonly workerId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private inFlight = 0;
  private running = false;
  private loopDone: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private woken = false;
  private readonly active = new Set<Promise<void>>();

  constructor(
    private readonly queue: JobQueue,
    private readonly handlers: ReadonlyMap<JobKind, JobHandler>,
    private readonly options: WorkerPoolOptions,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    queue.onEnqueue(() => this.poke());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Stops claiming, then waits for the jobs in flight to finish. */
  async stop(): Promise<void> {
    this.running = false;
    this.poke();
    await this.loopDone;
    await Promise.allSettled([...this.active]);
  }

  private poke(): void {
    this.woken = true;
    this.wake?.();
  }

  private async loop(): Promise<void> {
    const kinds = [...this.handlers.keys()];
    while (this.running) {
      this.woken = false;
      const free = this.options.concurrency - this.inFlight;
      let claimed: Job[] = [];
      if (free > 0) {
        try {
          claimed = await this.queue.claim(this.workerId, kinds, free, this.clock.now(), this.options.leaseMs);
        } catch (err) {
          this.log.error({ err }, 'claiming jobs failed');
        }
      }
      for (const job of claimed) this.run(job);
      if (claimed.length > 0 && claimed.length === free) continue;
      if (this.woken) continue;
      await this.sleep(await this.sleepMs(kinds, free));
    }
  }

  private async sleepMs(kinds: JobKind[], free: number): Promise<number> {
    if (free <= 0) return this.options.pollIntervalMs;
    try {
      const next = await this.queue.nextRunAt(kinds, this.clock.now());
      if (next !== undefined) return Math.max(0, Math.min(this.options.pollIntervalMs, next - this.clock.now()));
    } catch (err) {
      this.log.error({ err }, 'reading the queue failed');
    }
    return this.options.pollIntervalMs;
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }

  private run(job: Job): void {
    const handler = this.handlers.get(job.kind);
    if (!handler) return;
    this.inFlight++;
    const task = handler(job)
      .catch(async (err: unknown) => {
        // The handler crashed before settling its job (a bug or a database error). Run it again
        // later with backoff; if even that write fails, the lease expiring brings it back.
        const delay = backoffDelay(job.attempts, 1000, 3_600_000);
        this.log.error({ err, jobId: job.id, kind: job.kind, attempts: job.attempts, retryInMs: delay }, 'job handler failed');
        await this.queue.retryLater(job.id, this.clock.now() + delay, (err as Error).message ?? String(err)).catch(() => undefined);
      })
      .finally(() => {
        this.inFlight--;
        this.active.delete(task);
        this.poke();
      });
    this.active.add(task);
  }
}
