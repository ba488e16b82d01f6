import type { Kysely } from 'kysely';

// Campaigns (src/campaigns): one message to an audience of contacts, fanned out by a durable job.
// campaign_recipients' primary key (campaign_id, contact_id) is what guarantees no contact gets a
// campaign twice, whatever the job's cursor says after a crash.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('audience_json', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('media_json', 'text', (c) => c.notNull())
    .addColumn('from_number', 'text')
    .addColumn('messaging_service_id', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('send_at', 'bigint')
    .addColumn('send_rate', 'integer', (c) => c.notNull())
    .addColumn('effective_rate', 'integer', (c) => c.notNull())
    .addColumn('cursor', 'text')
    .addColumn('epoch', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('campaigns_account').on('campaigns').columns(['account_id', 'id']).execute();

  await db.schema.createTable('campaign_recipients')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_recipients_pk', ['campaign_id', 'contact_id'])
    .execute();
  // A phone gets a campaign once even if its contact were deleted and created again.
  await db.schema.createIndex('campaign_recipients_phone').on('campaign_recipients').columns(['campaign_id', 'phone']).unique().execute();
}
