import { type Kysely } from 'kysely';

// The dashboard's message search (docs/dashboard.md#searching-messages) pages newest first by id
// within one account: each filter it offers on its own needs an index led by (account, filter)
// and ending in id, or a search for a rare error code or one template walks every message of the
// account. A campaign's messages are found from its recipients, ordered by message id.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('messages_account_error').on('messages').columns(['account_id', 'error_code', 'id']).where('error_code', 'is not', null).execute();
  await db.schema.createIndex('messages_account_template').on('messages').columns(['account_id', 'template_id', 'id']).where('template_id', 'is not', null).execute();
  await db.schema.createIndex('campaign_recipients_message').on('campaign_recipients').columns(['campaign_id', 'message_id']).execute();
}
