import { sql, type Kysely } from 'kysely';

// The Twilio-compatible webhooks (src/webhooks/dialects/twilio, src/twilio/inbound):
// - a message's status_callback is told in the dialect of the surface that created it
//   ('standard' for /v1 and every message stored before, 'twilio' for the Twilio surface);
// - a delivery goes out as a POST (every row before) or, for a Twilio-style number webhook set
//   to GET, with the form as the query string;
// - a number may have a Twilio-style inbound webhook (its MOs are posted there, and the TwiML
//   answer is sent as replies); inbound_webhooks records, per inbound message, what became of it.
// Only ADD COLUMN and CREATE TABLE: the same statements run on PostgreSQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE messages ADD COLUMN callback_dialect TEXT NOT NULL DEFAULT 'standard'`.execute(db);
  await sql`ALTER TABLE webhook_deliveries ADD COLUMN method TEXT NOT NULL DEFAULT 'POST'`.execute(db);
  await sql`ALTER TABLE numbers ADD COLUMN inbound_webhook_url TEXT`.execute(db);
  await sql`ALTER TABLE numbers ADD COLUMN inbound_webhook_method TEXT`.execute(db);
  await sql`ALTER TABLE numbers ADD COLUMN inbound_webhook_dialect TEXT`.execute(db);
  await db.schema.createTable('inbound_webhooks')
    // One per inbound message: an MO is posted to its number's webhook once (with retries).
    .addColumn('inbound_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('delivery_id', 'text', (c) => c.notNull().unique())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    // pending | replied | no_reply | bad_answer | failed (src/twilio/inbound/outcome.ts)
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('reply_ids_json', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}
