import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sendKit } from '../../messages/send/send-test-kit.ts';

// A long SMS whose first attempt left one segment accepted is requeued (queued, cancelable). A
// cancel makes it final: the stored progress must go with it, or the rows would outlive the
// message forever (nothing else deletes them once no attempt will come).
test('canceling a requeued SMS forgets the segments the SMSC already accepted', async (t) => {
  const kit = await sendKit(t, { picker: { candidates: () => [] } });
  const id = await kit.accept({ body: 'hello', channel: 'sms' });
  await kit.store.write((tx) => tx.insertInto('sms_submit_progress').values({
    message_id: id, seq: 1, carrier: 'smpp-a', total: 3, reference: 9, parts_digest: 'd', smsc_id: '7000', accepted_at: kit.clock.now(),
  }).execute());
  const other = await kit.accept({ body: 'other', channel: 'sms' });
  await kit.store.write((tx) => tx.insertInto('sms_submit_progress').values({
    message_id: other, seq: 1, carrier: 'smpp-a', total: 2, reference: 4, parts_digest: 'd', smsc_id: '7001', accepted_at: kit.clock.now(),
  }).execute());

  const canceled = await kit.cancel(id);
  assert.equal(canceled.status, 'canceled');
  const left = await kit.store.db.selectFrom('sms_submit_progress').select(['message_id']).execute();
  assert.deepEqual(left.map((r) => r.message_id), [other], 'only the canceled message loses its progress');
});
