// Test support (not a test): porm's services as main.ts composes them (openServices, with a fake
// clock), a SQLite file, and the send pipeline as the worker pool runs it (jobs claimed from the
// SQL queue, run by runJob: the final write and the lease-checked settle in one unit), against a
// scripted connector. Handset replies go through the real inbound unit (InboundService.receive,
// where the keyword handler runs). A webhook endpoint subscribed to everything lets a test count
// the webhooks queued in the outbox.
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { bootstrap, openServices } from '../../src/main.ts';
import type { Services } from '../../src/services.ts';
import { runJob } from '../../src/queue/job-run.ts';
import type { Job } from '../../src/queue/queue.ts';
import { Metrics } from '../../src/observability/metrics.ts';
import { DeliveryReportIngest } from '../../src/messages/delivery-reports.ts';
import { SendPipeline } from '../../src/messages/send/runner.ts';
import { unlimited } from '../../src/messages/send/rate-limit.ts';
import { accepted, FakeClock, policy, ScriptedConnector } from '../../src/messages/send/send-test-kit.ts';
import type { Message, MessageEvent } from '../../src/messages/model.ts';
import type { SettingsInput } from '../../src/compliance/programs/settings-validate.ts';
import { cleanup, tempDir } from '../helpers/harness.ts';

export const LEASE_MS = 60_000;
const RUN = { leaseMs: LEASE_MS, maxCrashes: 3, crashBaseDelayMs: 1000, crashMaxDelayMs: 1000 };

export interface Kit {
  services: Services;
  clock: FakeClock;
  connector: ScriptedConnector;
  pipeline: SendPipeline;
  accountId: string;
  /** A second account (for isolation tests). */
  otherAccountId: string;
  /** Registers a number to the account, in a new program with these settings (or the default program's). */
  number(number: string, settings?: SettingsInput, accountId?: string): Promise<string>;
  accept(to: string, from: string, category: 'marketing' | 'transactional', accountId?: string): Promise<string>;
  /** Runs every message.send job due now, as the worker pool would; returns how many ran. */
  drain(): Promise<number>;
  /** Claims the next due send job as `worker`, without running it. */
  claim(worker: string): Promise<Job<'message.send'> | undefined>;
  run(job: Job<'message.send'>): ReturnType<typeof runJob>;
  reply(from: string, to: string, text: string): Promise<void>;
  message(id: string, accountId?: string): Promise<Message & { events: MessageEvent[] }>;
  /** Webhooks queued about a message, by event type. */
  webhooks(messageId: string): Promise<string[]>;
  /** Messages porm sent to a recipient (bodies), oldest first. */
  bodiesTo(to: string): Promise<string[]>;
  runAt(id: string): Promise<number | undefined>;
}

export async function complianceKit(t: { after(fn: () => Promise<void>): void }, start: number, env: Record<string, string> = {}): Promise<Kit> {
  const dir = tempDir();
  const clock = new FakeClock(start);
  const config = loadConfig({ data: dir, port: 0 }, { PORM_LOG_LEVEL: 'silent', PORM_PUBLIC_URL: 'https://porm.example', ...env });
  const services = await openServices(config, { clock });
  const log = pino({ level: 'silent' });
  const accountId = (await bootstrap(services)).accountId;
  const otherAccountId = (await services.accounts.create('other')).account.id;
  for (const id of [accountId, otherAccountId]) await services.webhooks.create(id, { url: 'https://hooks.example/porm', events: ['*'] });
  const connector = new ScriptedConnector('a', [accepted('c1')]);
  const reports = new DeliveryReportIngest(services.store, services.transitions, new Metrics(), clock, log);
  const pipeline = new SendPipeline(
    { picker: { candidates: () => [connector] }, limiter: unlimited, compliance: services.compliance.check, resolver: { resolve: async () => [] }, profileOf: () => 'us-600k', composer: null,
      fitter: { fit: async (_text, media, profile) => ({ media: [...media], parts: [], profile, budgetBytes: 0 }) } },
    { store: services.store, transitions: services.transitions, reports, metrics: new Metrics(), clock, log, policy, random: () => 0.5 },
  );
  t.after(async () => {
    await services.store.close();
    cleanup(dir);
  });
  const deps = { store: services.store, queue: services.queue, clock, log };
  const claim = async (worker: string): Promise<Job<'message.send'> | undefined> => {
    const [job] = await services.queue.claim(worker, ['message.send'], 1, clock.now(), LEASE_MS);
    return job?.kind === 'message.send' ? job : undefined;
  };
  let programs = 0;
  return {
    services, clock, connector, pipeline, accountId, otherAccountId, claim,
    async number(number, settings, account = accountId) {
      await services.numbers.create(account, { number });
      if (settings === undefined) return '';
      const program = await services.compliance.programs.create(account, { name: `program ${++programs}`, settings });
      await services.store.write((tx) => tx.updateTable('numbers').set({ program_id: program.id }).where('account_id', '=', account).where('number', '=', number).execute());
      return program.id;
    },
    async accept(to, from, category, account = accountId) {
      const { message } = await services.send.send({ accountId: account, to, from, body: category === 'marketing' ? 'Flash sale! 50% off' : 'Your order shipped', category });
      return message.id;
    },
    async drain() {
      let ran = 0;
      for (let job = await claim('w1'); job; job = await claim('w1')) {
        await runJob(job, pipeline, new AbortController(), deps, RUN);
        ran++;
      }
      return ran;
    },
    run: (job) => runJob(job, pipeline, new AbortController(), deps, RUN),
    async reply(from, to, text) {
      await services.inbound.receive({ carrier: 'sandbox', from, to, subject: null, text, attachments: [], linkedId: null, dedupeKey: null });
    },
    message: (id, account = accountId) => services.messages.get(account, id),
    async webhooks(messageId) {
      const rows = await services.store.db.selectFrom('webhook_deliveries').select('event_type').where('subject_id', '=', messageId).orderBy('id').execute();
      return rows.map((r) => r.event_type);
    },
    async bodiesTo(to) {
      const rows = await services.store.db.selectFrom('messages').select(['body']).where('to_number', '=', to).where('status', '=', 'sent').orderBy('id').execute();
      return rows.map((r) => r.body);
    },
    async runAt(id) {
      const rows = await services.store.db.selectFrom('jobs').select(['run_at', 'payload_json']).where('kind', '=', 'message.send').execute();
      return rows.find((r) => r.payload_json.includes(id))?.run_at;
    },
  };
}
