import { sql, type Kysely } from 'kysely';

// Delivery reports look messages up by carrier id, which a message only has once sent. A
// partial index skips the rows without one, so accepting a message no longer touches it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('messages_carrier_id').execute();
  await db.schema.createIndex('messages_carrier_id').on('messages').columns(['carrier', 'carrier_message_id'])
    .where(sql.ref('carrier_message_id'), 'is not', null).execute();
}
