import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { startPorm, type Porm } from '../src/main.ts';
import { systemClock, type Clock } from '../src/clock.ts';
import { PostgresStore } from '../src/store/postgres/postgres-store.ts';
import { ServerClock } from '../src/store/server-clock.ts';
import { SqlJobQueue } from '../src/queue/sql-queue.ts';
import { cleanup, eventually, request, TEST_KEY, tempDir } from './helpers/harness.ts';
import { createTestSchema, postgresUnavailable, type TestSchema } from './helpers/pg-schema.ts';
import { FINAL } from './helpers/fault-run.ts';

// Fault: a worker whose clock is minutes off (issue #16). Leases, run times and retries live in
// the database as epoch milliseconds written and compared by the processes; a worker whose clock
// runs 5 minutes fast would read every live lease as long expired and take jobs other workers are
// sending, and one 5 minutes slow would write leases that look expired to everyone else. In
// distributed mode every process keeps the database server's time (store/server-clock.ts), so
// neither can happen: tested at the queue, and end to end with three porm processes' worth of
// services (one right, one 5 minutes fast, one 5 minutes slow) sending through one schema.

const SKEW_MS = 5 * 60_000;
const unavailable = await postgresUnavailable();
const skewed = (by: number): Clock => ({ now: () => systemClock.now() + by });

