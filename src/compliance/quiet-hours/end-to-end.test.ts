import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import pino from 'pino';
import { SqliteStore } from '../../store/sqlite-store.ts';
import { SqlJobQueue } from '../../queue/sql-queue.ts';
import { runJob } from '../../queue/job-run.ts';
import { Metrics } from '../../observability/metrics.ts';
import { AccountService } from '../../accounts/accounts.ts';
import { MessageTransitions } from '../../messages/transitions.ts';
import { DeliveryReportIngest } from '../../messages/delivery-reports.ts';
import { SendService } from '../../messages/send-service.ts';
import { MessageQueries } from '../../messages/query-service.ts';
import { SendPipeline } from '../../messages/send/runner.ts';
import { unlimited } from '../../messages/send/rate-limit.ts';
import { accepted, FakeClock, policy, ScriptedConnector } from '../../messages/send/send-test-kit.ts';
import { cleanup, tempDir } from '../../../test/helpers/harness.ts';
import { EndpointCache } from '../../webhooks/endpoint-cache.ts';
import { defaultProgramSettings, type ProgramSettings } from '../programs/index.ts';
import { Compliance } from '../compliance-check.ts';
import { defaultProgramId, ensureDefaultProgram } from '../programs/program-store.ts';

// Quiet hours and caps through the real send path: messages accepted by SendService, jobs claimed
// from the SQL queue and run by the pool's runJob, the composed compliance check (Compliance, as
// main.ts wires it), the account's default program with the settings under test
// stored as a programs row, a SQLite file, the clock injected and advanced.

const NEW_YORK = '+12125550100';
const HONOLULU = '+18085550100';

async function kit(t: { after(fn: () => Promise<void>): void }, settings: ProgramSettings, start: number) {
  const dir = tempDir();
  const store = await SqliteStore.open(join(dir, 'send.db'));
  const clock = new FakeClock(start);
  const log = pino({ level: 'silent' });
  const queue = new SqlJobQueue(store, clock);
  const transitions = new MessageTransitions();
  const reports = new DeliveryReportIngest(store, transitions, new Metrics(), clock, log);
  const connector = new ScriptedConnector('a', [accepted('c1')]);
  const compliance = new Compliance(store, { queue, endpoints: new EndpointCache(clock) });
  const pipeline = new SendPipeline(
    { picker: { candidates: () => [connector] }, limiter: unlimited, compliance, resolver: { resolve: async () => [] }, profileOf: () => 'us-600k', composer: null,
      fitter: { fit: async (_text, media, profile) => ({ media: [...media], parts: [], profile, budgetBytes: 0 }) } },
    { store, transitions, reports, metrics: new Metrics(), clock, log, policy, random: () => 0.5 },
  );
  const { account } = await new AccountService(store, clock).create('test');
  await store.write(async (tx) => {
    await ensureDefaultProgram(tx, account.id, start);
    await tx.updateTable('programs').set({ settings_json: JSON.stringify(settings) }).where('id', '=', defaultProgramId(account.id)).execute();
  });
  const send = new SendService(store, queue, transitions, clock);
  const queries = new MessageQueries(store);
  t.after(async () => {
    await store.close();
    cleanup(dir);
  });
  return {
    clock, connector, store, accountId: account.id,
    async accept(to: string, category: 'marketing' | 'transactional') {
      const { message } = await send.send({ accountId: account.id, to, from: '+14155550199', body: 'Flash sale! 50% off', category });
      return message.id;
    },
    /** Runs every job due now, as the worker pool would. */
    async drain(): Promise<number> {
      let ran = 0;
      for (;;) {
        const [job] = await queue.claim('w1', ['message.send'], 1, clock.now(), 60_000);
        if (!job || job.kind !== 'message.send') return ran;
        await runJob(job, pipeline, new AbortController(), { store, queue, clock, log }, { leaseMs: 60_000, maxCrashes: 3, crashBaseDelayMs: 1000, crashMaxDelayMs: 1000 });
        ran++;
      }
    },
    message: (id: string) => queries.get(account.id, id),
    async runAt(id: string): Promise<number | undefined> {
      const row = await store.db.selectFrom('jobs').select(['run_at', 'payload_json']).execute();
      return row.find((r) => r.payload_json.includes(id))?.run_at;
    },
  };
}

