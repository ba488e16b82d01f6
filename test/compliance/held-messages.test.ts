// A marketing message held by quiet hours or a frequency cap shows as `scheduled`, with the reason
// on its timeline and one compliance.held webhook, and goes back through `queued` and `sending`
// when it is released; the hold is written in the lease-checked unit that settles the job, so a
// worker that lost its job writes none of it. Through porm's composed services with a fake clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finalWriteOf } from '../../src/queue/outcome.ts';
import { isLeaseLost } from '../../src/queue/queue.ts';
import { complianceKit, LEASE_MS } from './compliance-kit.ts';

const NEW_YORK = '+12125550100';
const FROM = '+14155550199';
const types = (m: { events: Array<{ type: string }> }): string[] => m.events.map((e) => e.type);

test('quiet hours: held as scheduled (reason, compliance.held once), released to queued → sending → sent when the window opens', async (t) => {
  // 02:00Z on 2026-01-16 is 21:00 in New York: outside 08:00–20:00.
  const k = await complianceKit(t, Date.parse('2026-01-16T02:00:00Z'));
  await k.number(FROM);
  const id = await k.accept(NEW_YORK, FROM, 'marketing');
  assert.equal((await k.message(id)).status, 'queued', 'accepted as usual');
  await k.drain();

  const held = await k.message(id);
  assert.equal(held.status, 'scheduled');
  const deferred = held.events.find((e) => e.type === 'deferred');
  assert.equal(deferred?.status, 'scheduled', 'the hold is the status change itself');
  assert.match(String(deferred?.data?.reason), /^quiet hours: .*America\/New_York 21:00/);
  assert.equal(deferred?.data?.until, '2026-01-16T13:00:00.000Z');
  assert.equal(held.events.filter((e) => e.type === 'compliance.held').length, 1);
  const hooks = await k.webhooks(id);
  assert.equal(hooks.filter((h) => h === 'compliance.held').length, 1, hooks.join());
  assert.ok(hooks.includes('message.scheduled'), hooks.join());
  assert.equal(k.connector.submitted.length, 0);

  k.clock.t = Date.parse('2026-01-16T12:59:59Z');
  assert.equal(await k.drain(), 0, 'nothing due before the window opens');
  k.clock.t = Date.parse('2026-01-16T13:00:00Z');
  await k.drain();
  const sent = await k.message(id);
  assert.equal(sent.status, 'sent');
  assert.deepEqual(types(sent), ['accepted', 'queued', 'deferred', 'compliance.held', 'queued', 'sending', 'sent']);
  assert.deepEqual(sent.events.map((e) => e.status).filter((s) => s !== null), ['accepted', 'queued', 'scheduled', 'queued', 'sending', 'sent']);
  assert.equal(k.connector.submitted.length, 1);
});

test('a frequency cap (hold): the over-cap message is scheduled until the oldest leaves the window, then sent', async (t) => {
  const k = await complianceKit(t, Date.parse('2026-07-01T14:00:00Z'));
  await k.number(FROM, { frequency_cap: { max: 1, window_hours: 24, action: 'hold' } });
  const first = await k.accept(NEW_YORK, FROM, 'marketing');
  await k.drain();
  k.clock.advance(3_600_000);
  const second = await k.accept(NEW_YORK, FROM, 'marketing');
  const receipt = await k.accept(NEW_YORK, FROM, 'transactional');
  await k.drain();
  assert.equal((await k.message(first)).status, 'sent');
  assert.equal((await k.message(receipt)).status, 'sent', 'transactional is never capped');
  const held = await k.message(second);
  assert.equal(held.status, 'scheduled');
  assert.match(String(held.events.find((e) => e.type === 'deferred')?.data?.reason), /frequency cap \(program cap: 1 per 24 h\)/);
  assert.deepEqual((await k.webhooks(second)).filter((h) => h.startsWith('compliance.')), ['compliance.held']);
  assert.equal(await k.runAt(second), Date.parse('2026-07-02T14:00:00Z'));

  // A cancel still works on a held message (scheduled is cancelable).
  const third = await k.accept(NEW_YORK, FROM, 'marketing');
  await k.drain();
  assert.equal((await k.message(third)).status, 'scheduled');
  await k.services.send.cancel({ accountId: k.accountId, messageId: third });
  assert.equal((await k.message(third)).status, 'canceled');

  k.clock.t = Date.parse('2026-07-02T14:00:00Z');
  await k.drain();
  assert.equal((await k.message(second)).status, 'sent');
  assert.equal((await k.message(third)).status, 'canceled', 'never sent');
  assert.equal(k.connector.submitted.length, 3);
});

