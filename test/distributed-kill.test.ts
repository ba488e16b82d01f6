import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import Database from 'better-sqlite3';
import pg from 'pg';
import { cleanup, eventually, tempDir } from './helpers/harness.ts';
import { createTestSchema, postgresUnavailable, type TestSchema } from './helpers/pg-schema.ts';
import { Cluster, type PormProcess } from './helpers/distributed.ts';
import type { ChildPorm } from './helpers/child-porm.ts';

// The multi-process kill test of distributed mode (issue #16): 2 API and 3 worker processes
// (bin/porm.js start --role api|worker) on one PostgreSQL schema, the sandbox MMSC as its own
// process (porm sandbox-mmsc, which dedupes resubmissions by porm's message id), a carrier rate
// limit shared through Redis. Messages go in through both API processes; one worker is killed
// with SIGKILL mid-run and one started again. Then: every message is in a final state, none lost,
// none accepted twice by the MMSC unless its timeline notes the resumed send, and the MMSC's own
// timestamps never show the route's rate exceeded.
//
// The issue asks for 20,000 messages; the default here is 600 (PORM_KILL_TEST_MESSAGES sets it,
// PORM_KILL_TEST_RATE the route's messages per second, default 10): about 60 s of sending at the
// limit, plus starting six processes, so the test stays within about 3 minutes on a loaded
// 2-core CI machine (1,000 messages took 5.5 minutes here at a load average of 21). The rate is
// low on purpose: porm's own throughput on such a machine must stay above it, or the limit would
// never bind and its check would prove nothing (the test fails then, saying so). On a machine to
// spare, `PORM_KILL_TEST_MESSAGES=20000 PORM_KILL_TEST_RATE=200` is the issue's full size.

const TOTAL = Number.parseInt(process.env.PORM_KILL_TEST_MESSAGES ?? '600', 10);
const PER_SECOND = Number.parseInt(process.env.PORM_KILL_TEST_RATE ?? '10', 10);
const REDIS_URL = process.env.PORM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const FROM = '+14155550199';
const FINAL = ['delivered', 'undelivered', 'failed', 'canceled'];

const redisReachable = await new Promise<boolean>((resolve) => {
  const { hostname, port } = new URL(REDIS_URL);
  const socket = net.connect({ host: hostname, port: Number(port || 6379) }, () => {
    socket.destroy();
    resolve(true);
  });
  socket.on('error', () => resolve(false));
});
const pgUnavailable = await postgresUnavailable();
const skip = pgUnavailable ?? (redisReachable ? false : `Redis is not reachable at ${REDIS_URL} (the shared rate limit needs it)`);

