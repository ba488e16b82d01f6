import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { cleanup, eventually, request, startHarness, tempDir, type Harness } from './helpers/harness.ts';
import { PrivatePostgres, privatePostgresUnavailable } from './helpers/private-postgres.ts';
import { assertNothingLost, FINAL, newAnswers, sendAll, sendUntilAccepted } from './helpers/fault-run.ts';

// Fault: PostgreSQL restarted mid-run (issue #16). porm (API and workers in this process, the
// sandbox MMSC on its thread, deduping by porm's message id) runs on a throwaway PostgreSQL cluster
// of its own — the machine's shared one serves other test files meanwhile. While messages go in,
// the server is stopped (`pg_ctl stop -m fast`: every session ended) and started again, then
// crashed and restarted (`pg_ctl restart -m immediate`, recovery at start). porm must live through
// both: requests during the outage get 503 with a stable code and Retry-After (never a 500 or a
// hang), the pool and the notifier reconnect, workers resume, leases hold, and every message
// accepted (the client repeats a refused one with the same Idempotency-Key) ends delivered,
// none lost, none accepted twice by the MMSC without a `resumed` note.

const TOTAL = 120;
const CODES = ['PORM_DATABASE_UNAVAILABLE', 'PORM_DATABASE_BUSY'];
const skip = privatePostgresUnavailable() ?? false;

describe('PostgreSQL restarted mid-run', { skip }, () => {
  let server: PrivatePostgres | undefined;
  let h: Harness | undefined;
  let dir: string | undefined;
  after(async () => {
    await h?.stop().catch(() => undefined);
    await server?.destroy();
    if (dir) cleanup(dir);
  });

  test(`${TOTAL} messages through a fast stop and an immediate restart: 503 while down, nothing lost or sent twice`, async (t) => {
    server = await PrivatePostgres.create();
    dir = tempDir();
    const configFile = join(dir, 'porm.json');
    // A short lease: a send whose settle met the outage comes back soon (as a resumed send).
    writeFileSync(configFile, JSON.stringify({ carriers: { sandbox: { type: 'sandbox' } }, workers: { concurrency: 16, pollIntervalMs: 200, leaseMs: 3000 } }));
    h = await startHarness({ PORM_CONFIG: configFile, PORM_DATABASE_URL: server.url, PORM_POSTGRES_SCHEMA: 'porm', PORM_POSTGRES_POOL_SIZE: '4', PORM_POSTGRES_CONNECTION_TIMEOUT_MS: '3000' }, dir);
    const harness = h;
    assert.equal((await harness.api('POST', '/v1/numbers', { number: '+14155550199' })).status, 201);

    const db = new pg.Client({ connectionString: server.url });
    const answers = newAnswers();
    const sending = sendAll(TOTAL, 6, (i) => sendUntilAccepted(harness.url, `restart-${i}`, { to: '+14155550100', from: '+14155550199', body: `restart ${i}` }, answers, CODES));

    // 1. A clean stop while sends are in flight, and requests while it is down.
    await eventually(async () => (answers.accepted.size >= TOTAL / 4 ? true : undefined), 120_000, 'a quarter accepted');
    await server.stop('fast');
    const during = await request(harness.url, 'POST', '/v1/messages', { to: '+14155550101', from: '+14155550199', body: 'while down' }, { authorization: `Bearer ${harness.key}`, 'idempotency-key': 'while-down' });
    assert.equal(during.status, 503, during.text);
    assert.ok(CODES.includes(String(during.body.code)), during.text);
    assert.ok(during.headers.get('retry-after'), 'says when to try again');
    assert.doesNotMatch(during.text, /\n\s+at /, 'no stack trace');
    const listing = await harness.api('GET', '/v1/messages?limit=5');
    assert.equal(listing.status, 503, listing.text);
    assert.ok(CODES.includes(String(listing.body.code)), listing.text);
    const ready = await request(harness.url, 'GET', '/readyz');
    assert.equal(ready.status, 503, 'not ready while the database is down');
    await server.start();
    // The refused request, repeated with its key, now goes through like any other.
    await sendUntilAccepted(harness.url, 'while-down', { to: '+14155550101', from: '+14155550199', body: 'while down' }, answers, CODES);

    // 2. A crash of the server (no shutdown checkpoint) while sends are in flight.
    await eventually(async () => (answers.accepted.size >= TOTAL / 2 ? true : undefined), 120_000, 'half accepted');
    await server.restart('immediate');
    await sending;
    assert.deepEqual(answers.wrong, [], 'every answer was a 201 or a 503 with a stable code');
    assert.equal(answers.accepted.size, TOTAL + 1);

    await db.connect();
    try {
      await eventually(async () => {
        const n = (await db.query<{ n: number }>(`select count(*)::int as n from porm.messages where status not in (${FINAL.map((s) => `'${s}'`).join(', ')})`)).rows[0]!.n;
        return n === 0 ? true : undefined;
      }, 150_000, 'every message to reach a final state after the restarts');
      const seen = await assertNothingLost(db, 'porm', answers.accepted, join(dir, 'sandbox-mmsc-sandbox.db'));
      t.diagnostic(`503s while the database was down: ${JSON.stringify(Object.fromEntries(answers.unavailable))}; resumed sends: ${seen.resumed}; duplicates the MMSC deduped: ${seen.duplicates}`);
      assert.equal((await request(harness.url, 'GET', '/readyz')).status, 200, 'ready again');
    } finally {
      await db.end();
    }
  });
});
