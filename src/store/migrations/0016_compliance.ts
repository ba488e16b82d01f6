import { sql, type Kysely } from 'kysely';

// Compliance: programs (one per use case of an account; every account has a default one),
// suppressions, the append-only consent ledger, double opt-in holds and porm's own replies.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`SAVEPOINT compliance_0016`.execute(db);
  try {
    await db.schema.createTable('programs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('is_default', 'integer', (c) => c.notNull())
      .addColumn('settings_json', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    // Names are unique per account: two concurrent creates of one name cannot both win.
    await db.schema.createIndex('programs_account_name').on('programs').columns(['account_id', 'name']).unique().execute();

    // The claim asks "is this recipient suppressed for this program or brand-wide" by primary key.
    await db.schema.createTable('suppressions')
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('program_id', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('suppressions_pk', ['account_id', 'recipient', 'program_id'])
      .execute();

    await db.schema.createTable('consent_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('program_id', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('confirmed', 'integer', (c) => c.notNull())
      .addColumn('wording', 'text')
      .addColumn('url', 'text')
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('keyword', 'text')
      .addColumn('inbound_id', 'text')
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .execute();
    // "The latest consent event of this recipient for this program" (marketing claims) and the history by recipient.
    await db.schema.createIndex('consent_events_recipient').on('consent_events').columns(['account_id', 'recipient', 'program_id', 'id']).execute();
    await db.schema.createIndex('consent_events_account').on('consent_events').columns(['account_id', 'id']).execute();

    await db.schema.createTable('compliance_holds')
      .addColumn('message_id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('program_id', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('compliance_holds_recipient').on('compliance_holds').columns(['account_id', 'recipient', 'program_id']).execute();

    await db.schema.createTable('compliance_replies')
      .addColumn('message_id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('inbound_id', 'text', (c) => c.unique())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await sql`RELEASE compliance_0016`.execute(db);
  } catch (err) {
    await sql`ROLLBACK TO compliance_0016`.execute(db);
    await sql`RELEASE compliance_0016`.execute(db);
    throw err;
  }
}
