import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accepted, ScriptedConnector, sendKit, transient } from './send-test-kit.ts';
import type { RoutePicker } from './ports.ts';
import type { Carrier } from '../../carriers/carrier.ts';
import { runJob } from '../../queue/job-run.ts';
import pino from 'pino';

const mmsOnly = (...carriers: Carrier[]): RoutePicker => ({ candidates: (r) => (r.channel === 'mms' ? carriers : []) });
const types = (m: { events: Array<{ type: string }> }) => m.events.map((e) => e.type);

test('a text message goes out as MMS when no SMS route exists, noted on its sending event; two write units, then sent', async (t) => {
  const a = new ScriptedConnector('a', [accepted('c1')]);
  const kit = await sendKit(t, { picker: mmsOnly(a) });
  const id = await kit.accept();
  await kit.step();
  const m = await kit.message(id);
  assert.equal(m.status, 'sent');
  assert.equal(m.carrier, 'a');
  assert.deepEqual(types(m), ['accepted', 'queued', 'sending', 'sent']);
  assert.deepEqual(m.events[2]!.data, { attempt: 1, carrier: 'a', channel: 'mms', channel_fallback_from: 'sms' });
  assert.equal(a.submitted[0]!.channel, 'mms');
  assert.deepEqual(await kit.jobs(), []);
});

test('no route fails the message with PORM_NO_ROUTE', async (t) => {
  const kit = await sendKit(t, { picker: { candidates: () => [] } });
  const id = await kit.accept();
  await kit.step();
  const m = await kit.message(id);
  assert.deepEqual([m.status, m.errorCode], ['failed', 'PORM_NO_ROUTE']);
  assert.deepEqual(await kit.jobs(), []);
});

test('transient errors retry with backoff up to maxAttempts, then fail with the exhausted code', async (t) => {
  const a = new ScriptedConnector('a', [transient()]);
  const kit = await sendKit(t, { picker: mmsOnly(a) });
  const id = await kit.accept();
  const start = kit.clock.now();
  await kit.step();
  // backoff with fixed jitter 0.5: 1000 ms window → 750 ms.
  assert.equal((await kit.jobs())[0]!.run_at, start + 750);
  assert.equal(await kit.step(), undefined, 'not due yet');
  kit.clock.advance(750);
  await kit.step();
  kit.clock.advance(60_000);
  await kit.step();
  const m = await kit.message(id);
  assert.deepEqual([m.status, m.errorCode, m.attempts], ['failed', 'PORM_CARRIER_UNAVAILABLE', 3]);
  assert.deepEqual(types(m), ['accepted', 'queued', 'sending', 'retry_scheduled', 'sending', 'retry_scheduled', 'sending', 'failed']);
  assert.equal(a.submitted.length, 3);
});

test('carrier throttles wait exactly as asked and do not use up attempts; rate-limit waits neither', async (t) => {
  const a = new ScriptedConnector('a', [{ outcome: 'throttled', retryAfterMs: 5000, message: 'slow down' }, transient(), transient(), accepted('c1')]);
  let denied = 0;
  const kit = await sendKit(t, {
    picker: mmsOnly(a),
    limiter: { acquire: (_c, now) => (denied++ < 2 ? { ok: false, retryAt: now + 2000 } : { ok: true, release: () => undefined }) },
  });
  const id = await kit.accept();
  for (let i = 0; i < 2; i++) {
    const before = kit.clock.now();
    await kit.step();
    assert.equal((await kit.jobs())[0]!.run_at, before + 2000, 'a rate limit waits until the slot frees up');
    const waiting = await kit.message(id);
    assert.deepEqual([waiting.status, waiting.attempts, types(waiting)], ['queued', 0, ['accepted', 'queued']], 'and writes nothing while it waits: no status round trip, no webhooks, no attempt');
    kit.clock.advance(2000);
  }
  const before = kit.clock.now();
  await kit.step();
  assert.equal((await kit.jobs())[0]!.run_at, before + 5000);
  kit.clock.advance(5000);
  for (let i = 0; i < 3; i++) {
    await kit.step();
    kit.clock.advance(60_000);
  }
  const m = await kit.message(id);
  assert.equal(m.status, 'sent', 'three errors allowed, the waits not counted');
  assert.deepEqual(types(m).filter((x) => x !== 'sending'), ['accepted', 'queued', 'throttled', 'retry_scheduled', 'retry_scheduled', 'sent']);
});

test('the validity period: no retry past it, and a message claimed after it is failed unsent', async (t) => {
  const a = new ScriptedConnector('a', [transient()]);
  const kit = await sendKit(t, { picker: mmsOnly(a) });
  const late = await kit.accept({ validity_period: 10 });
  await kit.step();
  kit.clock.advance(5000);
  await kit.step();
  kit.clock.advance(60_000);
  await kit.step();
  const m = await kit.message(late);
  assert.deepEqual([m.status, m.errorCode], ['failed', 'PORM_MESSAGE_EXPIRED']);
  const submits = a.submitted.length;
  const never = await kit.accept({ validity_period: 10 });
  kit.clock.advance(11_000);
  await kit.step();
  assert.deepEqual([(await kit.message(never)).status, (await kit.message(never)).errorCode], ['failed', 'PORM_MESSAGE_EXPIRED']);
  assert.equal(a.submitted.length, submits, 'never handed to the carrier');
});

