import { sql, type Kysely } from 'kysely';

// Webhook deliveries store the event and its subject, and are rendered and signed per dialect at
// delivery time (src/webhooks/dialects). Rows written before this keep their rendered
// `payload_json` and are sent as they are; new rows leave it null and carry `event_json` instead.
// SQLite cannot drop NOT NULL in place, hence the rebuild (a PostgreSQL schema starts this way).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE webhook_deliveries_events (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    endpoint_id TEXT,
    message_id TEXT,
    url TEXT NOT NULL,
    event_type TEXT NOT NULL,
    payload_json TEXT,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    dialect TEXT NOT NULL DEFAULT 'standard',
    subject_kind TEXT,
    subject_id TEXT,
    event_json TEXT
  )`.execute(db);
  await sql`INSERT INTO webhook_deliveries_events (id, account_id, endpoint_id, message_id, url, event_type, payload_json, status, attempts, next_attempt_at, created_at, updated_at)
    SELECT id, account_id, endpoint_id, message_id, url, event_type, payload_json, status, attempts, next_attempt_at, created_at, updated_at FROM webhook_deliveries`.execute(db);
  await sql`DROP TABLE webhook_deliveries`.execute(db);
  await sql`ALTER TABLE webhook_deliveries_events RENAME TO webhook_deliveries`.execute(db);
  await sql`CREATE INDEX webhook_deliveries_account ON webhook_deliveries (account_id, id)`.execute(db);
  await sql`CREATE INDEX webhook_deliveries_message ON webhook_deliveries (message_id)`.execute(db);
}
