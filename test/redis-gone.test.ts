import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import net from 'node:net';
import pg from 'pg';
import { cleanup, eventually, startHarness, tempDir, type Harness } from './helpers/harness.ts';
import { freePort } from './helpers/child-porm.ts';
import { createTestSchema, postgresUnavailable, type TestSchema } from './helpers/pg-schema.ts';
import { assertNothingLost, FINAL, newAnswers, sendAll, sendUntilAccepted } from './helpers/fault-run.ts';

// Fault: Redis gone while a shared carrier rate limit is in use (issue #16). porm on PostgreSQL
// with a rate-limited carrier whose limit is shared through a private redis-server (started here
// on a free port, so the machine's Redis is never touched), killed with SIGKILL mid-run:
// - `redis.onUnavailable: hold` (the default): porm warns once, goes on accepting, and sends
//   nothing more to the limited carrier (beyond the tokens it had leased) until Redis is back;
//   the held messages wait, none fails; once Redis is back every message is delivered once.
// - `local`: sending goes on at the process's own limit while Redis is down.
// Docs: configuration.md#redis (what each mode does and why hold is the default).

const REDIS = process.env.PORM_TEST_REDIS_SERVER ?? '/usr/bin/redis-server';
const pgDown = await postgresUnavailable();
const skip = pgDown ?? (existsSync(REDIS) ? false : `${REDIS} is missing (set PORM_TEST_REDIS_SERVER)`);

class PrivateRedis {
  private child: ChildProcess | undefined;
  constructor(readonly port: number) {}
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(REDIS, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await eventually(() => new Promise<true | undefined>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port: this.port }, () => { socket.destroy(); resolve(true); });
      socket.on('error', () => resolve(undefined));
    }), 30_000, 'redis-server to listen');
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

interface Run {
  h: Harness;
  schema: TestSchema;
  redis: PrivateRedis;
  db: pg.Client;
  logs: Array<{ level: number; msg: string }>;
  dir: string;
}

describe('Redis gone under a shared rate limit', { skip }, () => {
  const runs: Run[] = [];
  after(async () => {
    for (const r of runs) {
      await r.h.stop().catch(() => undefined);
      await r.db.end().catch(() => undefined);
      await r.redis.kill();
      await r.schema.drop();
      cleanup(r.dir);
    }
  });

  async function setUp(onUnavailable: 'hold' | 'local'): Promise<Run> {
    const schema = await createTestSchema('porm_redis');
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    const dir = tempDir();
    const file = join(dir, 'porm.json');
    writeFileSync(file, JSON.stringify({
      carriers: { sandbox: { type: 'sandbox', rateLimit: { perSecond: 20 } } },
      redis: { url: redis.url, onUnavailable },
      workers: { concurrency: 16, pollIntervalMs: 200, leaseMs: 10_000 },
    }));
    const logs: Run['logs'] = [];
    const h = await startHarness({ PORM_CONFIG: file, PORM_DATABASE_URL: schema.url, PORM_POSTGRES_SCHEMA: schema.schema, PORM_POSTGRES_POOL_SIZE: '4', PORM_LOG_LEVEL: 'info' }, dir, {
      write: (line: string) => {
        const entry = JSON.parse(line) as { level: number; msg: string };
        logs.push({ level: entry.level, msg: entry.msg });
      },
    });
    const db = new pg.Client({ connectionString: schema.url });
    await db.connect();
    const run = { h, schema, redis, db, logs, dir };
    runs.push(run);
    assert.equal((await h.api('POST', '/v1/numbers', { number: '+14155550199' })).status, 201);
    return run;
  }

  const count = async (r: Run, where: string): Promise<number> => (await r.db.query<{ n: number }>(`select count(*)::int as n from ${r.schema.schema}.messages where ${where}`)).rows[0]!.n;
  const submitted = (r: Run) => count(r, `status in ('sent', 'delivered')`);
  const send = async (r: Run, from: number, n: number, answers = newAnswers()) => {
    await sendAll(n, 4, (i) => sendUntilAccepted(r.h.url, `redis-${from + i}`, { to: `+141555501${String((from + i) % 100).padStart(2, '0')}`, from: '+14155550199', body: `redis ${from + i}`, channel: 'mms' }, answers, []));
    assert.deepEqual(answers.wrong, [], 'porm accepts messages whatever Redis does');
    return answers;
  };

  test('hold (the default): a warning, nothing more sent to the limited carrier while Redis is down, all delivered once it is back', async (t) => {
    const r = await setUp('hold');
    const answers = await send(r, 0, 30);
    await eventually(async () => ((await submitted(r)) >= 10 ? true : undefined), 120_000, 'sends under the shared limit');
    await r.redis.kill();
    // Sends go on until the limiter's next trip to Redis fails (it leases ~100 ms of the rate at a time).
    await eventually(async () => (r.logs.some((l) => l.msg.startsWith('redis unreachable')) ? true : undefined), 60_000, 'the outage warning');
    // What was leased before is spent within the lease's lifetime (1 s); the sends it started are recorded soon after.
    await new Promise((res) => setTimeout(res, 3000));
    const atOutage = await submitted(r);
    await send(r, 30, 20, answers);
    // Held, not failed: every message not sent yet still waits.
    await new Promise((res) => setTimeout(res, 3000));
    const whileDown = await submitted(r);
    assert.ok(whileDown <= atOutage + 5, `nothing more is sent while the shared limit cannot be guaranteed (${atOutage} before, ${whileDown} after)`);
    assert.equal(await count(r, `status in ('failed', 'undelivered', 'canceled')`), 0, 'no message failed for it');
    assert.equal(r.logs.filter((l) => l.msg.startsWith('redis unreachable')).length, 1, 'one warning, not one per send');

    await r.redis.start();
    await eventually(async () => ((await count(r, `status not in (${FINAL.map((s) => `'${s}'`).join(', ')})`)) === 0 ? true : undefined), 120_000, 'every message to be final once Redis is back');
    const seen = await assertNothingLost(r.db, r.schema.schema, answers.accepted, join(r.dir, 'sandbox-mmsc-sandbox.db'));
    assert.ok(r.logs.some((l) => l.msg.startsWith('redis reachable again')), 'says when the shared limit is back');
    t.diagnostic(`sent before the outage was noticed: ${atOutage}, while down: ${whileDown - atOutage}; messages: ${seen.messages}`);
  });

  test('local: sending goes on at the process\'s own limit while Redis is down', async () => {
    const r = await setUp('local');
    const answers = await send(r, 0, 10);
    await eventually(async () => ((await submitted(r)) >= 5 ? true : undefined), 120_000, 'sends under the shared limit');
    await r.redis.kill();
    await send(r, 10, 20, answers);
    await eventually(async () => ((await count(r, `status not in (${FINAL.map((s) => `'${s}'`).join(', ')})`)) === 0 ? true : undefined), 120_000, 'every message to be final with Redis still down');
    await assertNothingLost(r.db, r.schema.schema, answers.accepted, join(r.dir, 'sandbox-mmsc-sandbox.db'));
    assert.equal(r.logs.filter((l) => l.msg.startsWith('redis unreachable')).length, 1, 'one warning');
  });
});
