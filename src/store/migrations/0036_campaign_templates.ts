import type { Kysely } from 'kysely';

// A campaign's content can be a rich template instead of a body (src/campaigns): the template's
// id, the revision pinned when the campaign was created (so every batch sends the same document),
// and fixed data the campaign gives every recipient, under the contact's own. Nullable columns,
// so each is a plain ADD COLUMN on both stores; older campaigns read as "no template".
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('campaigns').addColumn('template_id', 'text').execute();
  await db.schema.alterTable('campaigns').addColumn('template_revision', 'integer').execute();
  await db.schema.alterTable('campaigns').addColumn('template_data_json', 'text').execute();
}
