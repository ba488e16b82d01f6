import type { Kysely } from 'kysely';

// A concatenated SMS half taken by the SMSC: which segments were accepted, under which UDH
// reference and plan, so that a retry after a throttle, a missing answer or a crash resubmits
// only the rest, with the same reference (the handset gets each part once). Rows are written as
// each segment is accepted and deleted when the message is sent (its segments then live in
// sms_segments) or fails.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('sms_submit_progress')
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('carrier', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('reference', 'integer', (c) => c.notNull())
    /** A digest of every part's bytes: a retry whose text or coding changed sends the whole message again. */
    .addColumn('parts_digest', 'text', (c) => c.notNull())
    .addColumn('smsc_id', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sms_submit_progress_pk', ['message_id', 'seq'])
    .execute();
}
