import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../../logger.ts';
import type { DeliveryReport } from '../../carriers/carrier-events.ts';
import { MessageTransitions } from '../../messages/transitions.ts';
import { CARRIER, eventsOf, fixedClock, rowOf, sendingMessage, tempDatabase } from '../../messages/testing/fixture.ts';
import type { Store } from '../../store/store.ts';
import { SegmentReceipts } from './segment-receipts.ts';

// Segment receipts against a real SQLite store: ids in another form than submit_sm_resp gave
// them, receipts that overtake the record of the submit, several segments, repeats, failures.

const clock = fixedClock();
const NOW = clock.now();
const transitions = new MessageTransitions();
const log = createLogger({ logLevel: 'silent' });

const receipt = (smscId: string, outcome: DeliveryReport['outcome'], carrierStatus = outcome === 'delivered' ? 'DELIVRD' : 'UNDELIV'): DeliveryReport =>
  ({ carrier: CARRIER, carrierMessageId: smscId, outcome, carrierStatus, at: NOW, segment: true, ...(outcome === 'delivered' ? {} : { errorCode: '027' }) });

async function recordSent(store: Store, receipts: SegmentReceipts, id: string, smscIds: string[]): Promise<void> {
  await store.write(async (tx) => {
    await transitions.move(tx, id, 'sent', { carrierMessageId: smscIds[0]!, data: { carrier: CARRIER } }, NOW);
    await receipts.recordSegments(tx, CARRIER, id, smscIds, NOW);
  });
}

test('segment receipts: hex vs decimal ids, early receipts parked then applied, delivered only when every segment is', async () => {
  const files = tempDatabase();
  try {
    const store = await files.open();
    const receipts = new SegmentReceipts(store, transitions, clock, log);

    // Two segments; the first segment's receipt arrives before the submit is recorded, in hex.
    await sendingMessage(store, transitions, 'msg_a', NOW);
    await receipts.ingest(receipt('38601fa', 'delivered'));
    assert.equal((await rowOf(store.db, 'msg_a')).status, 'sending');
    await recordSent(store, receipts, 'msg_a', ['0059113978', '0059113979']);
    let row = await rowOf(store.db, 'msg_a');
    assert.equal(row.status, 'sent', 'one of two segments delivered is not the message delivered');
    assert.ok((await eventsOf(store.db, 'msg_a')).some((e) => e.type === 'segment_delivered'));
    // The second, in upper-case hex, and then a repeat of it.
    await receipts.ingest(receipt('38601FB', 'delivered'));
    await receipts.ingest(receipt('0059113979', 'delivered'));
    row = await rowOf(store.db, 'msg_a');
    assert.equal(row.status, 'delivered');
    assert.equal((await eventsOf(store.db, 'msg_a')).filter((e) => e.type === 'late_report').length, 1);
    assert.equal((await store.db.selectFrom('sms_pending_receipts').selectAll().execute()).length, 0);

    // The first failing segment decides: undelivered, with the SMSC's stat and err kept.
    await sendingMessage(store, transitions, 'msg_b', NOW);
    await recordSent(store, receipts, 'msg_b', ['ABC001', 'ABC002', 'ABC003']);
    await receipts.ingest(receipt('abc001', 'delivered'));
    await receipts.ingest(receipt('abc002', 'undelivered'));
    row = await rowOf(store.db, 'msg_b');
    assert.equal(row.status, 'undelivered');
    assert.equal(row.error_code, 'PORM_UNDELIVERED');
    const last = await store.db.selectFrom('message_events').select(['type', 'data_json']).where('message_id', '=', 'msg_b').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    assert.equal(last.type, 'undelivered');
    assert.deepEqual({ ...(JSON.parse(String(last.data_json)) as Record<string, unknown>), reported_at: null }, {
      error_code: 'PORM_UNDELIVERED', error_message: 'SMSC reported UNDELIV for segment 2 of 3',
      carrier_status: 'UNDELIV', carrier_error: '027', segment: 2, segments: 3, smsc_id: 'abc002', reported_at: null,
    });

    // REJECTD is a failure of the message, not a delivery problem.
    await sendingMessage(store, transitions, 'msg_c', NOW);
    await recordSent(store, receipts, 'msg_c', ['77']);
    await receipts.ingest(receipt('077', 'failed', 'REJECTD'));
    assert.equal((await rowOf(store.db, 'msg_c')).status, 'failed');

    // A receipt for an id porm never sent is kept, not applied to anything.
    await receipts.ingest(receipt('nobody-sent-this', 'delivered'));
    assert.equal((await store.db.selectFrom('sms_pending_receipts').select('receipt_uid').distinct().execute()).length, 1);
  } finally {
    await files.dispose();
  }
});
