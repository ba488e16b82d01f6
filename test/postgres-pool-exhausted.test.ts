import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { cleanup, eventually, startHarness, tempDir, type Harness } from './helpers/harness.ts';
import { createTestSchema, postgresUnavailable, type TestSchema } from './helpers/pg-schema.ts';
import { assertNothingLost, FINAL, newAnswers, sendAll, sendUntilAccepted } from './helpers/fault-run.ts';

// Fault: the connection pool exhausted (issue #16). porm on PostgreSQL with the smallest pool it
// allows (2 connections) and a short wait for one (postgres.connectionTimeoutMs 1 s), 16 workers
// claiming and settling, and 32 clients posting at once. A request either gets a connection
// within the bound or fails with 503 PORM_DATABASE_BUSY (Retry-After, no stack): never a 500 and
// never a hang, which a transaction waiting on a second connection of its own pool would be
// (every connection held by a unit that waits for another). Nothing is half-written: every
// accepted message, repeated until accepted with its Idempotency-Key, ends delivered once, and no
// message exists that was not accepted.

const TOTAL = 120;
const CODES = ['PORM_DATABASE_BUSY', 'PORM_DATABASE_UNAVAILABLE'];
const unavailable = await postgresUnavailable();

describe('PostgreSQL connection pool exhausted', { skip: unavailable ?? false }, () => {
  let schema: TestSchema | undefined;
  let h: Harness | undefined;
  let dir: string | undefined;
  after(async () => {
    await h?.stop().catch(() => undefined);
    await schema?.drop();
    if (dir) cleanup(dir);
  });

  test(`${TOTAL} messages from 32 clients on a pool of 2: each accepted or 503 PORM_DATABASE_BUSY, none lost`, async (t) => {
    schema = await createTestSchema('porm_pool');
    dir = tempDir();
    const configFile = join(dir, 'porm.json');
    writeFileSync(configFile, JSON.stringify({ carriers: { sandbox: { type: 'sandbox' } }, workers: { concurrency: 16, pollIntervalMs: 200, leaseMs: 5000 } }));
    h = await startHarness({ PORM_CONFIG: configFile, PORM_DATABASE_URL: schema.url, PORM_POSTGRES_SCHEMA: schema.schema, PORM_POSTGRES_POOL_SIZE: '2', PORM_POSTGRES_CONNECTION_TIMEOUT_MS: '1000' }, dir);
    const harness = h;
    assert.equal((await harness.api('POST', '/v1/numbers', { number: '+14155550199' })).status, 201);

    const answers = newAnswers();
    // Reads compete for the same two connections meanwhile.
    let reads = 0;
    const readWrong: string[] = [];
    let sendsDone = false;
    const reading = (async () => {
      while (!sendsDone) {
        const res = await harness.api('GET', '/v1/messages?limit=20');
        if (res.status === 200) reads++;
        else if (!(res.status === 503 && CODES.includes(String(res.body.code)))) readWrong.push(`${res.status} ${res.text.slice(0, 200)}`);
      }
    })();
    await sendAll(TOTAL, 32, (i) => sendUntilAccepted(harness.url, `pool-${i}`, { to: `+141555501${String(i % 100).padStart(2, '0')}`, from: '+14155550199', body: `pool ${i}` }, answers, CODES));
    sendsDone = true;
    await reading;
    assert.deepEqual(answers.wrong, [], 'every answer was a 201 or a 503 with a stable code');
    assert.deepEqual(readWrong, [], 'every read was a 200 or a 503 with a stable code');
    assert.equal(answers.accepted.size, TOTAL);

    const db = new pg.Client({ connectionString: schema.url });
    await db.connect();
    try {
      await eventually(async () => {
        const n = (await db.query<{ n: number }>(`select count(*)::int as n from ${schema!.schema}.messages where status not in (${FINAL.map((s) => `'${s}'`).join(', ')})`)).rows[0]!.n;
        return n === 0 ? true : undefined;
      }, 150_000, 'every message to reach a final state');
      const seen = await assertNothingLost(db, schema.schema, answers.accepted, join(dir, 'sandbox-mmsc-sandbox.db'));
      // Every job was settled: none left behind by a unit that half-failed.
      const jobs = (await db.query<{ n: number }>(`select count(*)::int as n from ${schema.schema}.jobs where kind = 'message.send'`)).rows[0]!.n;
      assert.equal(jobs, 0, 'no send job left');
      t.diagnostic(`503s: ${JSON.stringify(Object.fromEntries(answers.unavailable))}; reads served: ${reads}; resumed sends: ${seen.resumed}; duplicates deduped: ${seen.duplicates}`);
    } finally {
      await db.end();
    }
  });
});
