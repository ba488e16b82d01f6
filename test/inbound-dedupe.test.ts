import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withHarness, type Harness } from './helpers/harness.ts';

// One inbound message delivered several times at once (a repeated SMS part completing a
// concatenated message twice, a carrier resending before porm answered) is stored once, on SQLite
// and on PostgreSQL (PORM_TEST_STORE=postgres), where the deliveries' units really run side by side.

describe('inbound dedupe under concurrent deliveries', () => {
  let h: Harness;
  withHarness((harness) => { h = harness; });

  test('eight deliveries of one message at once store one row, and every delivery answers with it', async () => {
    const input = {
      carrier: 'sandbox-smsc', channel: 'sms' as const, from: '+15550109002', to: '+14155550199', subject: null, text: 'one-two-three',
      attachments: [], linkedId: null, dedupeKey: `test-concurrent:${Date.now()}`,
    };
    const stored = await Promise.all(Array.from({ length: 8 }, () => h.porm.services.inbound.receive(input)));
    assert.equal(new Set(stored.map((m) => m.id)).size, 1, JSON.stringify(stored.map((m) => m.id)));
    const rows = await h.porm.services.store.db.selectFrom('inbound_messages').select('id').where('dedupe_key', '=', input.dedupeKey).execute();
    assert.equal(rows.length, 1);
  });
});
