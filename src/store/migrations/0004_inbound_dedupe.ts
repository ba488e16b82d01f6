import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // An MMSC that lost porm's DeliverRsp sends the same DeliverReq again: same TransactionID, same
  // bytes. The key combines both, since some MMSCs reuse TransactionIDs for different messages.
  await db.schema.alterTable('inbound_messages').addColumn('dedupe_key', 'text').execute();
  await db.schema.createIndex('inbound_messages_dedupe').on('inbound_messages').columns(['carrier', 'dedupe_key']).unique().execute();
  // Housekeeping deletes by age.
  await db.schema.createIndex('pending_reports_received').on('pending_reports').columns(['received_at']).execute();
  await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').columns(['created_at']).execute();
}
