import { sql, type Kysely } from 'kysely';

// Sender numbers owned by accounts, and inbound messages (with their media) that may belong to
// nobody: an MO to a number no account owns is kept for the operator, unattributed.
export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite runs migrations outside a transaction; the table rebuilds below must not be left half-done.
  await sql`SAVEPOINT numbers_0009`.execute(db);
  try {
    await db.schema.createTable('numbers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      // Canonical text (src/numbers/number-format.ts). Unique: one owner per number, races included.
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('capabilities_json', 'text', (c) => c.notNull())
      .addColumn('route', 'text')
      // Reserved for the compliance program (campaign registration) the number belongs to.
      .addColumn('program_id', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('numbers_account').on('numbers').columns(['account_id', 'id']).execute();

    // NOT NULL → NULL on account_id. SQLite cannot alter a column, so both tables are rebuilt
    // (PostgreSQL: ALTER COLUMN account_id DROP NOT NULL). No foreign key points at either table.
    await db.schema.createTable('inbound_messages_0009')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
      .addColumn('carrier', 'text', (c) => c.notNull())
      .addColumn('from_number', 'text', (c) => c.notNull())
      .addColumn('to_number', 'text', (c) => c.notNull())
      .addColumn('subject', 'text')
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('media_json', 'text', (c) => c.notNull())
      .addColumn('linked_id', 'text')
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addColumn('dedupe_key', 'text')
      .execute();
    await sql`INSERT INTO inbound_messages_0009 (id, account_id, carrier, from_number, to_number, subject, body, media_json, linked_id, received_at, dedupe_key)
      SELECT id, account_id, carrier, from_number, to_number, subject, body, media_json, linked_id, received_at, dedupe_key FROM inbound_messages`.execute(db);
    await db.schema.dropTable('inbound_messages').execute();
    await db.schema.alterTable('inbound_messages_0009').renameTo('inbound_messages').execute();
    await db.schema.createIndex('inbound_messages_account').on('inbound_messages').columns(['account_id', 'id']).execute();
    await db.schema.createIndex('inbound_messages_dedupe').on('inbound_messages').columns(['carrier', 'dedupe_key']).unique().execute();
    // The operator's list of unattributed messages.
    await db.schema.createIndex('inbound_messages_unattributed').on('inbound_messages').column('id').where(sql.ref('account_id'), 'is', null).execute();

    await db.schema.createTable('media_0009')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('filename', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('declared_type', 'text')
      .execute();
    await sql`INSERT INTO media_0009 (id, account_id, sha256, size, content_type, filename, created_at, declared_type)
      SELECT id, account_id, sha256, size, content_type, filename, created_at, declared_type FROM media`.execute(db);
    await db.schema.dropTable('media').execute();
    await db.schema.alterTable('media_0009').renameTo('media').execute();
    await db.schema.createIndex('media_account').on('media').columns(['account_id', 'id']).execute();
    await sql`RELEASE numbers_0009`.execute(db);
  } catch (err) {
    await sql`ROLLBACK TO numbers_0009`.execute(db);
    await sql`RELEASE numbers_0009`.execute(db);
    throw err;
  }
}