/** The most submissions seen in any window of `windowMs` (sorted timestamps, two pointers). */
function busiestWindow(sorted: readonly number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('distributed mode: 2 API and 3 worker processes, one worker killed and one restarted', { skip }, () => {
  let schema: TestSchema;
  let dir: string;
  const processes: Array<PormProcess | ChildPorm> = [];
  after(async () => {
    for (const p of processes) await p.kill9();
    await schema?.drop();
    if (dir) cleanup(dir);
  });

  test(`${TOTAL} messages: all final, none lost, none sent twice without a note, the rate limit held`, async (t) => {
    assert.ok(Number.isInteger(TOTAL) && TOTAL >= 100, 'PORM_KILL_TEST_MESSAGES must be a whole number of at least 100');
    assert.ok(Number.isInteger(PER_SECOND) && PER_SECOND >= 1 && PER_SECOND * 20 <= TOTAL, 'PORM_KILL_TEST_RATE must be a whole number from 1 to a twentieth of the messages');
    schema = await createTestSchema('porm_kill');
    dir = tempDir();
    // A slow SubmitRsp (after the MMSC has recorded the submit) widens the window in which the
    // kill leaves messages accepted by the carrier but not yet recorded as sent. A short lease
    // gives the killed worker's jobs back soon.
    const cluster = await Cluster.create({ schema, dir, perSecond: PER_SECOND, redisUrl: REDIS_URL, submitLatencyMs: 150, deliveryDelayMs: 50, workers: { concurrency: 32, pollIntervalMs: 500, leaseMs: 15_000 } });
    const mmsc = cluster.mmsc();
    processes.push(mmsc);
    await mmsc.start();
    const apis = [await cluster.api(0), await cluster.api(1)];
    const workers = [cluster.worker(0), cluster.worker(1), cluster.worker(2)];
    processes.push(...apis, ...workers);
    // The first API migrates the schema; the others then start on it at once.
    await apis[0]!.start();
    await Promise.all([apis[1]!.start(), ...workers.map((w) => w.start())]);
    assert.equal((await apis[0]!.api('POST', '/v1/numbers', { number: FROM })).status, 201);

    const db = new pg.Client({ connectionString: schema.url });
    await db.connect();
    const count = async (where: string): Promise<number> =>
      Number((await db.query<{ n: number }>(`select count(*)::int as n from ${schema.schema}.messages where ${where}`)).rows[0]?.n ?? 0);
    try {
      const ids: string[] = [];
      let failedSends = 0;
      const sending = (async () => {
        const BATCH = 16;
        for (let i = 0; i < TOTAL; i += BATCH) {
          const batch = await Promise.all(Array.from({ length: Math.min(BATCH, TOTAL - i) }, (_, j) =>
            apis[(i + j) % 2]!.api('POST', '/v1/messages', { to: '+14155550100', from: FROM, body: `kill test ${i + j}` })));
          for (const res of batch) {
            if (res.status === 201) ids.push(String(res.body.id));
            else failedSends++;
          }
        }
      })();

      // Kill a worker once a quarter of the messages has left, while many are with the MMSC.
      await eventually(async () => ((await count(`status in ('sent', 'delivered')`)) >= TOTAL / 4 ? true : undefined), 120_000, 'a quarter sent');
      // ...at a moment when that worker holds a send in flight (its jobs carry its pid in locked_by), so
      // the kill always interrupts one of its own sends, not only the others'.
      const victim = workers[1]!;
      const heldByVictim = async (): Promise<number> => Number((await db.query<{ n: number }>(
        `select count(*)::int as n from ${schema.schema}.jobs j join ${schema.schema}.messages m on position(m.id in j.payload_json) > 0
         where j.kind = 'message.send' and j.locked_by like $1 and m.status = 'sending'`, [`%:${victim.pid}:%`])).rows[0]?.n ?? 0);
      await eventually(async () => ((await heldByVictim()) > 0 ? true : undefined), 60_000, 'the worker to be killed to hold a send in flight');
      await victim.kill9();
      const sendingAtKill = await heldByVictim();
      await eventually(async () => ((await count(`status in ('sent', 'delivered')`)) >= TOTAL / 2 ? true : undefined), 120_000, 'half sent');
      await workers[1]!.start();
      await sending;
      assert.equal(failedSends, 0, 'every send was accepted');
      await eventually(async () => ((await count(`status not in (${FINAL.map((s) => `'${s}'`).join(', ')})`)) === 0 ? true : undefined), 150_000, 'every message to reach a final state');

      // Nothing lost: every accepted id is in PostgreSQL, delivered.
      assert.equal(new Set(ids).size, TOTAL);
      const rows = (await db.query<{ id: string; status: string; carrier_message_id: string | null }>(`select id, status, carrier_message_id from ${schema.schema}.messages`)).rows;
      assert.equal(rows.length, TOTAL);
      assert.deepEqual([...new Set(rows.map((r) => r.status))], ['delivered']);
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const id of ids) assert.ok(byId.has(id), `message ${id} was accepted but is missing`);
      const sentTwice = await db.query(`select message_id from ${schema.schema}.message_events where type = 'sent' group by message_id having count(*) > 1`);
      assert.equal(sentTwice.rowCount, 0, 'no message recorded as sent twice');
      // A send is resumed when its lease ran out with the message still `sending`: the killed worker's, and any
      // whose worker was too slow to renew on a loaded machine. Each may reach the MMSC once more.
      const resumed = new Map((await db.query<{ message_id: string; n: number }>(`select message_id, count(*)::int as n from ${schema.schema}.message_events where type = 'resumed' group by message_id`)).rows.map((r) => [r.message_id, r.n]));
      const resumedSends = [...resumed.values()].reduce((a, b) => a + b, 0);

      // The MMSC's own records: one accepted submission per message, with the carrier id porm keeps;
      // every message it saw more than once has a `resumed` note on its timeline.
      const ledger = new Database(cluster.ledgerPath, { readonly: true });
      const accepted = ledger.prepare(`select porm_id, carrier_id, duplicate_count, submit_count, created_at from submissions where outcome = 'accepted' order by created_at`).all() as Array<{ porm_id: string; carrier_id: string; duplicate_count: number; submit_count: number; created_at: number }>;
      ledger.close();
      assert.equal(accepted.length, TOTAL);
      let duplicates = 0;
      for (const a of accepted) {
        assert.equal(byId.get(a.porm_id)?.carrier_message_id, a.carrier_id, `carrier id of ${a.porm_id}`);
        assert.equal(a.submit_count, 1, `${a.porm_id} accepted on its first submit`);
        if (a.duplicate_count > 0) {
          duplicates += a.duplicate_count;
          assert.ok(a.duplicate_count <= (resumed.get(a.porm_id) ?? 0), `${a.porm_id} reached the MMSC ${a.duplicate_count + 1} times with ${resumed.get(a.porm_id) ?? 0} 'resumed' notes`);
        }
      }

      // The rate limit, from the MMSC's clock: a token bucket of PER_SECOND/s holding PER_SECOND
      // lets through at most PER_SECOND × (1 + T) in any T seconds. 10% (and 3 messages) allow for
      // the time between taking a token and the MMSC's timestamp, which varies on a loaded machine.
      const times = accepted.map((a) => a.created_at);
      const bound = (seconds: number): number => Math.ceil(PER_SECOND * (1 + seconds) * 1.1) + 3;
      const busiest = [1, 5, 10].map((s) => ({ s, n: busiestWindow(times, s * 1000) }));
      const spanS = (times[times.length - 1]! - times[0]!) / 1000;
      t.diagnostic(`${TOTAL} messages over ${spanS.toFixed(1)} s (${(TOTAL / spanS).toFixed(1)}/s, limit ${PER_SECOND}/s); busiest windows: ${busiest.map((b) => `${b.n} in ${b.s} s`).join(', ')}`);
      t.diagnostic(`the killed worker's sends in flight: ${sendingAtKill}; resumed sends: ${resumedSends} (of ${resumed.size} messages); duplicates the MMSC deduped: ${duplicates}`);
      for (const b of busiest) assert.ok(b.n <= bound(b.s), `${b.n} submissions in ${b.s} s exceed the shared limit (at most ${bound(b.s)})`);
      assert.ok(TOTAL / spanS <= PER_SECOND * 1.1 + 1, `average ${(TOTAL / spanS).toFixed(1)}/s over the limit`);
      // Otherwise the checks above held only because porm was slower than the limit.
      assert.ok(busiest[2]!.n >= PER_SECOND * 5, `the limit never bound (busiest 10 s: ${busiest[2]!.n} submissions): the machine was too slow for this rate`);
      assert.ok(sendingAtKill > 0, 'the kill must interrupt sends of the killed worker for this test to mean anything');
      assert.ok(resumed.size > 0, "the killed worker's sends were resumed by the others");
      assert.ok(duplicates <= resumedSends, 'every duplicate the MMSC saw was a resumed send');
    } finally {
      await db.end();
    }
  });
});
