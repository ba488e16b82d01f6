import { sql, type Kysely } from 'kysely';

// Contacts (src/contacts): an account's people keyed by E.164 number, their tags, lists and list
// memberships, and CSV imports with their per-row error reports. The older `contacts` table (0008)
// is the rich renderer's capability cache and stays as it is. Only CREATE TABLE and CREATE INDEX:
// the same statements run on PostgreSQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`SAVEPOINT contacts_0024`.execute(db);
  try {
    await db.schema.createTable('contact_profiles')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('time_zone', 'text')
      .addColumn('locale', 'text')
      .addColumn('tags_json', 'text', (c) => c.notNull())
      .addColumn('attributes_json', 'text', (c) => c.notNull())
      // The import that last wrote the contact: a second row of one file for the same number is
      // told apart from a contact that existed before, without holding the file's numbers in memory.
      .addColumn('import_id', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    // One contact per number per account: two concurrent upserts of one number cannot both insert.
    await db.schema.createIndex('contact_profiles_phone').on('contact_profiles').columns(['account_id', 'phone']).unique().execute();
    await db.schema.createIndex('contact_profiles_account').on('contact_profiles').columns(['account_id', 'id']).execute();

    // Tags as rows too, for "contacts with tag X" by index (tags_json is what the resource shows).
    await db.schema.createTable('contact_tags')
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('contact_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('contact_tags_pk', ['account_id', 'tag', 'contact_id'])
      .execute();
    await db.schema.createIndex('contact_tags_contact').on('contact_tags').columns(['contact_id']).execute();

    await db.schema.createTable('contact_lists')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('contact_lists_name').on('contact_lists').columns(['account_id', 'name']).unique().execute();

    await db.schema.createTable('contact_list_members')
      .addColumn('list_id', 'text', (c) => c.notNull())
      .addColumn('contact_id', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('added_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('contact_list_members_pk', ['list_id', 'contact_id'])
      .execute();
    await db.schema.createIndex('contact_list_members_contact').on('contact_list_members').columns(['contact_id']).execute();

    await db.schema.createTable('contact_imports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      // importing | completed | canceled | failed
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text')
      .addColumn('options_json', 'text', (c) => c.notNull())
      .addColumn('rows_read', 'integer', (c) => c.notNull())
      .addColumn('created', 'integer', (c) => c.notNull())
      .addColumn('updated', 'integer', (c) => c.notNull())
      .addColumn('skipped', 'integer', (c) => c.notNull())
      .addColumn('duplicates', 'integer', (c) => c.notNull())
      .addColumn('invalid', 'integer', (c) => c.notNull())
      .addColumn('consents', 'integer', (c) => c.notNull())
      .addColumn('error_code', 'text')
      .addColumn('error_message', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('finished_at', 'bigint')
      .execute();
    await db.schema.createIndex('contact_imports_account').on('contact_imports').columns(['account_id', 'id']).execute();

    await db.schema.createTable('contact_import_errors')
      .addColumn('import_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('row', 'integer', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('contact_import_errors_pk', ['import_id', 'seq'])
      .execute();
    await sql`RELEASE contacts_0024`.execute(db);
  } catch (err) {
    await sql`ROLLBACK TO contacts_0024`.execute(db);
    await sql`RELEASE contacts_0024`.execute(db);
    throw err;
  }
}
