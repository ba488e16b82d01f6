import { sql, type Kysely } from 'kysely';

// The event timeline is read by (message_id, seq) only. Keyed by that directly, in SQLite's
// WITHOUT ROWID form, each event is one b-tree insert instead of a row plus a unique index:
// every message writes four or five events, so this is on the hot path. (SQLite-specific DDL;
// a PostgreSQL schema keys the table by (message_id, seq) the ordinary way.)
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE message_events_keyed (
    message_id TEXT NOT NULL REFERENCES messages(id),
    seq INTEGER NOT NULL,
    account_id TEXT NOT NULL,
    type TEXT NOT NULL,
    status TEXT,
    at BIGINT NOT NULL,
    data_json TEXT,
    PRIMARY KEY (message_id, seq)
  ) WITHOUT ROWID`.execute(db);
  await sql`INSERT INTO message_events_keyed (message_id, seq, account_id, type, status, at, data_json)
    SELECT message_id, seq, account_id, type, status, at, data_json FROM message_events`.execute(db);
  await sql`DROP TABLE message_events`.execute(db);
  await sql`ALTER TABLE message_events_keyed RENAME TO message_events`.execute(db);
}
