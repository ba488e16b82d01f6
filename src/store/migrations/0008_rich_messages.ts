import type { Kysely } from 'kysely';

// Rich messages: templates with every revision kept, messages bound to a template, the hosted
// page token, device events, form answers, postback answers and what each contact's phone can show.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('latest_revision', 'integer', (c) => c.notNull())
    // Inline templates (sent with a message, not saved by the sender) are stored the same way but hidden from lists.
    .addColumn('inline', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('templates_account_idx').on('templates').columns(['account_id', 'inline', 'id']).execute();

  // Append only: a revision is never changed, so every open can say which one it saw.
  await db.schema.createTable('template_revisions')
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('document_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('template_revisions_pk', ['template_id', 'revision'])
    .execute();

  await db.schema.alterTable('messages').addColumn('template_id', 'text').execute();
  // Null: the message follows its template's latest revision.
  await db.schema.alterTable('messages').addColumn('template_revision', 'integer').execute();
  await db.schema.alterTable('messages').addColumn('data_json', 'text').execute();
  await db.schema.alterTable('messages').addColumn('page_token', 'text').execute();
  // porm | mms | sms: the delivery form chosen for this recipient.
  await db.schema.alterTable('messages').addColumn('channel', 'text').execute();
  await db.schema.createIndex('messages_page_token_idx').on('messages').column('page_token').unique().where('page_token', 'is not', null).execute();
  await db.schema.createIndex('messages_template_idx').on('messages').columns(['template_id', 'created_at']).where('template_id', 'is not', null).execute();

  await db.schema.createTable('rich_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    // open | render | click | submit | postback | quick_reply
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('action_id', 'text')
    .addColumn('ok', 'integer')
    .addColumn('duration_ms', 'real')
    .addColumn('data_json', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rich_events_message_idx').on('rich_events').columns(['message_id', 'at']).execute();
  await db.schema.createIndex('rich_events_template_idx').on('rich_events').columns(['template_id', 'kind']).execute();

  await db.schema.createTable('form_submissions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('form_id', 'text', (c) => c.notNull())
    .addColumn('answers_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('form_submissions_message_idx').on('form_submissions').columns(['message_id', 'form_id']).execute();
  await db.schema.createIndex('form_submissions_template_idx').on('form_submissions').columns(['template_id', 'created_at']).execute();

  // One answer per (message, postback action): a replayed press returns it without calling the sender again.
  await db.schema.createTable('postback_answers')
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('action_id', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('postback_answers_pk', ['message_id', 'action_id'])
    .execute();

  // What a recipient's phone showed it can do, learned from its first porm render.
  await db.schema.createTable('contacts')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('rich_capable', 'integer', (c) => c.notNull())
    .addColumn('capabilities_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('contacts_pk', ['account_id', 'phone'])
    .execute();
}
