import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import pino from 'pino';
import { SqliteStore } from '../store/sqlite-store.ts';
import { SqlJobQueue } from './sql-queue.ts';
import { WorkerPool, type JobHandler, type WorkerPoolOptions } from './worker-pool.ts';
import { isLeaseLost, type Job } from './queue.ts';
import { systemClock } from '../clock.ts';
import { runJob } from './job-run.ts';
import { cleanup, eventually, tempDir } from '../../test/helpers/harness.ts';

const silent = pino({ level: 'silent' });

async function setup(t: { after(fn: () => Promise<void>): void }) {
  const dir = tempDir();
  const store = await SqliteStore.open(join(dir, 'q.db'));
  const queue = new SqlJobQueue(store);
  t.after(async () => {
    await store.close();
    cleanup(dir);
  });
  const pool = (handler: JobHandler<'message.send'>, options: Partial<WorkerPoolOptions> = {}) =>
    new WorkerPool(store, queue, { 'message.send': handler }, { concurrency: 4, pollIntervalMs: 20, leaseMs: 10_000, ...options }, systemClock, silent);
  const jobs = () => store.db.selectFrom('jobs').selectAll().execute();
  const marks = async () => (await store.db.selectFrom('settings').select('key').execute()).map((r) => r.key).sort();
  return { store, queue, pool, jobs, marks };
}

test('jobs run once each, respect run_at, and a crashing handler is retried later instead of lost', async (t) => {
  const { store, queue, pool: poolOf, jobs } = await setup(t);
  const ran: Array<{ id: string; at: number }> = [];
  let crashes = 0;
  const pool = poolOf({
    run: async (job: Job<'message.send'>) => {
      if (job.payload.messageId === 'm99' && crashes++ === 0) throw new Error('handler bug');
      ran.push({ id: job.payload.messageId, at: Date.now() });
      return { type: 'done' };
    },
  }, { crashBaseDelayMs: 10 });
  const start = Date.now();
  await store.write(async (tx) => {
    await queue.enqueueMany(tx, Array.from({ length: 20 }, (_, n) => ({ kind: 'message.send' as const, payload: { messageId: `m${n}` }, runAt: start })));
    await queue.enqueue(tx, 'message.send', { messageId: 'm50' }, start + 300);
    await queue.enqueue(tx, 'message.send', { messageId: 'm99' }, start);
  });
  pool.start();
  await eventually(async () => (ran.length === 22 ? true : undefined), 10_000, 'all jobs');
  await pool.stop();
  assert.equal(new Set(ran.map((r) => r.id)).size, 22);
  assert.ok(ran.find((r) => r.id === 'm50')!.at >= start + 300, 'a job never runs before its run_at');
  assert.equal(crashes, 2, 'the crashed job ran again');
  assert.deepEqual(await jobs(), []);
});

test('a worker whose lease was taken over cannot settle: its final write rolls back and the job stays with the new holder', async (t) => {
  const { store, queue, pool: poolOf, jobs, marks } = await setup(t);
  await store.write((tx) => queue.enqueue(tx, 'message.send', { messageId: 'm1' }, 0));
  let release!: () => void;
  const stolen = new Promise<void>((resolve) => { release = resolve; });
  let started = false;
  const pool = poolOf({
    run: async () => {
      started = true;
      await stolen;
      return { final: async (tx) => {
        await tx.insertInto('settings').values({ key: 'stale-write', value: '1' }).execute();
        return { type: 'done' };
      } };
    },
  }, { leaseMs: 60_000 });
  pool.start();
  await eventually(async () => (started ? true : undefined), 10_000, 'the handler to start');
  // Another worker claims it as if the lease had run out (its clock is past the lease).
  const [theirs] = await queue.claim('thief', ['message.send'], 1, Date.now() + 120_000, 60_000);
  assert.ok(theirs);
  release();
  await pool.stop();
  assert.deepEqual(await marks(), [], 'the stale final write did not commit');
  const [row] = await jobs();
  assert.equal(row?.locked_by, 'thief');
  await store.write((tx) => queue.settle(tx, theirs.lease, { type: 'done' }));
  assert.deepEqual(await jobs(), []);
});

test('a long handler keeps its lease by renewing it', async (t) => {
  const { store, queue, pool: poolOf, jobs } = await setup(t);
  await store.write((tx) => queue.enqueue(tx, 'message.send', { messageId: 'm1' }, 0));
  let firstUntil: number | null | undefined;
  const pool = poolOf({
    run: async () => {
      firstUntil = (await jobs())[0]?.locked_until;
      await eventually(async () => ((await jobs())[0]!.locked_until! > firstUntil! ? true : undefined), 10_000, 'a renewal');
      return { type: 'done' };
    },
  }, { leaseMs: 1000 });
  pool.start();
  await eventually(async () => ((await jobs()).length === 0 ? true : undefined), 10_000, 'the job to finish');
  await pool.stop();
});

