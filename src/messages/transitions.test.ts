import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { isWriteConflict } from '../store/write-conflict.ts';
import { WRITE_ATTEMPTS, writeWithRetry } from '../store/write-with-retry.ts';
import { MessageTransitions, TransitionConflict, type TransitionDetails } from './transitions.ts';
import type { MessageRow } from './message-sql.ts';
import type { MessageStatus } from './status.ts';
import { eventsOf, fixedClock, ingestFor, pendingCount, queuedMessage, report, rowOf, sentMessage, tempDatabase } from './testing/fixture.ts';

// Scripted interleavings. SQLite runs one write unit at a time, so it never shows what READ
// COMMITTED allows: another writer committing between a unit's read and its write. These tests
// make that happen on purpose, at the exact point, by running the other writer's statements
// inside the unit just before the conditional update.

const NOW = fixedClock().now();

/** Runs `race` once (or every time) between the caller's read and the conditional update. */
class RacedTransitions extends MessageTransitions {
  conflicts = 0;
  constructor(private readonly race: (tx: Db) => Promise<void>, private remaining = 1) {
    super();
  }

  override async move(tx: Db, id: string, to: MessageStatus, details: TransitionDetails, now: number, current?: MessageRow) {
    if (this.remaining > 0 && current) {
      this.remaining--;
      await this.race(tx);
    }
    try {
      return await super.move(tx, id, to, details, now, current);
    } catch (err) {
      if (err instanceof TransitionConflict) this.conflicts++;
      throw err;
    }
  }
}

