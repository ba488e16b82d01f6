import type { Kysely } from 'kysely';

// SMS on the message: the channel it goes out on (sms | mms, decided at accept and changed when it
// falls back), what to do when MMS cannot reach the handset (auto | sms | none), and, for the SMS
// form, its segment count and encoding (gsm7 | ucs2), counted as Twilio counts them. Rows from before
// stay null: their channel is derived from their media as it always was.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('out_channel', 'text').execute();
  await db.schema.alterTable('messages').addColumn('fallback', 'text').execute();
  await db.schema.alterTable('messages').addColumn('sms_segments', 'integer').execute();
  await db.schema.alterTable('messages').addColumn('sms_encoding', 'text').execute();
  // Why it goes on another channel than it was accepted for (no_mms_route, mms_refused, mms_failed, no_sms_route).
  await db.schema.alterTable('messages').addColumn('fallback_reason', 'text').execute();
}
