import { type Kysely } from 'kysely';

// A contact's timeline (src/contacts/timeline) reads each source by (account, number, time): the
// messages a number sent in and the conversions attributed to it had no index led by the number.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('inbound_messages_account_from').on('inbound_messages').columns(['account_id', 'from_number', 'received_at']).execute();
  await db.schema.createIndex('conversions_recipient').on('conversions').columns(['account_id', 'recipient', 'occurred_at']).execute();
}