test('failover: a connector error moves on to the next candidate within the attempt, which is recorded', async (t) => {
  const a = new ScriptedConnector('a', [new Error('ECONNREFUSED')]);
  const b = new ScriptedConnector('b', [accepted('b1')]);
  const kit = await sendKit(t, { picker: mmsOnly(a, b) });
  const id = await kit.accept();
  await kit.step();
  const m = await kit.message(id);
  assert.deepEqual([m.status, m.carrier, m.carrierMessageId, m.attempts], ['sent', 'b', 'b1', 1]);
  assert.deepEqual(types(m), ['accepted', 'queued', 'sending', 'failover', 'sent']);
  assert.deepEqual([a.submitted.length, b.submitted.length], [1, 1]);
});

test('failover and a crash: the resumed job goes back to the connector that had the message, not the first', async (t) => {
  const a = new ScriptedConnector('a', [transient('timeout')]);
  const b = new ScriptedConnector('b', [accepted('b1'), { outcome: 'accepted', carrierMessageId: 'b1', duplicate: true }]);
  const kit = await sendKit(t, { picker: mmsOnly(a, b) });
  const id = await kit.accept();
  // The worker dies after B accepted and before anything was recorded: its settlement is lost.
  const [job] = await kit.queue.claim('dead', ['message.send'], 1, kit.clock.now(), 60_000);
  assert.ok(job && job.kind === 'message.send');
  await kit.pipeline.run(job, new AbortController().signal);
  kit.clock.advance(61_000);
  await kit.step('w2');
  const m = await kit.message(id);
  assert.deepEqual([m.status, m.carrier, m.carrierMessageId], ['sent', 'b', 'b1']);
  assert.deepEqual([a.submitted.length, b.submitted.length], [1, 2], 'A was not given the message again');
  assert.ok(types(m).includes('resumed'));
  assert.equal(m.events.at(-1)!.data!.carrier_duplicate, true);
});

test('a deferral (compliance quiet hours) waits until the given time, then sends', async (t) => {
  const a = new ScriptedConnector('a', [accepted('c1')]);
  let quiet = true;
  const kit = await sendKit(t, {
    picker: mmsOnly(a),
    compliance: { check: async (_tx, r) => (quiet ? { kind: 'defer', until: r.now + 3_600_000, reason: 'quiet hours' } : undefined) },
  });
  const id = await kit.accept();
  const start = kit.clock.now();
  await kit.step();
  assert.equal((await kit.message(id)).status, 'queued');
  assert.equal((await kit.jobs())[0]!.run_at, start + 3_600_000);
  quiet = false;
  kit.clock.advance(3_600_000);
  await kit.step();
  const m = await kit.message(id);
  assert.equal(m.status, 'sent');
  assert.deepEqual(types(m), ['accepted', 'queued', 'deferred', 'sending', 'sent']);
});

test('a stale worker whose lease was taken mid-submit records nothing; the new holder resumes and finishes', async (t) => {
  let stolen: Awaited<ReturnType<typeof kit.queue.claim>> = [];
  const a = new ScriptedConnector('a', [async () => {
    kit.clock.advance(61_000);
    stolen = await kit.queue.claim('w2', ['message.send'], 1, kit.clock.now(), 60_000);
    return accepted('c1');
  }, accepted('c1')]);
  const kit = await sendKit(t, { picker: mmsOnly(a) });
  const id = await kit.accept();
  await kit.step('w1');
  assert.equal((await kit.message(id)).status, 'sending', 'the stale `sent` rolled back with the refused settle');
  const [job] = stolen;
  assert.ok(job && job.kind === 'message.send');
  await runJob(job, kit.pipeline, new AbortController(), { store: kit.store, queue: kit.queue, clock: kit.clock, log: pino({ level: 'silent' }) }, { leaseMs: 60_000, maxCrashes: 3, crashBaseDelayMs: 1, crashMaxDelayMs: 1 });
  const m = await kit.message(id);
  assert.deepEqual(types(m), ['accepted', 'queued', 'sending', 'resumed', 'sent']);
  assert.deepEqual(await kit.jobs(), []);
});

test('a send that keeps crashing fails its message with PORM_SEND_CRASHED after the crash bound', async (t) => {
  const a = new ScriptedConnector('a', [accepted('c1')]);
  const kit = await sendKit(t, { picker: mmsOnly(a), fitter: { fit: async () => { throw new TypeError('bug in fitting'); } } }, 3);
  const id = await kit.accept();
  for (let i = 0; i < 3; i++) {
    await kit.step();
    kit.clock.advance(1000);
  }
  const m = await kit.message(id);
  assert.deepEqual([m.status, m.errorCode], ['failed', 'PORM_SEND_CRASHED']);
  assert.deepEqual(await kit.jobs(), []);
  assert.equal(a.submitted.length, 0);
});

test('a delivery report that overtakes the submit is applied once `sent` is recorded', async (t) => {
  const a = new ScriptedConnector('a', [async () => {
    await kit.reports.ingest({ carrier: 'a', carrierMessageId: 'c1', outcome: 'delivered', at: kit.clock.now() });
    return accepted('c1');
  }]);
  const kit = await sendKit(t, { picker: mmsOnly(a) });
  const id = await kit.accept();
  await kit.step();
  assert.deepEqual(types(await kit.message(id)), ['accepted', 'queued', 'sending', 'sent', 'delivered']);
});

test('shutdown mid-submit leaves the message sending and releases the job, to be resumed', async (t) => {
  const a = new ScriptedConnector('a', [async (_m, signal) => {
    kit.run.controller.abort();
    if (signal?.aborted) throw new Error('aborted');
    return accepted('c1');
  }, accepted('c1')]);
  const kit = await sendKit(t, { picker: mmsOnly(a) });
  const id = await kit.accept();
  await kit.step();
  assert.equal((await kit.message(id)).status, 'sending');
  assert.equal((await kit.jobs())[0]!.locked_by, null);
});
