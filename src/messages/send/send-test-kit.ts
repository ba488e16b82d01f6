// Test support for the send steps (not a test itself): a fake clock, a scripted connector, and a
// real SQLite store with the pipeline wired as the worker pool would run it.
import { join } from 'node:path';
import pino from 'pino';
import type { Carrier, Channel, OutboundMessage, SubmitResult } from '../../carriers/carrier.ts';
import type { Clock } from '../../clock.ts';
import { SqliteStore } from '../../store/sqlite-store.ts';
import { SqlJobQueue } from '../../queue/sql-queue.ts';
import { runJob } from '../../queue/job-run.ts';
import type { Job } from '../../queue/queue.ts';
import { Metrics } from '../../observability/metrics.ts';
import { AccountService } from '../../accounts/accounts.ts';
import { MessageTransitions } from '../transitions.ts';
import { DeliveryReportIngest } from '../delivery-reports.ts';
import { SendService } from '../send-service.ts';
import type { SendCommand } from '../commands.ts';
import { MessageQueries } from '../query-service.ts';
import { cleanup, tempDir } from '../../../test/helpers/harness.ts';
import { SendPipeline, type SendSteps } from './runner.ts';
import { allowAll } from './compliance.ts';
import { unlimited } from './rate-limit.ts';
import type { RetryPolicy } from './retry-decision.ts';

export class FakeClock implements Clock {
  constructor(public t = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export type Scripted = SubmitResult | Error | ((message: OutboundMessage, signal?: AbortSignal) => Promise<SubmitResult>);

/** A connector that answers from a script (the last answer repeats) and records what it was given. */
export class ScriptedConnector implements Carrier {
  readonly submitted: OutboundMessage[] = [];
  readonly type = 'scripted';
  readonly channels: readonly Channel[] = ['sms', 'mms'];
  constructor(readonly name: string, private readonly script: Scripted[]) {}
  async start(): Promise<void> {}
  async close(): Promise<void> {}
  async submit(message: OutboundMessage, signal?: AbortSignal): Promise<SubmitResult> {
    this.submitted.push(message);
    const next = this.script.length > 1 ? this.script.shift()! : this.script[0]!;
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next(message, signal) : next;
  }
}

export const accepted = (id: string): SubmitResult => ({ outcome: 'accepted', carrierMessageId: id, duplicate: false });
export const transient = (message = 'carrier busy'): SubmitResult => ({ outcome: 'transient', message });

export const policy: RetryPolicy = { maxAttempts: 3, maxThrottles: 3, baseDelayMs: 1000, maxDelayMs: 60_000 };

/** A real store and queue, messages accepted through SendService, jobs run by the pool's runJob. */
export async function sendKit(t: { after(fn: () => Promise<void>): void }, steps: Partial<SendSteps> & Pick<SendSteps, 'picker'>, maxCrashes = 3) {
  const dir = tempDir();
  const store = await SqliteStore.open(join(dir, 'send.db'));
  const clock = new FakeClock();
  const log = pino({ level: 'silent' });
  const queue = new SqlJobQueue(store, clock);
  const transitions = new MessageTransitions();
  const metrics = new Metrics();
  const reports = new DeliveryReportIngest(store, transitions, metrics, clock, log);
  const pipeline = new SendPipeline(
    { limiter: unlimited, compliance: allowAll, resolver: { resolve: async () => [] }, profileOf: () => 'us-600k', composer: null,
      fitter: { fit: async (_text, media, profile) => ({ media: [...media], parts: [], profile, budgetBytes: 0 }) }, ...steps },
    { store, transitions, reports, metrics, clock, log, policy, random: () => 0.5 },
  );
  const { account } = await new AccountService(store, clock).create('test');
  const send = new SendService(store, queue, transitions, clock);
  const queries = new MessageQueries(store);
  /** The controller of the next job run (tests abort it to play a shutdown). */
  const run = { controller: new AbortController() };
  t.after(async () => {
    await store.close();
    cleanup(dir);
  });
  return {
    store, queue, clock, pipeline, reports, run,
    async accept(input: { body?: string; validity_period?: number; send_at?: string } & Pick<SendCommand, 'media' | 'subject' | 'fallback' | 'channel'> = {}) {
      const { message } = await send.send({
        accountId: account.id, to: '+14155550100', from: '+14155550199', body: input.body ?? 'hello',
        ...(input.media !== undefined ? { media: input.media } : {}), ...(input.subject !== undefined ? { subject: input.subject } : {}),
        ...(input.fallback !== undefined ? { fallback: input.fallback } : {}), ...(input.channel !== undefined ? { channel: input.channel } : {}),
        ...(input.validity_period !== undefined ? { validityPeriod: input.validity_period } : {}), ...(input.send_at !== undefined ? { sendAt: input.send_at } : {}),
      });
      return message.id;
    },
    /** Claims the job due now (if any) and runs it as the worker pool does. */
    async step(worker = 'w1'): Promise<Job | undefined> {
      const [job] = await queue.claim(worker, ['message.send'], 1, clock.now(), 60_000);
      if (!job || job.kind !== 'message.send') return undefined;
      await runJob(job, pipeline, run.controller, { store, queue, clock, log }, { leaseMs: 60_000, maxCrashes, crashBaseDelayMs: 1000, crashMaxDelayMs: 1000 });
      return job;
    },
    message: (id: string) => queries.get(account.id, id),
    cancel: (id: string) => send.cancel({ accountId: account.id, messageId: id }),
    async jobs() {
      return store.db.selectFrom('jobs').selectAll().execute();
    },
  };
}