/** A Store that runs other writers' units (on their own connections) before each unit it is given. */
class CommitsBetweenAttempts implements Store {
  readonly queued: Array<() => Promise<unknown>> = [];
  constructor(private readonly inner: Store) {}
  get db(): Db {
    return this.inner.db;
  }
  async write<T>(unit: (tx: Db) => Promise<T>): Promise<T> {
    for (const other of this.queued.splice(0)) await other();
    return this.inner.write(unit);
  }
  lockKey(tx: Db, key: string, mode?: 'exclusive' | 'shared'): Promise<void> {
    return this.inner.lockKey(tx, key, mode);
  }
  ping(): Promise<void> {
    return this.inner.ping();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

const plain = new MessageTransitions();

test('a report that decided from `sent` while another report made the message final re-decides: a late note, the final state kept', async () => {
  const files = tempDatabase();
  try {
    const [a, b] = [await files.open(), await files.open()];
    const racingStore = new CommitsBetweenAttempts(a);
    await sentMessage(a, plain, ingestFor(a, plain, fixedClock()), 'm1', NOW);
    const otherReport = ingestFor(b, plain, fixedClock());
    // Between this report's read (sent) and its write, an `undelivered` report commits on another connection.
    const transitions = new RacedTransitions(async (tx) => {
      await plain.move(tx, 'm1', 'undelivered', { errorCode: 'PORM_UNDELIVERED' }, NOW);
      racingStore.queued.push(() => otherReport.ingest(report('m1', 'undelivered', NOW)));
    });
    await ingestFor(racingStore, transitions, fixedClock()).ingest(report('m1', 'delivered', NOW));
    assert.equal(transitions.conflicts, 1, 'the lost race surfaced as a TransitionConflict');
    assert.equal((await rowOf(b.db, 'm1')).status, 'undelivered');
    assert.deepEqual((await eventsOf(b.db, 'm1')).map((e) => `${e.seq}:${e.type}`), ['1:accepted', '2:queued', '3:sending', '4:sent', '5:undelivered', '6:late_report']);
  } finally {
    await files.dispose();
  }
});

test('when only the event sequence moved (a note), the transition still applies, after the note, with the next number', async () => {
  const files = tempDatabase();
  try {
    const store = await files.open();
    await sentMessage(store, plain, ingestFor(store, plain, fixedClock()), 'm1', NOW);
    const transitions = new RacedTransitions((tx) => plain.note(tx, 'm1', 'read_report', { outcome: 'read' }, NOW));
    await ingestFor(store, transitions, fixedClock()).ingest(report('m1', 'delivered', NOW));
    assert.equal(transitions.conflicts, 0);
    assert.equal((await rowOf(store.db, 'm1')).status, 'delivered');
    assert.deepEqual((await eventsOf(store.db, 'm1')).map((e) => `${e.seq}:${e.type}`), ['1:accepted', '2:queued', '3:sending', '4:sent', '5:read_report', '6:delivered']);
  } finally {
    await files.dispose();
  }
});

test('two transitions racing: the worker that read `queued` loses to a cancel that committed first', async () => {
  const files = tempDatabase();
  try {
    const store = await files.open();
    await queuedMessage(store, 'm1', NOW);
    const seen = await rowOf(store.db, 'm1');
    await store.write((tx) => plain.move(tx, 'm1', 'canceled', { data: { by: 'api' } }, NOW));
    // Decided from its own earlier read: told it lost, nothing written.
    const stale = store.write((tx) => plain.move(tx, 'm1', 'sending', { incrementAttempts: true }, NOW, seen));
    await assert.rejects(stale, (err) => err instanceof TransitionConflict && err.code === 'PORM_WRITE_CONFLICT' && err.found === 'canceled');
    // Left to move to decide: no longer legal, so no move.
    assert.equal(await store.write((tx) => plain.move(tx, 'm1', 'sending', {}, NOW)), undefined);
    const row = await rowOf(store.db, 'm1');
    assert.deepEqual([row.status, row.attempts, row.event_seq], ['canceled', 0, 3]);
    assert.deepEqual((await eventsOf(store.db, 'm1')).map((e) => e.type), ['accepted', 'queued', 'canceled']);
  } finally {
    await files.dispose();
  }
});

test('a unit that keeps losing is retried a bounded number of times, then fails with PORM_WRITE_CONFLICT and writes nothing', async () => {
  const files = tempDatabase();
  try {
    const store = await files.open();
    await sentMessage(store, plain, ingestFor(store, plain, fixedClock()), 'm1', NOW);
    const transitions = new RacedTransitions(async (tx) => { await plain.move(tx, 'm1', 'undelivered', {}, NOW); }, Number.POSITIVE_INFINITY);
    await assert.rejects(ingestFor(store, transitions, fixedClock()).ingest(report('m1', 'delivered', NOW)), (err) => isWriteConflict(err) && err.code === 'PORM_WRITE_CONFLICT');
    assert.equal(transitions.conflicts, WRITE_ATTEMPTS);
    assert.equal((await rowOf(store.db, 'm1')).status, 'sent');
    assert.equal((await eventsOf(store.db, 'm1')).length, 4);
    assert.equal(await pendingCount(store.db), 0);
  } finally {
    await files.dispose();
  }
});

test('writeWithRetry re-runs a unit from its reads until it wins, and passes other errors through at once', async () => {
  const files = tempDatabase();
  try {
    const store = await files.open();
    await queuedMessage(store, 'm1', NOW);
    let runs = 0;
    const moved = await writeWithRetry(store, async (tx) => {
      runs++;
      const row = await rowOf(tx, 'm1');
      // First run only: the row changes under it (a note, then a cancel) after it was read.
      if (runs === 1) await plain.note(tx, 'm1', 'x', {}, NOW).then(() => plain.move(tx, 'm1', 'canceled', {}, NOW));
      return plain.move(tx, 'm1', 'sending', {}, NOW, row);
    });
    assert.equal(runs, 2);
    assert.equal(moved?.status, 'sending');
    assert.deepEqual((await eventsOf(store.db, 'm1')).map((e) => `${e.seq}:${e.type}`), ['1:accepted', '2:queued', '3:sending'], 'the first run was rolled back whole');
    let plainRuns = 0;
    await assert.rejects(writeWithRetry(store, async () => {
      plainRuns++;
      throw new RangeError('not a conflict');
    }), RangeError);
    assert.equal(plainRuns, 1);
  } finally {
    await files.dispose();
  }
});

test('a final message never moves back, whatever is asked of it', async () => {
  const files = tempDatabase();
  try {
    const store = await files.open();
    await sentMessage(store, plain, ingestFor(store, plain, fixedClock()), 'm1', NOW);
    await ingestFor(store, plain, fixedClock()).ingest(report('m1', 'delivered', NOW));
    for (const to of ['accepted', 'queued', 'sending', 'sent', 'undelivered', 'failed', 'canceled', 'delivered'] as const) {
      assert.equal(await store.write((tx) => plain.move(tx, 'm1', to, {}, NOW)), undefined, to);
    }
    await ingestFor(store, plain, fixedClock()).ingest(report('m1', 'undelivered', NOW));
    const row = await rowOf(store.db, 'm1');
    assert.equal(row.status, 'delivered');
    assert.deepEqual((await eventsOf(store.db, 'm1')).slice(4).map((e) => `${e.type}:${e.status}`), ['delivered:delivered', 'late_report:null']);
  } finally {
    await files.dispose();
  }
});
