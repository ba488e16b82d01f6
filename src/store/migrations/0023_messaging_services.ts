import { sql, type Kysely } from 'kysely';

// Messaging services (sender pools, src/messaging-services): a named set of an account's numbers
// that a message can be sent through without naming its sender; the sticky sender each recipient
// got from a pool; and, on a message, the service it went through. Only CREATE TABLE and
// ADD COLUMN: the same statements run on PostgreSQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`SAVEPOINT messaging_services_0023`.execute(db);
  try {
    await db.schema.createTable('messaging_services')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      // 1: a recipient keeps the number it first got from the pool (messaging_service_senders).
      .addColumn('sticky_sender', 'integer', (c) => c.notNull())
      // Defaults for messages sent through the service: a status callback when the message has
      // none, and the inbound webhook of pool numbers that have none of their own.
      .addColumn('status_callback', 'text')
      .addColumn('inbound_webhook_url', 'text')
      .addColumn('inbound_webhook_method', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('messaging_services_account').on('messaging_services').columns(['account_id', 'id']).execute();

    // A number is in at most one service (the primary key), as on Twilio: an MO to it has one
    // service's webhook. No foreign key to numbers: giving a number up (DELETE FROM numbers) must
    // not depend on this table; reads join numbers on id and account, so a number given up and
    // claimed again (a new id) never shows through.
    await db.schema.createTable('messaging_service_numbers')
      .addColumn('number_id', 'text', (c) => c.primaryKey())
      .addColumn('service_id', 'text', (c) => c.notNull().references('messaging_services.id'))
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('added_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('messaging_service_numbers_service').on('messaging_service_numbers').columns(['service_id', 'number_id']).execute();

    // The sticky sender: per service and recipient, the number the recipient gets. The primary
    // key decides concurrent first sends (ON CONFLICT DO NOTHING, then read the winner). No
    // foreign key: a send must not fail because its service is being deleted at that moment (a
    // row left for a deleted service is never read: service ids are not reused).
    await db.schema.createTable('messaging_service_senders')
      .addColumn('service_id', 'text', (c) => c.notNull())
      .addColumn('to_number', 'text', (c) => c.notNull())
      .addColumn('number_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('messaging_service_senders_pk', ['service_id', 'to_number'])
      .execute();

    await sql`ALTER TABLE messages ADD COLUMN messaging_service_id TEXT`.execute(db);
    await sql`RELEASE messaging_services_0023`.execute(db);
  } catch (err) {
    await sql`ROLLBACK TO messaging_services_0023`.execute(db);
    await sql`RELEASE messaging_services_0023`.execute(db);
    throw err;
  }
}
