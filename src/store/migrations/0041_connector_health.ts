import type { Kysely } from 'kysely';

// Connector health as each process that runs connectors sees it (src/carriers/health-report.ts):
// one row per connector and process instance, replaced every few seconds by that instance alone
// (an upsert on the key, so writers never read-modify-write). Readers treat a row not updated for
// a minute as stale; old rows are pruned. Not account data: no message content, no numbers.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('connector_health')
    .addColumn('connector', 'text', (c) => c.notNull())
    .addColumn('instance', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    // Binds (SMPP) or held connections up and configured; null where the protocol holds none.
    .addColumn('binds_up', 'integer')
    .addColumn('binds_configured', 'integer')
    .addColumn('submits_last_minute', 'integer', (c) => c.notNull())
    .addColumn('last_ok_at', 'bigint')
    // JSON array of { code, message, at }, newest first, a few at most.
    .addColumn('errors_json', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('connector_health_pk', ['connector', 'instance'])
    .execute();
  await db.schema.createIndex('connector_health_updated').on('connector_health').column('updated_at').execute();
}