test('marketing outside the recipient\'s window is held with the reason on its timeline and goes out when the window opens; transactional goes at once', async (t) => {
  // 2026-01-16 02:00Z: 21:00 in New York (closed), the server's UTC clock says 02:00.
  const start = Date.parse('2026-01-16T02:00:00Z');
  const k = await kit(t, defaultProgramSettings(), start);
  const marketing = await k.accept(NEW_YORK, 'marketing');
  const transactional = await k.accept(NEW_YORK, 'transactional');
  await k.drain();

  assert.equal((await k.message(transactional)).status, 'sent', 'transactional is exempt');
  const held = await k.message(marketing);
  assert.notEqual(held.status, 'sent');
  assert.notEqual(held.status, 'failed', 'held, never dropped');
  const deferred = held.events.find((e) => e.type === 'deferred');
  assert.ok(deferred, 'the hold is on the timeline');
  assert.match(String(held.events.find((e) => e.type === 'compliance.held')?.data?.reason), /quiet hours/, 'and announced as compliance.held');
  assert.match(String(deferred.data?.reason), /quiet hours: sends 08:00–20:00 recipient local time; now America\/New_York 21:00/);
  assert.equal(deferred.data?.until, '2026-01-16T13:00:00.000Z');
  assert.equal(await k.runAt(marketing), Date.parse('2026-01-16T13:00:00Z'), 'its job waits for 08:00 New York time');
  assert.equal(k.connector.submitted.length, 1, 'only the transactional message went out');

  // A minute before the window opens nothing is due; at 08:00 local it goes.
  k.clock.t = Date.parse('2026-01-16T12:59:00Z');
  assert.equal(await k.drain(), 0);
  k.clock.t = Date.parse('2026-01-16T13:00:00Z');
  await k.drain();
  const sent = await k.message(marketing);
  assert.equal(sent.status, 'sent');
  assert.equal(k.connector.submitted.length, 2);
  assert.equal(k.connector.submitted[1]!.to, NEW_YORK);
});

test('the same instant is inside the window for one recipient and outside for another (recipient zone, not server zone)', async (t) => {
  // 16:00Z: 11:00 in New York, 06:00 in Honolulu.
  const k = await kit(t, defaultProgramSettings(), Date.parse('2026-07-01T16:00:00Z'));
  const ny = await k.accept(NEW_YORK, 'marketing');
  const hi = await k.accept(HONOLULU, 'marketing');
  await k.drain();
  assert.equal((await k.message(ny)).status, 'sent');
  assert.notEqual((await k.message(hi)).status, 'sent');
  assert.equal(await k.runAt(hi), Date.parse('2026-07-01T18:00:00Z'));
  k.clock.t = Date.parse('2026-07-01T18:00:00Z');
  await k.drain();
  assert.equal((await k.message(hi)).status, 'sent');
});

test('a contact\'s stored time zone is trusted over the number\'s (src/contacts)', async (t) => {
  // 16:00Z: 06:00 in Honolulu (closed), 11:00 in New York (open). The Honolulu number's contact lives in New York.
  const start = Date.parse('2026-07-01T16:00:00Z');
  const k = await kit(t, defaultProgramSettings(), start);
  const { ContactService } = await import('../../contacts/contact-service.ts');
  await new ContactService(k.store, k.clock).upsert(k.accountId, { phone: HONOLULU, timeZone: 'America/New_York' });
  const moved = await k.accept(HONOLULU, 'marketing');
  const other = await k.accept('+18085550101', 'marketing');
  await k.drain();
  assert.equal((await k.message(moved)).status, 'sent', 'the contact\'s zone (New York) is open');
  assert.notEqual((await k.message(other)).status, 'sent', 'a Honolulu number without a contact waits for 08:00 Honolulu');
});

test('a frequency cap holds the next marketing message until the oldest leaves the window, then sends it', async (t) => {
  const settings: ProgramSettings = { ...defaultProgramSettings(), frequencyCap: { max: 2, windowHours: 24, action: 'hold' } };
  const k = await kit(t, settings, Date.parse('2026-07-01T14:00:00Z'));
  const first = await k.accept(NEW_YORK, 'marketing');
  await k.drain();
  k.clock.advance(3_600_000);
  const second = await k.accept(NEW_YORK, 'marketing');
  const third = await k.accept(NEW_YORK, 'marketing');
  await k.drain();
  assert.deepEqual([(await k.message(first)).status, (await k.message(second)).status], ['sent', 'sent']);
  const held = await k.message(third);
  assert.notEqual(held.status, 'sent');
  assert.match(String(held.events.find((e) => e.type === 'deferred')?.data?.reason), /frequency cap \(program cap: 2 per 24 h\)/);
  assert.equal(await k.runAt(third), Date.parse('2026-07-02T14:00:00Z'), 'until the first is 24 h old');
  k.clock.t = Date.parse('2026-07-02T14:00:00Z');
  await k.drain();
  assert.equal((await k.message(third)).status, 'sent', 'inside the window at 10:00 New York time, and under the cap again');
});

test('a cap that fails: the message fails with PORM_FREQUENCY_CAP_EXCEEDED and is never submitted', async (t) => {
  const settings: ProgramSettings = { ...defaultProgramSettings(), frequencyCap: { max: 1, windowHours: 24, action: 'fail' } };
  const k = await kit(t, settings, Date.parse('2026-07-01T14:00:00Z'));
  await k.accept(NEW_YORK, 'marketing');
  await k.drain();
  const over = await k.accept(NEW_YORK, 'marketing');
  await k.drain();
  const m = await k.message(over);
  assert.equal(m.status, 'failed');
  assert.equal(m.errorCode, 'PORM_FREQUENCY_CAP_EXCEEDED');
  assert.equal(k.connector.submitted.length, 1);
});
