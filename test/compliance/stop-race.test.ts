import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { cleanup, eventually, startHarness, tempDir, type Harness } from '../helpers/harness.ts';

// The STOP-during-a-batch race, through the real paths: many sends to one handset are accepted and
// being claimed by the workers while the handset's STOP arrives through the sandbox MMSC (MM7
// DeliverReq → porm's inbound unit). SQLite commits one write unit at a time, so a trigger's
// AUTOINCREMENT sequence taken inside each unit orders the units as they committed (PostgreSQL:
// see the deferred triggers below): no claim (the move to `sending`) may come after the unit that
// stored the suppression.

const HANDSET = '+14155550142';
const MINE = '+14155550190';
const BATCH = 60;
const LANES = 4;

describe('STOP in the middle of a batch', () => {
  const dataDir = tempDir();
  let h: Harness;
  before(async () => {
    h = await startHarness({}, dataDir);
    assert.equal((await h.api('POST', '/v1/numbers', { number: MINE })).status, 201);
    await h.porm.services.store.write(async (db) => {
      if (!h.config.databaseUrl) {
        await sql`CREATE TABLE commit_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, ref TEXT NOT NULL)`.execute(db);
        await sql`CREATE TRIGGER log_claim AFTER INSERT ON message_events WHEN NEW.type = 'sending' BEGIN INSERT INTO commit_log (kind, ref) VALUES ('claim', NEW.message_id); END`.execute(db);
        await sql`CREATE TRIGGER log_stop AFTER INSERT ON suppressions BEGIN INSERT INTO commit_log (kind, ref) VALUES ('stop', NEW.recipient); END`.execute(db);
        return;
      }
      // PostgreSQL commits many units at once. Deferred triggers take their sequence number at
      // COMMIT, while the unit still holds the recipient's consent lock (a claim shared, the STOP
      // exclusively, until its transaction ends), so between a claim and the STOP the numbers
      // follow the commits. Between two claims they need not, and nothing here compares those.
      await sql`CREATE TABLE commit_log (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, kind text NOT NULL, ref text NOT NULL)`.execute(db);
      for (const [kind, table, ref, when] of [['claim', 'message_events', 'message_id', `WHEN (NEW.type = 'sending') `], ['stop', 'suppressions', 'recipient', '']] as const) {
        await sql.raw(`CREATE FUNCTION log_${kind}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO commit_log (kind, ref) VALUES ('${kind}', NEW.${ref}); RETURN NULL; END $$`).execute(db);
        await sql.raw(`CREATE CONSTRAINT TRIGGER log_${kind} AFTER INSERT ON ${table} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW ${when}EXECUTE FUNCTION log_${kind}()`).execute(db);
      }
    });
  });
  after(async () => { await h.stop(); cleanup(dataDir); });

  test('zero messages are claimed after the STOP commits', async () => {
    const accepted: string[] = [];
    // A few concurrent senders (the machine is small): sends keep coming before, during and after the STOP.
    const sending = Promise.all(Array.from({ length: LANES }, async (_, lane) => {
      for (let i = lane; i < BATCH; i += LANES) {
        const res = await h.api('POST', '/v1/messages', { to: HANDSET, from: MINE, body: `Deal #${i}` });
        if (res.status === 201) accepted.push(String(res.body.id));
        else assert.equal(res.body.code, 'PORM_RECIPIENT_OPTED_OUT', res.text);
      }
    }));
    const db = h.porm.services.store.db;
    // The STOP comes once the workers have started claiming the batch.
    await eventually(async () => ((await sql<{ n: number }>`SELECT count(*) AS n FROM commit_log WHERE kind = 'claim'`.execute(db)).rows[0]!.n >= 5 ? true : undefined), 60_000, 'claims to start');
    const stop = await h.api('POST', '/v1/sandbox/inbound', { from: HANDSET, to: MINE, body: 'STOP' });
    assert.equal(stop.status, 201, stop.text);
    await sending;

    const replies = new Set((await db.selectFrom('compliance_replies').select('message_id').execute()).map((r) => r.message_id));
    assert.equal(replies.size, 1, 'one confirmation');
    // Every batch message ends: sent before the STOP, or failed because of it.
    const final = await eventually(async () => {
      const rows = await db.selectFrom('messages').select(['id', 'status', 'error_code']).where('to_number', '=', HANDSET).execute();
      const batch = rows.filter((r) => !replies.has(r.id));
      return batch.every((r) => ['delivered', 'sent', 'failed'].includes(r.status)) ? batch : undefined;
    }, 90_000, 'the batch to finish');

    const log = (await sql<{ seq: number; kind: string; ref: string }>`SELECT seq, kind, ref FROM commit_log ORDER BY seq`.execute(db)).rows;
    const stopAt = log.find((r) => r.kind === 'stop')!.seq;
    const claimedAfter = log.filter((r) => r.kind === 'claim' && r.seq > stopAt && !replies.has(r.ref));
    assert.deepEqual(claimedAfter, [], 'claimed after the STOP committed');

    const claimed = new Set(log.filter((r) => r.kind === 'claim').map((r) => r.ref));
    const failed = final.filter((r) => r.status === 'failed');
    assert.ok(failed.every((r) => r.error_code === 'PORM_RECIPIENT_OPTED_OUT' && !claimed.has(r.id)), JSON.stringify(failed.slice(0, 3)));
    assert.ok(final.filter((r) => r.status !== 'failed').every((r) => claimed.has(r.id)));
    // The race really happened: some went out before the STOP, some were stopped at claim or at accept.
    assert.ok(claimed.size - 1 >= 5, `claimed before: ${claimed.size}`);
    assert.ok(failed.length + (BATCH - accepted.length) > 0, `accepted ${accepted.length}, failed ${failed.length}`);
    // The confirmation itself went out after the STOP (it is exempt).
    assert.ok(log.some((r) => r.kind === 'claim' && r.seq > stopAt && replies.has(r.ref)));
  });
});
