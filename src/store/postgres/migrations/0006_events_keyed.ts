import { sql, type Kysely } from 'kysely';

// PostgreSQL's 0006_events_without_rowid: the event timeline keyed by (message_id, seq). SQLite
// needed WITHOUT ROWID to make that key the table itself; PostgreSQL keys a heap table by its
// primary key index, so the same shape is the table without its surrogate id.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE message_events DROP CONSTRAINT message_events_message_seq`.execute(db);
  await sql`ALTER TABLE message_events DROP COLUMN id`.execute(db);
  await sql`ALTER TABLE message_events ADD PRIMARY KEY (message_id, seq)`.execute(db);
}