describe('a worker whose clock is skewed by minutes', { skip: unavailable ?? false }, () => {
  const schemas: TestSchema[] = [];
  const dirs: string[] = [];
  const porms: Porm[] = [];
  after(async () => {
    for (const p of porms) await p.close().catch(() => undefined);
    for (const s of schemas) await s.drop();
    for (const d of dirs) cleanup(d);
  });

  test('queue: a fast clock takes no live lease, a slow one\'s lease holds, and nothing runs early', async () => {
    const schema = await createTestSchema('porm_skew_q');
    schemas.push(schema);
    const store = await PostgresStore.open({ url: schema.url, poolSize: 4, schema: schema.schema });
    try {
      const queue = new SqlJobQueue(store);
      const right = await ServerClock.start(systemClock, () => store.serverTime());
      const fast = await ServerClock.start(skewed(SKEW_MS), () => store.serverTime());
      const slow = await ServerClock.start(skewed(-SKEW_MS), () => store.serverTime());
      assert.ok(Math.abs(fast.now() - right.now()) < 5000 && Math.abs(slow.now() - right.now()) < 5000, `the skewed clocks keep the server's time (offsets ${Math.round(fast.offsetMs)}, ${Math.round(slow.offsetMs)} ms)`);
      const LEASE = 60_000;
      const enqueue = (messageId: string, at: number) => store.write((tx) => queue.enqueue(tx, 'message.send', { messageId }, at));

      // What the skew would do on the machine's own clock: the fast worker takes a job held for another minute.
      await enqueue('raw', right.now());
      const [held] = await queue.claim('right', ['message.send'], 1, right.now(), LEASE);
      assert.ok(held);
      const stolen = await queue.claim('fast-raw', ['message.send'], 1, skewed(SKEW_MS).now(), LEASE);
      assert.equal(stolen.length, 1, 'on its own clock the fast worker does steal the live lease (the hazard)');
      await store.write((tx) => queue.settle(tx, stolen[0]!.lease, { type: 'done' }));

      // On the server's time: the right worker's live lease is not taken by the fast one.
      await enqueue('a', right.now());
      const [a] = await queue.claim('right', ['message.send'], 1, right.now(), LEASE);
      assert.ok(a);
      assert.deepEqual(await queue.claim('fast', ['message.send'], 10, fast.now(), LEASE), [], 'the fast worker takes no live lease');
      // The slow worker's own lease does not expire early in the others' eyes.
      await enqueue('b', right.now());
      const [b] = await queue.claim('slow', ['message.send'], 1, slow.now(), LEASE);
      assert.ok(b, 'the slow worker sees a job that is due as due');
      assert.deepEqual(await queue.claim('right', ['message.send'], 10, right.now(), LEASE), [], "the slow worker's lease holds for the right one");
      assert.deepEqual(await queue.claim('fast', ['message.send'], 10, fast.now(), LEASE), [], "the slow worker's lease holds for the fast one");
      assert.equal(await queue.renew(b.lease, slow.now(), LEASE), true);
      // A job due in two minutes is not run early by the fast worker.
      await enqueue('later', right.now() + 120_000);
      assert.deepEqual(await queue.claim('fast', ['message.send'], 10, fast.now(), LEASE), [], 'nothing runs early');
      await store.write(async (tx) => {
        await queue.settle(tx, a.lease, { type: 'done' });
        await queue.settle(tx, b.lease, { type: 'done' });
      });
      right.stop();
      fast.stop();
      slow.stop();
    } finally {
      await store.close();
    }
  });

  test('end to end: three workers, one 5 minutes fast and one 5 minutes slow, send each message once', async (t) => {
    const schema = await createTestSchema('porm_skew');
    schemas.push(schema);
    const TOTAL = 60;
    const start = async (name: string, machineClock: Clock): Promise<Porm> => {
      const dir = tempDir();
      dirs.push(dir);
      const file = join(dir, 'porm.json');
      // A slow SubmitRsp keeps each job leased while it is sent: the window a fast clock would steal in.
      writeFileSync(file, JSON.stringify({ carriers: { sandbox: { type: 'sandbox', submitLatencyMs: 300 } }, workers: { concurrency: 8, pollIntervalMs: 100, leaseMs: 60_000 } }));
      const config = loadConfig({ data: dir, port: 0 }, {
        PORM_CONFIG: file, PORM_DATABASE_URL: schema.url, PORM_POSTGRES_SCHEMA: schema.schema, PORM_POSTGRES_POOL_SIZE: '4',
        PORM_API_KEY: TEST_KEY, PORM_LOG_LEVEL: 'silent', PORM_SANDBOX_DELIVERY_DELAY_MS: '50',
      });
      const porm = await startPorm(config, createLogger(config), { machineClock });
      porms.push(porm);
      t.diagnostic(`${name}: clock offset to the server ${Math.round(porm.services.clock.now() - systemClock.now())} ms`);
      return porm;
    };
    const right = await start('right', systemClock);
    await start('fast', skewed(SKEW_MS));
    await start('slow', skewed(-SKEW_MS));
    const api = (method: string, path: string, body?: unknown) => request(right.url, method, path, body, { authorization: `Bearer ${TEST_KEY}` });
    assert.equal((await api('POST', '/v1/numbers', { number: '+14155550199' })).status, 201);
    const ids: string[] = [];
    for (let i = 0; i < TOTAL; i++) {
      const res = await api('POST', '/v1/messages', { to: `+141555501${String(i).padStart(2, '0')}`, from: '+14155550199', body: `skew ${i}`, channel: 'mms' });
      assert.equal(res.status, 201, res.text);
      ids.push(String(res.body.id));
    }
    // A message scheduled two minutes ahead: the fast worker must not send it now.
    const later = await api('POST', '/v1/messages', { to: '+14155550150', from: '+14155550199', body: 'later', channel: 'mms', send_at: new Date(Date.now() + 120_000).toISOString() });
    assert.equal(later.status, 201, later.text);

    const db = new pg.Client({ connectionString: schema.url });
    await db.connect();
    try {
      await eventually(async () => {
        const n = (await db.query<{ n: number }>(`select count(*)::int as n from ${schema.schema}.messages where id = any($1) and status not in (${FINAL.map((s) => `'${s}'`).join(', ')})`, [ids])).rows[0]!.n;
        return n === 0 ? true : undefined;
      }, 120_000, 'every message to reach a final state');
      const statuses = (await db.query<{ status: string; n: number }>(`select status, count(*)::int as n from ${schema.schema}.messages where id = any($1) group by status`, [ids])).rows;
      assert.deepEqual(statuses, [{ status: 'delivered', n: TOTAL }]);
      // A job taken from a worker still sending it would be resumed (and submitted again).
      const resumed = (await db.query<{ n: number }>(`select count(*)::int as n from ${schema.schema}.message_events where type = 'resumed'`)).rows[0]!.n;
      assert.equal(resumed, 0, 'no send was taken over from a worker still holding it');
      const sent = (await db.query<{ n: number }>(`select count(*)::int as n from ${schema.schema}.message_events where type = 'sending'`)).rows[0]!.n;
      assert.equal(sent, TOTAL, 'each message went to the carrier once');
      assert.equal((await api('GET', `/v1/messages/${String(later.body.id)}`)).body.status, 'scheduled', 'the scheduled message waits for its time');
    } finally {
      await db.end();
    }
  });
});
