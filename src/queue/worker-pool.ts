import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { Job, JobKind, JobQueue } from './queue.ts';
import type { JobHandler, JobHandlers } from './job-handler.ts';
import { runJob, type JobRunOptions } from './job-run.ts';

export type { JobHandler, JobHandlers } from './job-handler.ts';

export interface WorkerPoolOptions {
  concurrency: number;
  pollIntervalMs: number;
  leaseMs: number;
  /** Crashed runs before a job is given up (default 5). */
  maxCrashes?: number;
  crashBaseDelayMs?: number;
  crashMaxDelayMs?: number;
}

/**
 * Claims jobs up to the concurrency limit, runs their handlers and settles what they return
 * (see job-run.ts). It sleeps until woken by an enqueue (in this process, or in another one whose
 * commit the queue's notifier announced), the next scheduled job is due, or the poll interval
 * passes (the safety net for a lost notification).
 */
export class WorkerPool {
  readonly workerId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private inFlight = 0;
  private running = false;
  private loopDone: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private woken = false;
  private readonly active = new Set<Promise<unknown>>();
  /** One per job in flight: aborted on shutdown (one controller each, not one shared signal with a listener per job). */
  private readonly controllers = new Set<AbortController>();
  private readonly runOptions: JobRunOptions;

  constructor(
    private readonly store: Store,
    private readonly queue: JobQueue,
    private readonly handlers: JobHandlers,
    private readonly options: WorkerPoolOptions,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    this.runOptions = {
      leaseMs: options.leaseMs, maxCrashes: options.maxCrashes ?? 5,
      crashBaseDelayMs: options.crashBaseDelayMs ?? 1000, crashMaxDelayMs: options.crashMaxDelayMs ?? 3_600_000,
    };
    queue.onEnqueue(() => this.poke());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Stops claiming, aborts the handlers in flight (their signal) and waits for them to settle. */
  async stop(): Promise<void> {
    this.running = false;
    for (const controller of this.controllers) controller.abort(new Error('worker pool shutting down'));
    this.poke();
    await this.loopDone;
    await Promise.allSettled([...this.active]);
  }

  private poke(): void {
    this.woken = true;
    this.wake?.();
  }

  private async loop(): Promise<void> {
    const kinds = (Object.keys(this.handlers) as JobKind[]).filter((kind) => this.handlers[kind] !== undefined);
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
    const handler = this.handlers[job.kind] as JobHandler<typeof job.kind> | undefined;
    if (!handler) return;
    this.inFlight++;
    const deps = { store: this.store, queue: this.queue, clock: this.clock, log: this.log };
    const controller = new AbortController();
    this.controllers.add(controller);
    const task = runJob(job, handler, controller, deps, this.runOptions)
      .catch((err: unknown) => this.log.error({ err, jobId: job.id }, 'job run failed'))
      .finally(() => {
        this.controllers.delete(controller);
        this.inFlight--;
        this.active.delete(task);
        this.poke();
      });
    this.active.add(task);
  }
}
