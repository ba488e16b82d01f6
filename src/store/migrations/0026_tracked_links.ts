import type { Kysely } from 'kysely';

// Tracked links (src/links): per-message short links, their clicks, conversions attributed to
// them, and each account's link settings (short domain, UTM defaults, attribution windows).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('tracked_links')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('original', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  // A message's links, and an account's links newest first (GET /v1/links).
  await db.schema.createIndex('tracked_links_message').on('tracked_links').columns(['message_id', 'position']).execute();
  await db.schema.createIndex('tracked_links_account').on('tracked_links').columns(['account_id', 'created_at', 'token']).execute();

  await db.schema.createTable('link_clicks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('bot', 'integer', (c) => c.notNull())
    .addColumn('bot_reason', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('link_clicks_token').on('link_clicks').columns(['token', 'at']).execute();
  // Attribution looks for a recipient's last person-made click before a conversion.
  await db.schema.createIndex('link_clicks_recipient').on('link_clicks').columns(['account_id', 'recipient', 'at']).execute();

  await db.schema.createTable('conversions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('value_micros', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('attribution', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('token', 'text')
    .addColumn('click_id', 'text')
    .execute();
  // An order is counted once per account, whoever reports it twice (NULL order ids do not collide).
  await db.schema.createIndex('conversions_order').on('conversions').columns(['account_id', 'order_id']).unique().execute();
  await db.schema.createIndex('conversions_account').on('conversions').columns(['account_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('conversions_message').on('conversions').columns(['message_id']).execute();

  await db.schema.createTable('link_settings')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('base_url', 'text')
    .addColumn('utm_json', 'text', (c) => c.notNull())
    .addColumn('ttl_days', 'integer', (c) => c.notNull())
    .addColumn('click_window_hours', 'integer', (c) => c.notNull())
    .addColumn('delivery_window_hours', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}
