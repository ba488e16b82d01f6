import { type Kysely } from 'kysely';

// Segments (src/contacts/segments): a named rule of the closed segment language, stored as JSON and
// compiled to a parameterised query each time it is evaluated.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('segments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('rule_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('segments_account_name').on('segments').columns(['account_id', 'name']).unique().execute();
}
