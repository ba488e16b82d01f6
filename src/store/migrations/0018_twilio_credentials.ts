import type { Kysely } from 'kysely';

// Twilio-style credentials (src/twilio/credentials): one row per account with its AC… SID and
// auth tokens, and the SK… API keys; and the media items deleted through the Twilio surface. Accounts get their row on first use (no backfill needed).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('twilio_accounts')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id'))
    // AC + 32 hex. Unique: Basic auth and the /2010-04-01/Accounts/{AccountSid} path resolve by it.
    .addColumn('account_sid', 'text', (c) => c.notNull().unique())
    // Kept in clear (not hashed): X-Twilio-Signature is an HMAC keyed by the token itself, so
    // porm needs it to sign callbacks. See src/twilio/credentials/credential-service.ts.
    .addColumn('auth_token', 'text', (c) => c.notNull())
    .addColumn('secondary_token', 'text')
    .addColumn('secondary_created_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createTable('twilio_api_keys')
    // SK + 32 hex.
    .addColumn('sid', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('friendly_name', 'text', (c) => c.notNull())
    // SHA-256 of the secret (32 random base62 characters): shown once, never stored in clear.
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('twilio_api_keys_account').on('twilio_api_keys').columns(['account_id', 'sid']).execute();
  // Media items removed through DELETE …/Messages/{Sid}/Media/{MediaSid}.json: the message keeps
  // its media list (what was sent stays recorded), the Twilio surface no longer shows the item.
  await db.schema.createTable('twilio_deleted_media')
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('media_sid', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('twilio_deleted_media_pk', ['message_id', 'media_sid'])
    .execute();
}
