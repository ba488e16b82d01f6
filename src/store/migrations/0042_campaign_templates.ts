import type { Kysely } from 'kysely';

// A campaign's content can be a rich template instead of a body (src/campaigns): the template's
// id, the revision pinned when the campaign was created (so every batch sends the same document),
// and fixed data the campaign gives every recipient, under the contact's own. Nullable columns,
// so each is a plain ADD COLUMN on both stores; older campaigns read as "no template".
// origin_key: the dashboard compose form that made a one-off campaign (its form key), unique per
// account, so the same form sent twice (a double click, a resend after a lost answer) makes one
// campaign; null for every other campaign (NULLs never collide in a unique index on either store).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('campaigns').addColumn('template_id', 'text').execute();
  await db.schema.alterTable('campaigns').addColumn('template_revision', 'integer').execute();
  await db.schema.alterTable('campaigns').addColumn('template_data_json', 'text').execute();
  await db.schema.alterTable('campaigns').addColumn('origin_key', 'text').execute();
  await db.schema.createIndex('campaigns_origin_key').unique().on('campaigns').columns(['account_id', 'origin_key']).execute();
}
