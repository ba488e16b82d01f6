import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import pino from 'pino';
import { SqliteStore } from '../store/sqlite-store.ts';
import { SqlJobQueue } from './sql-queue.ts';
import { WorkerPool, type JobHandler } from './worker-pool.ts';
import type { Job, JobKind } from './queue.ts';
import { systemClock } from '../clock.ts';
import { cleanup, eventually, tempDir } from '../../test/helpers/harness.ts';

test('jobs run once each, respect run_at, and a crashing handler is retried later instead of lost', async () => {
  const dir = tempDir();
  const store = await SqliteStore.open(join(dir, 'q.db'));
  const queue = new SqlJobQueue(store);
  const ran: Array<{ n: number; at: number }> = [];
  let crashes = 0;
  const handler: JobHandler = async (job: Job) => {
    const n = Number(job.payload.n);
    if (n === 99 && crashes++ === 0) throw new Error('handler bug');
    ran.push({ n, at: Date.now() });
    await store.write((tx) => queue.complete(tx, job.id));
  };
  const pool = new WorkerPool(queue, new Map<JobKind, JobHandler>([['message.send', handler]]), { concurrency: 4, pollIntervalMs: 20, leaseMs: 10_000 }, systemClock, pino({ level: 'silent' }));
  const start = Date.now();
  await store.write(async (tx) => {
    for (let n = 0; n < 20; n++) await queue.enqueue(tx, 'message.send', { n }, start);
    await queue.enqueue(tx, 'message.send', { n: 50 }, start + 300);
    await queue.enqueue(tx, 'message.send', { n: 99 }, start);
  });
  pool.start();
  await eventually(async () => (ran.length === 22 ? true : undefined), 10_000, 'all jobs');
  await pool.stop();
  assert.deepEqual(ran.map((r) => r.n).sort((a, b) => a - b), [...Array.from({ length: 20 }, (_, i) => i), 50, 99]);
  assert.ok(ran.find((r) => r.n === 50)!.at >= start + 300, 'a job never runs before its run_at');
  assert.equal(crashes, 2, 'the crashed job ran again');
  assert.deepEqual(await queue.depth(Date.now()), { ready: 0, scheduled: 0, running: 0 });
  await store.close();
  cleanup(dir);
});
