import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../src/store/store.ts';
import { isLeaseLost, type Job, type JobQueue } from '../../src/queue/queue.ts';

/** One queue on its own connection to the database under test. */
export interface QueueConnection {
  store: Store;
  queue: JobQueue;
}

/** A fresh database per test; `connect` may be called more than once (several processes). */
export interface QueueDatabase {
  connect(): Promise<QueueConnection>;
  dispose(): Promise<void>;
}

const KINDS = ['message.send', 'webhook.deliver'] as const;

/**
 * What every JobQueue implementation must do, whatever the engine: enqueue in the caller's unit,
 * leases no two claimers share, settling only by the lease holder (in the caller's unit),
 * renewals, crash counts, bulk enqueue. A new implementation adds one file calling this.
 */
export function jobQueueContract(name: string, fresh: () => Promise<QueueDatabase>): void {
  async function withQueue(fn: (c: QueueConnection, db: QueueDatabase) => Promise<void>): Promise<void> {
    const db = await fresh();
    try {
      await fn(await db.connect(), db);
    } finally {
      await db.dispose();
    }
  }
  const marks = async (store: Store) => (await store.db.selectFrom('settings').select('key').execute()).map((r) => r.key);
  const claimOne = async (queue: JobQueue, worker: string, now: number, leaseMs = 1000): Promise<Job | undefined> =>
    (await queue.claim(worker, KINDS, 1, now, leaseMs))[0];

  test(`${name}: a job enqueued in a unit that rolls back does not exist`, () => withQueue(async ({ store, queue }) => {
    await assert.rejects(store.write(async (tx) => {
      await queue.enqueue(tx, 'message.send', { messageId: 'm1' }, 0);
      throw new Error('rolled back');
    }));
    assert.equal(await claimOne(queue, 'w', 10), undefined);
  }));

  test(`${name}: claims return typed payloads, in run_at order, only when due, and lease them`, () => withQueue(async ({ store, queue }) => {
    await store.write(async (tx) => {
      await queue.enqueue(tx, 'webhook.deliver', { deliveryId: 'd1' }, 20);
      await queue.enqueue(tx, 'message.send', { messageId: 'm1' }, 10);
      await queue.enqueue(tx, 'message.send', { messageId: 'later' }, 1000);
    });
    const jobs = await queue.claim('w', KINDS, 10, 100, 1000);
    assert.deepEqual(jobs.map((j) => j.payload), [{ messageId: 'm1' }, { deliveryId: 'd1' }]);
    assert.deepEqual(jobs.map((j) => [j.attempts, j.crashes, j.lease.workerId]), [[1, 0, 'w'], [1, 0, 'w']]);
    assert.deepEqual(await queue.claim('other', KINDS, 10, 500, 1000), [], 'leased jobs are not claimed again');
    assert.equal(await queue.nextRunAt(KINDS, 500), 1000);
    assert.deepEqual((await queue.claim('w', ['webhook.deliver'], 10, 2000, 1000)).map((j) => j.payload), [{ deliveryId: 'd1' }], 'an expired lease is claimed again, by kind');
  }));

  test(`${name}: done removes the job; retry and wait put it back for later, unleased`, () => withQueue(async ({ store, queue }) => {
    await store.write((tx) => queue.enqueueMany(tx, [
      { kind: 'message.send', payload: { messageId: 'a' }, runAt: 0 },
      { kind: 'message.send', payload: { messageId: 'b' }, runAt: 0 },
      { kind: 'message.send', payload: { messageId: 'c' }, runAt: 0 },
    ]));
    const [a, b, c] = await queue.claim('w', KINDS, 3, 10, 1000);
    await store.write(async (tx) => {
      await queue.settle(tx, a!.lease, { type: 'done' });
      await queue.settle(tx, b!.lease, { type: 'retry', at: 500, error: 'transient' });
      await queue.settle(tx, c!.lease, { type: 'wait', until: 700, reason: 'throttled' });
    });
    assert.deepEqual(await queue.depth(10), { ready: 0, scheduled: 2, running: 0 });
    assert.deepEqual(await queue.claim('w', KINDS, 3, 499, 1000), []);
    assert.deepEqual((await queue.claim('w', KINDS, 3, 700, 1000)).map((j) => [j.payload, j.attempts]), [[{ messageId: 'b' }, 2], [{ messageId: 'c' }, 2]]);
  }));

  test(`${name}: a stale worker cannot settle or renew a job someone else now holds, and its write rolls back`, () => withQueue(async ({ store, queue }) => {
    await store.write((tx) => queue.enqueue(tx, 'message.send', { messageId: 'm1' }, 0));
    const stale = await claimOne(queue, 'w1', 10, 100);
    const holder = await claimOne(queue, 'w2', 200, 100);
    assert.ok(stale && holder);
    assert.notEqual(stale.lease.token, holder.lease.token);
    for (const outcome of [{ type: 'done' }, { type: 'retry', at: 0, error: 'x' }, { type: 'fail', code: 'PORM_CARRIER_REJECTED', message: 'x' }] as const) {
      await assert.rejects(store.write(async (tx) => {
        await tx.insertInto('settings').values({ key: `stale-${outcome.type}`, value: '1' }).execute();
        await queue.settle(tx, stale.lease, outcome);
      }), (err) => isLeaseLost(err) && err.code === 'PORM_LEASE_LOST');
    }
    await assert.rejects(store.write((tx) => queue.settleCrash(tx, stale.lease, 0, 'boom')), isLeaseLost);
    assert.equal(await queue.renew(stale.lease, 250, 100), false);
    assert.deepEqual(await marks(store), [], 'nothing the stale worker wrote committed');
    assert.equal(await queue.renew(holder.lease, 250, 1000), true);
    assert.deepEqual(await queue.claim('w3', KINDS, 1, 400, 100), [], 'the renewed lease holds');
    await store.write((tx) => queue.settle(tx, holder.lease, { type: 'done' }));
    assert.equal(await claimOne(queue, 'w3', 10_000), undefined);
  }));

  test(`${name}: a re-claim by the same worker id holds a new token; the old one is dead`, () => withQueue(async ({ store, queue }) => {
    await store.write((tx) => queue.enqueue(tx, 'message.send', { messageId: 'm1' }, 0));
    const first = await claimOne(queue, 'w', 10, 100);
    const second = await claimOne(queue, 'w', 200, 100);
    assert.ok(first && second);
    await assert.rejects(store.write((tx) => queue.settle(tx, first.lease, { type: 'done' })), isLeaseLost);
    await store.write((tx) => queue.settle(tx, second.lease, { type: 'done' }));
  }));

  test(`${name}: a lease that ran out but was not claimed again can still be settled by its holder`, () => withQueue(async ({ store, queue }) => {
    await store.write((tx) => queue.enqueue(tx, 'message.send', { messageId: 'm1' }, 0));
    const job = await claimOne(queue, 'w', 10, 100);
    await store.write((tx) => queue.settle(tx, job!.lease, { type: 'done' }));
    assert.equal(await claimOne(queue, 'w', 10_000), undefined);
  }));

  test(`${name}: a crashed run comes back later with its crash count raised`, () => withQueue(async ({ store, queue }) => {
    await store.write((tx) => queue.enqueue(tx, 'message.send', { messageId: 'm1' }, 0));
    const job = await claimOne(queue, 'w', 10);
    await store.write((tx) => queue.settleCrash(tx, job!.lease, 50, 'boom'));
    assert.equal(await claimOne(queue, 'w', 49), undefined);
    const again = await claimOne(queue, 'w', 50);
    assert.deepEqual([again?.crashes, again?.attempts], [1, 2]);
  }));

  test(`${name}: enqueueMany inserts in bulk`, () => withQueue(async ({ store, queue }) => {
    const jobs = Array.from({ length: 1234 }, (_, i) => ({ kind: 'message.send' as const, payload: { messageId: `m${i}` }, runAt: 0 }));
    await store.write((tx) => queue.enqueueMany(tx, jobs));
    assert.deepEqual(await queue.depth(1), { ready: 1234, scheduled: 0, running: 0 });
  }));

  test(`${name}: concurrent claimers on separate connections never share a job`, () => withQueue(async (first, db) => {
    const second = await db.connect();
    const total = 600;
    await first.store.write((tx) => first.queue.enqueueMany(tx, Array.from({ length: total }, (_, i) => ({ kind: 'message.send' as const, payload: { messageId: `m${i}` }, runAt: 0 }))));
    const claims = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? first : second).queue.claim(`w${i}`, KINDS, 13, 10, 60_000));
    const claimed = (await Promise.all(claims)).flat();
    const ids = claimed.map((j) => j.id);
    assert.equal(new Set(ids).size, ids.length, 'no job claimed twice');
    assert.equal(ids.length, total);
  }));
}
