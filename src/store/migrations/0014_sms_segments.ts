import type { Kysely } from 'kysely';

// SMS over SMPP. One message goes out as several short messages, each with its own SMSC id, and
// each gets its own receipt; a receipt may name the id in another form (hex for decimal, other
// case, leading zeros), arrive on another bind, or arrive before porm recorded the submit.
// Concatenated MO arrives in parts, in any order, each maybe more than once.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Every key of every segment's SMSC id (src/sms/pdu/message-id.ts) → the porm message. Written
  // in the unit that records `sent`. Unique per key: one SMSC id names one segment.
  await db.schema.createTable('sms_segments')
    .addColumn('carrier', 'text', (c) => c.notNull())
    .addColumn('id_key', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('smsc_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sms_segments_pk', ['carrier', 'id_key'])
    .execute();
  await db.schema.createIndex('sms_segments_message').on('sms_segments').columns(['message_id', 'seq']).execute();
  // The final state each segment reached (one row per segment, written by its first final receipt).
  await db.schema.createTable('sms_segment_states')
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sms_segment_states_pk', ['message_id', 'seq'])
    .execute();
  // Receipts whose id is not (yet) any segment's: one row per key, grouped by receipt_uid.
  await db.schema.createTable('sms_pending_receipts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('receipt_uid', 'text', (c) => c.notNull())
    .addColumn('carrier', 'text', (c) => c.notNull())
    .addColumn('id_key', 'text', (c) => c.notNull())
    .addColumn('report_json', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sms_pending_receipts_key').on('sms_pending_receipts').columns(['carrier', 'id_key']).execute();
  await db.schema.createIndex('sms_pending_receipts_uid').on('sms_pending_receipts').column('receipt_uid').execute();
  // Parts of concatenated MO messages not yet complete. A part repeated hits the primary key.
  await db.schema.createTable('sms_mo_parts')
    .addColumn('carrier', 'text', (c) => c.notNull())
    .addColumn('concat_key', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('from_number', 'text', (c) => c.notNull())
    .addColumn('to_number', 'text', (c) => c.notNull())
    .addColumn('alphabet', 'text', (c) => c.notNull())
    .addColumn('payload_hex', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sms_mo_parts_pk', ['carrier', 'concat_key', 'seq'])
    .execute();
  await db.schema.createIndex('sms_mo_parts_age').on('sms_mo_parts').columns(['carrier', 'received_at']).execute();
}
