import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageTransitions } from '../src/messages/transitions.ts';
import { CARRIER, carrierIdOf, eventsOf, fixedClock, ingestFor, pendingCount, queuedMessage, recordSent, report, rowOf, sendingMessage, sentMessage, tempDatabase } from '../src/messages/testing/fixture.ts';
import type { Db } from '../src/store/schema.ts';

// Several writers on one real SQLite file: two Store instances, each with its own connections
// and group committer, as two porm processes would have. Their units are started together and
// may commit in either order; each test starts half of the races from each side.

const NOW = fixedClock().now();
const transitions = new MessageTransitions();
const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `m${i}`);

/** Every message's events are numbered 1..n with no gap and no repeat. */
async function assertContiguous(db: Db, id: string): Promise<void> {
  const seqs = (await eventsOf(db, id)).map((e) => e.seq);
  assert.deepEqual(seqs, seqs.map((_, i) => i + 1), `${id}: ${seqs.join(',')}`);
}

test('a delivery report racing the `sent` unit on another connection is applied exactly once, in either order', async () => {
  const files = tempDatabase();
  try {
    const [a, b] = [await files.open(), await files.open()];
    const [reportsA, reportsB] = [ingestFor(a, transitions, fixedClock()), ingestFor(b, transitions, fixedClock())];
    const all = ids(30);
    for (const id of all) await sendingMessage(a, transitions, id, NOW);
    await Promise.all(all.map((id, i) => {
      const sent = () => recordSent(a, transitions, reportsA, id, carrierIdOf(id), NOW);
      const delivered = () => reportsB.ingest(report(id, 'delivered', NOW));
      return i % 2 === 0 ? Promise.all([sent(), delivered()]) : Promise.all([delivered(), sent()]);
    }));
    for (const id of all) {
      assert.equal((await rowOf(b.db, id)).status, 'delivered', id);
      const types = (await eventsOf(b.db, id)).map((e) => e.type);
      assert.deepEqual(types.slice(3), ['sent', 'delivered'], id);
      await assertContiguous(b.db, id);
    }
    assert.equal(await pendingCount(a.db), 0);
  } finally {
    await files.dispose();
  }
});

test('two reports for one message from two connections: one decides, the other is a late note', async () => {
  const files = tempDatabase();
  try {
    const [a, b] = [await files.open(), await files.open()];
    const [reportsA, reportsB] = [ingestFor(a, transitions, fixedClock()), ingestFor(b, transitions, fixedClock())];
    const all = ids(20);
    for (const id of all) await sentMessage(a, transitions, reportsA, id, NOW);
    await Promise.all(all.map((id, i) => {
      const fromA = () => reportsA.ingest(report(id, 'delivered', NOW));
      const fromB = () => reportsB.ingest(report(id, 'undelivered', NOW));
      return i % 2 === 0 ? Promise.all([fromA(), fromB()]) : Promise.all([fromB(), fromA()]);
    }));
    for (const id of all) {
      const row = await rowOf(a.db, id);
      const events = await eventsOf(a.db, id);
      const finals = events.filter((e) => e.status === 'delivered' || e.status === 'undelivered');
      assert.equal(finals.length, 1, id);
      assert.equal(finals[0]!.status, row.status);
      assert.deepEqual(events.slice(-2).map((e) => e.type), [row.status, 'late_report'], id);
      await assertContiguous(a.db, id);
    }
  } finally {
    await files.dispose();
  }
});

test('events noted on one message from two connections at once never share a sequence number', async () => {
  const files = tempDatabase();
  try {
    const [a, b] = [await files.open(), await files.open()];
    const [reportsA, reportsB] = [ingestFor(a, transitions, fixedClock()), ingestFor(b, transitions, fixedClock())];
    await sentMessage(a, transitions, reportsA, 'm1', NOW);
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? reportsA : reportsB).readReport(CARRIER, carrierIdOf('m1'), 'read', NOW + i)));
    const events = await eventsOf(a.db, 'm1');
    assert.equal(events.filter((e) => e.type === 'read_report').length, 40);
    assert.equal((await rowOf(a.db, 'm1')).event_seq, events.length);
    await assertContiguous(a.db, 'm1');
  } finally {
    await files.dispose();
  }
});

test('a cancel and a worker racing for one queued message from two connections: exactly one wins', async () => {
  const files = tempDatabase();
  try {
    const [a, b] = [await files.open(), await files.open()];
    const all = ids(20);
    for (const id of all) await queuedMessage(a, id, NOW);
    const results = await Promise.all(all.map((id, i) => {
      const cancel = () => a.write((tx) => transitions.move(tx, id, 'canceled', { data: { by: 'api' } }, NOW));
      const claim = () => b.write((tx) => transitions.move(tx, id, 'sending', { carrier: CARRIER, incrementAttempts: true }, NOW));
      return i % 2 === 0 ? Promise.all([cancel(), claim()]) : Promise.all([claim(), cancel()]).then(([s, c]) => [c, s] as const);
    }));
    for (const [i, [canceled, sending]] of results.entries()) {
      const id = all[i]!;
      assert.ok((canceled === undefined) !== (sending === undefined), `${id}: exactly one move won`);
      const row = await rowOf(a.db, id);
      assert.equal(row.status, canceled ? 'canceled' : 'sending');
      assert.deepEqual((await eventsOf(a.db, id)).map((e) => e.type), ['accepted', 'queued', row.status]);
    }
  } finally {
    await files.dispose();
  }
});
