import { sql, type Kysely } from 'kysely';

// The Twilio-compatible webhooks (src/webhooks/dialects/twilio, src/twilio/inbound):
// - a message's status_callback is told in the dialect of the surface that created it
//   ('standard' for /v1 and every message stored before, 'twilio' for the Twilio surface);
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE messages ADD COLUMN callback_dialect TEXT NOT NULL DEFAULT 'standard'`.execute(db);
}
