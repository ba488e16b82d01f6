import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cleanup, eventually, tempDir } from './helpers/harness.ts';
import { ChildPorm, freePort } from './helpers/child-porm.ts';

const TOTAL = 300;

test('kill -9 mid-flight, restart: every message reaches a final state, none lost, none accepted twice by the carrier', async (t) => {
  const dataDir = tempDir();
  const configFile = join(dataDir, 'porm.json');
  // A slow carrier answer (after the carrier has recorded the submit) widens the window in
  // which a crash leaves messages accepted by the carrier but not yet recorded as sent.
  writeFileSync(configFile, JSON.stringify({
    carriers: { sandbox: { type: 'sandbox', deliveryDelayMs: 100, submitLatencyMs: 250 } },
    workers: { concurrency: 32, pollIntervalMs: 100, leaseMs: 60_000 },
  }));
  const porm = new ChildPorm(dataDir, await freePort(), ['--log-level', 'warn'], { PORM_CONFIG: configFile });
  try {
    await porm.start();
    const ids: string[] = [];
    const sendAll = (async () => {
      for (let i = 0; i < TOTAL; i += 10) {
        const batch = await Promise.all(Array.from({ length: 10 }, (_, j) =>
          porm.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', body: `crash test ${i + j}` })));
        for (const res of batch) {
          assert.equal(res.status, 201, res.text);
          ids.push(String(res.body.id));
        }
      }
    })();
    await sendAll;
    // Crash once some messages are delivered and others are still with the carrier.
    await eventually(async () => {
      const res = await porm.api('GET', '/v1/messages?status=delivered&limit=200');
      return (res.body.data as unknown[]).length >= 20 ? true : undefined;
    }, 30_000, 'some deliveries');
    await porm.kill9();

    const db = new Database(join(dataDir, 'porm.db'), { readonly: true });
    const inFlight = db.prepare(`select count(*) as n from messages where status in ('queued', 'sending', 'sent')`).get() as { n: number };
    db.close();
    assert.ok(inFlight.n > 0, 'the crash must interrupt work in flight for this test to mean anything');

    await porm.start();
    await eventually(async () => {
      const check = new Database(join(dataDir, 'porm.db'), { readonly: true });
      const open = check.prepare(`select count(*) as n from messages where status not in ('delivered', 'undelivered', 'failed', 'canceled')`).get() as { n: number };
      check.close();
      return open.n === 0 ? true : undefined;
    }, 60_000, 'every message to reach a final state');
    await porm.stop();

    const final = new Database(join(dataDir, 'porm.db'), { readonly: true });
    const statuses = final.prepare('select status, count(*) as n from messages group by status').all() as Array<{ status: string; n: number }>;
    assert.deepEqual(statuses, [{ status: 'delivered', n: TOTAL }], 'nothing lost: every accepted message was delivered');
    const sentTwice = final.prepare(`select message_id, count(*) as n from message_events where type = 'sent' group by message_id having n > 1`).all();
    assert.deepEqual(sentTwice, [], 'no message recorded as sent twice');
    const resumed = (final.prepare(`select count(*) as n from message_events where type = 'resumed'`).get() as { n: number }).n;
    const rows = final.prepare('select id, carrier_message_id from messages').all() as Array<{ id: string; carrier_message_id: string }>;
    final.close();
    assert.equal(new Set(ids).size, TOTAL);

    // The carrier's own records: one accepted submission per porm message, each reported once,
    // and the carrier id porm recorded is the one the carrier issued.
    const mmsc = new Database(join(dataDir, 'sandbox-mmsc-sandbox.db'), { readonly: true });
    const accepted = mmsc.prepare(`select porm_id, carrier_id, duplicate_count, report_sent_at from submissions where outcome = 'accepted'`).all() as Array<{ porm_id: string; carrier_id: string; duplicate_count: number; report_sent_at: number | null }>;
    mmsc.close();
    assert.equal(accepted.length, TOTAL);
    const byPormId = new Map(accepted.map((a) => [a.porm_id, a]));
    for (const row of rows) {
      assert.equal(byPormId.get(row.id)?.carrier_id, row.carrier_message_id, `carrier id of ${row.id}`);
      assert.notEqual(byPormId.get(row.id)?.report_sent_at, null);
    }
    const duplicates = accepted.reduce((n, a) => n + a.duplicate_count, 0);
    t.diagnostic(`in flight at the crash: ${inFlight.n}; sends resumed: ${resumed}; duplicates deduped by the carrier: ${duplicates}`);
    assert.ok(resumed > 0, 'some sends were resumed after the restart');
    assert.ok(duplicates > 0, 'the carrier saw resubmissions of messages it had already accepted, and deduped them');
    assert.ok(duplicates <= resumed, 'every duplicate the carrier saw was a resumed send');
  } finally {
    await porm.kill9();
    cleanup(dataDir);
  }
});