test('lease-checked: a worker that lost the job before settling writes no hold; the one holding it writes one', async (t) => {
  const k = await complianceKit(t, Date.parse('2026-01-16T02:00:00Z'));
  await k.number(FROM);
  const id = await k.accept(NEW_YORK, FROM, 'marketing');
  const slow = await k.claim('w-slow');
  assert.ok(slow);
  // w-slow runs its claim, then stalls past its lease; w-fast claims the job meanwhile.
  const stalled = finalWriteOf(await k.pipeline.run(slow, new AbortController().signal));
  assert.equal((await k.message(id)).status, 'queued', 'the claim itself writes nothing for a hold');
  k.clock.advance(LEASE_MS + 1);
  const fast = await k.claim('w-fast');
  assert.ok(fast, 'the expired lease lets another worker claim the job');
  // w-slow wakes up and settles: the queue refuses its lease, and its hold rolls back with it.
  await assert.rejects(k.services.store.write(async (tx) => k.services.queue.settle(tx, slow.lease, await stalled(tx))), (err: unknown) => isLeaseLost(err));
  const untouched = await k.message(id);
  assert.equal(untouched.status, 'queued');
  assert.deepEqual(types(untouched), ['accepted', 'queued']);
  assert.deepEqual((await k.webhooks(id)).filter((h) => h.startsWith('compliance.') || h === 'message.scheduled'), []);

  await k.run(fast);
  const held = await k.message(id);
  assert.equal(held.status, 'scheduled');
  assert.deepEqual(types(held), ['accepted', 'queued', 'deferred', 'compliance.held']);
  assert.deepEqual((await k.webhooks(id)).filter((h) => h.startsWith('compliance.')), ['compliance.held']);
});

test('released at the right instant through the send path: New York across spring-forward, Phoenix (no DST), +1 907 (Adak and Anchorage)', async (t) => {
  // 2026-03-08 06:00Z is 01:00 EST; clocks jump at 07:00Z; 08:00 EDT is 12:00Z (13:00Z before the change).
  const k = await complianceKit(t, Date.parse('2026-03-08T06:00:00Z'));
  await k.number(FROM);
  const ny = await k.accept(NEW_YORK, FROM, 'marketing');
  await k.drain();
  assert.equal((await k.message(ny)).status, 'scheduled');
  assert.equal(await k.runAt(ny), Date.parse('2026-03-08T12:00:00Z'));

  // Phoenix keeps UTC−7 in July: 14:00Z is 07:00 there (10:00 in New York), open at 15:00Z.
  // +1 907 spans America/Adak (UTC−9 in July) and America/Anchorage (UTC−8): 08:00 in both from 17:00Z.
  k.clock.t = Date.parse('2026-07-01T14:00:00Z');
  const phoenix = await k.accept('+16235550100', FROM, 'marketing');
  const alaska = await k.accept('+19075550100', FROM, 'marketing');
  await k.drain();
  assert.equal((await k.message(ny)).status, 'sent', 'long due by July');
  assert.equal(await k.runAt(phoenix), Date.parse('2026-07-01T15:00:00Z'));
  assert.equal(await k.runAt(alaska), Date.parse('2026-07-01T17:00:00Z'));

  k.clock.t = Date.parse('2026-07-01T16:30:00Z');
  await k.drain();
  assert.equal((await k.message(phoenix)).status, 'sent');
  assert.equal((await k.message(alaska)).status, 'scheduled', '08:30 in Anchorage, still 07:30 in Adak');
  k.clock.t = Date.parse('2026-07-01T17:00:00Z');
  await k.drain();
  assert.equal((await k.message(alaska)).status, 'sent');
});

test('canceled between the claim and the settle: no hold is written and the job ends', async (t) => {
  const k = await complianceKit(t, Date.parse('2026-01-16T02:00:00Z'));
  await k.number(FROM);
  const id = await k.accept(NEW_YORK, FROM, 'marketing');
  const job = await k.claim('w1');
  assert.ok(job);
  const settle = finalWriteOf(await k.pipeline.run(job, new AbortController().signal));
  await k.services.send.cancel({ accountId: k.accountId, messageId: id });
  const outcome = await k.services.store.write(async (tx) => {
    const o = await settle(tx);
    await k.services.queue.settle(tx, job.lease, o);
    return o;
  });
  assert.equal(outcome.type, 'done');
  const canceled = await k.message(id);
  assert.equal(canceled.status, 'canceled');
  assert.ok(!canceled.events.some((e) => e.type === 'compliance.held' || e.type === 'deferred'));
  assert.equal(await k.runAt(id), undefined, 'no job left');
});
