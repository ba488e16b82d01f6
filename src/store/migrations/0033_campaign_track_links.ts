import type { Kysely } from 'kysely';

// Campaigns shorten and count their links (track_links, src/campaigns). The column is nullable so
// the statement is a plain ADD COLUMN on both stores; a campaign from before it reads as null,
// which means "not tracked", as its messages were. Campaign figures (src/campaigns/analytics.ts)
// join a campaign's messages to their clicks by message id, which link_clicks had no index for.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('campaigns').addColumn('track_links', 'integer').execute();
  await db.schema.createIndex('link_clicks_message').on('link_clicks').columns(['message_id', 'at']).execute();
}