test('shutdown aborts handlers through their signal, and the job they release runs again later', async (t) => {
  const { store, queue, pool: poolOf, jobs } = await setup(t);
  await store.write((tx) => queue.enqueue(tx, 'message.send', { messageId: 'm1' }, 0));
  let started = false;
  let aborted = false;
  const pool = poolOf({
    run: async (_job, signal) => {
      started = true;
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      aborted = true;
      return { type: 'wait', until: Date.now(), reason: 'stopped' };
    },
  });
  pool.start();
  await eventually(async () => (started ? true : undefined), 10_000, 'the handler to start');
  await pool.stop();
  assert.equal(aborted, true);
  const [row] = await jobs();
  assert.equal(row?.locked_by, null, 'released for the next worker');
});

test('a handler that keeps crashing is given up after maxCrashes runs, with its abandon write', async (t) => {
  const { store, queue, pool: poolOf, jobs, marks } = await setup(t);
  await store.write((tx) => queue.enqueue(tx, 'message.send', { messageId: 'm1' }, 0));
  let runs = 0;
  const pool = poolOf({
    run: async () => {
      runs++;
      throw new Error('always broken');
    },
    abandon: async (tx, job) => {
      await tx.insertInto('settings').values({ key: `abandoned:${job.payload.messageId}`, value: '1' }).execute();
    },
  }, { maxCrashes: 3, crashBaseDelayMs: 1, crashMaxDelayMs: 5 });
  pool.start();
  await eventually(async () => ((await jobs()).length === 0 ? true : undefined), 10_000, 'the job to be given up');
  await pool.stop();
  assert.equal(runs, 3);
  assert.deepEqual(await marks(), ['abandoned:m1']);
});

test('a handler whose lease renewal finds it taken is aborted, and its settle is refused', async (t) => {
  const { store, queue, pool: poolOf, jobs, marks } = await setup(t);
  await store.write((tx) => queue.enqueue(tx, 'message.send', { messageId: 'm1' }, 0));
  let started = false;
  let reason: unknown;
  const pool = poolOf({
    run: async (_job, signal) => {
      started = true;
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      reason = signal.reason;
      return { final: async (tx) => {
        await tx.insertInto('settings').values({ key: 'stale-write', value: '1' }).execute();
        return { type: 'done' };
      } };
    },
  }, { leaseMs: 1000 });
  pool.start();
  await eventually(async () => (started ? true : undefined), 10_000, 'the handler to start');
  await queue.claim('thief', ['message.send'], 1, Date.now() + 120_000, 60_000);
  await eventually(async () => (reason !== undefined ? true : undefined), 10_000, 'the abort');
  await pool.stop();
  assert.equal(isLeaseLost(reason), true);
  assert.deepEqual(await marks(), []);
  assert.equal((await jobs())[0]?.locked_by, 'thief');
});

test('a job whose runs keep dying unsettled (its process killed) is given up with its abandon write, not run again', async (t) => {
  const { store, queue, jobs } = await setup(t);
  await store.write((tx) => queue.enqueue(tx, 'message.send', { messageId: 'm1' }, 0));
  // Three runs that never settle: two leases run out, then a restart releases the third.
  let now = 1_000;
  for (let run = 0; run < 2; run++) {
    assert.equal((await queue.claim(`dead-${run}`, ['message.send'], 1, now, 100)).length, 1);
    now += 1_000;
  }
  assert.equal((await queue.claim('dead-2', ['message.send'], 1, now, 100_000)).length, 1);
  assert.equal(await queue.releaseAllLeases('new-process'), 1);
  const [job] = await queue.claim('new-process', ['message.send'], 1, now, 100_000);
  assert.equal(job?.crashes, 3, 'two expired leases and one released at restart');
  let ran = false;
  const abandoned: string[] = [];
  const handler: JobHandler<'message.send'> = {
    run: async () => { ran = true; return { type: 'done' }; },
    abandon: async (_tx, j) => { abandoned.push(j.payload.messageId); },
  };
  const outcome = await runJob(job!, handler, new AbortController(), { store, queue, clock: systemClock, log: silent }, { leaseMs: 100_000, maxCrashes: 3, crashBaseDelayMs: 10, crashMaxDelayMs: 10 });
  assert.equal(outcome, 'crashed');
  assert.equal(ran, false, 'the handler is not run a fourth time');
  assert.deepEqual(abandoned, ['m1']);
  assert.deepEqual(await jobs(), [], 'the job is settled for good');
});
