import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { MessageTransitions } from './transitions.ts';
import { reportLockKey } from './delivery-reports.ts';
import { CARRIER, carrierIdOf, eventsOf, fixedClock, ingestFor, pendingCount, recordSent, report, rowOf, sendingMessage, sentMessage, tempDatabase } from './testing/fixture.ts';

const NOW = fixedClock().now();
const transitions = new MessageTransitions();

/**
 * A Store that logs, per unit, the keys it locks and the tables its statements name, in order.
 * The Db handed to units is a proxy that notes every builder entry point before delegating.
 */
class TracingStore implements Store {
  readonly units: string[][] = [];
  constructor(private readonly inner: Store) {}
  get db(): Db {
    return this.inner.db;
  }
  write<T>(unit: (tx: Db) => Promise<T>): Promise<T> {
    return this.inner.write((tx) => {
      const trace: string[] = [];
      this.units.push(trace);
      traces.set(tx, trace);
      const traced = new Proxy(tx, {
        get(target, prop) {
          const value: unknown = Reflect.get(target, prop, target);
          if (typeof value !== 'function') return value;
          if (prop === 'selectFrom' || prop === 'insertInto' || prop === 'updateTable' || prop === 'deleteFrom') {
            return (table: string) => {
              trace.push(`${prop} ${table}`);
              return Reflect.apply(value, target, [table]);
            };
          }
          return value.bind(target);
        },
      });
      traces.set(traced, trace);
      return unit(traced);
    });
  }
  async lockKey(tx: Db, key: string, mode?: 'exclusive' | 'shared'): Promise<void> {
    traces.get(tx)?.push(`lock ${key}`);
    await this.inner.lockKey(tx, key, mode);
  }
  ping(): Promise<void> {
    return this.inner.ping();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
const traces = new WeakMap<Db, string[]>();

test('both sides of the hand-off take the same lock before the read that decides it', async () => {
  const files = tempDatabase();
  try {
    const store = new TracingStore(await files.open());
    const reports = ingestFor(store, transitions, fixedClock());
    await sendingMessage(store, transitions, 'm1', NOW);
    const key = reportLockKey(CARRIER, carrierIdOf('m1'));

    store.units.length = 0;
    await reports.ingest(report('m1', 'delivered', NOW));
    const [reportUnit] = store.units;
    assert.deepEqual(reportUnit, [`lock ${key}`, 'selectFrom messages', 'insertInto pending_reports'], 'report: lock, read the message, park');

    store.units.length = 0;
    await recordSent(store, transitions, reports, 'm1', carrierIdOf('m1'), NOW);
    const [sentUnit] = store.units;
    const lockAt = sentUnit!.indexOf(`lock ${key}`);
    assert.ok(lockAt >= 0, 'the sent unit takes the report lock');
    assert.ok(lockAt < sentUnit!.indexOf('selectFrom pending_reports'), 'before it looks for parked reports');
    assert.equal((await rowOf(store.db, 'm1')).status, 'delivered');
  } finally {
    await files.dispose();
  }
});

test('a report that overtakes `sent` is parked, then applied by the sent unit, once', async () => {
  const files = tempDatabase();
  try {
    const store = await files.open();
    const reports = ingestFor(store, transitions, fixedClock());
    await sendingMessage(store, transitions, 'm1', NOW);
    await reports.ingest(report('m1', 'delivered', NOW));
    await reports.ingest(report('m1', 'undelivered', NOW));
    assert.equal((await rowOf(store.db, 'm1')).status, 'sending');
    assert.equal(await pendingCount(store.db), 2);
    assert.equal(await recordSent(store, transitions, reports, 'm1', carrierIdOf('m1'), NOW), true);
    // The send job running again (a retry after a crash) finds it sent: no second application.
    assert.equal(await recordSent(store, transitions, reports, 'm1', carrierIdOf('m1'), NOW), false);
    assert.equal(await pendingCount(store.db), 0);
    assert.deepEqual((await eventsOf(store.db, 'm1')).slice(3).map((e) => `${e.seq}:${e.type}`), ['4:sent', '5:delivered', '6:late_report']);
  } finally {
    await files.dispose();
  }
});

test('duplicate and late reports are recorded as events and change nothing', async () => {
  const files = tempDatabase();
  try {
    const store = await files.open();
    const reports = ingestFor(store, transitions, fixedClock());
    await sentMessage(store, transitions, reports, 'm1', NOW);
    await reports.ingest(report('m1', 'undelivered', NOW));
    await reports.ingest(report('m1', 'undelivered', NOW));
    await reports.ingest(report('m1', 'delivered', NOW));
    await reports.readReport(CARRIER, carrierIdOf('m1'), 'read', NOW);
    const row = await rowOf(store.db, 'm1');
    assert.deepEqual([row.status, row.error_code], ['undelivered', 'PORM_UNDELIVERED']);
    assert.deepEqual((await eventsOf(store.db, 'm1')).slice(4).map((e) => `${e.seq}:${e.type}`), ['5:undelivered', '6:late_report', '7:late_report', '8:read_report']);
  } finally {
    await files.dispose();
  }
});
