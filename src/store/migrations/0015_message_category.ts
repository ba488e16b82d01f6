import { sql, type Kysely } from 'kysely';

// A message is transactional (the default, and what every message stored before this was) or
// marketing. Compliance asks "how many marketing messages has this account sent this recipient
// in the last N hours" on every marketing claim (frequency caps): a partial index holds only
// marketing rows, so transactional traffic (most of it) pays nothing for it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('category', 'text', (c) => c.notNull().defaultTo('transactional')).execute();
  await db.schema.createIndex('messages_marketing_recipient').on('messages').columns(['account_id', 'to_number', 'created_at'])
    .where(sql.ref('category'), '=', sql.lit('marketing')).execute();
}
