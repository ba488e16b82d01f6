import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Server-wide secrets and settings (e.g. the key that signs media URLs).
  await db.schema.createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  // One derived file per original, profile and byte budget: a campaign transcodes once.
  await db.schema.createTable('media_variants')
    .addColumn('original_sha256', 'text', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('max_bytes', 'bigint', (c) => c.notNull())
    .addColumn('variant_sha256', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('details_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('media_variants_pk', ['original_sha256', 'profile', 'max_bytes'])
    .execute();

  // What each message actually carried: original and variant sent, with sizes.
  await db.schema.alterTable('messages').addColumn('media_sent_json', 'text').execute();
  // The type sniffed from the bytes, and whether the uploader's declared type disagreed.
  await db.schema.alterTable('media').addColumn('declared_type', 'text').execute();
}
