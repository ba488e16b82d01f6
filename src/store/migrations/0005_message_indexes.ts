import type { Kysely } from 'kysely';

// Every index on messages is paid for by every accepted message and every status change.
// - messages_status served only the /metrics count, which a scan of messages_account_status
//   (it holds the status) answers as well; dropping it makes each send and transition cheaper.
// - (account_id, from_number, id) could not answer "who last sent from this number" (inbound
//   routing) without a full scan; (from_number, id) answers that and the list filter alike.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('messages_status').execute();
  await db.schema.dropIndex('messages_account_from').execute();
  await db.schema.createIndex('messages_from').on('messages').columns(['from_number', 'id']).execute();
}
