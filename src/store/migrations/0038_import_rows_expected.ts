import type { Kysely } from 'kysely';

// An import's expected row count (the file's lines less the header, counted while the upload is
// spooled), so a progress bar can show rows read out of rows expected on any API process. Nullable:
// imports from before, and raw-body uploads that do not count, read as "unknown".
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('contact_imports').addColumn('rows_expected', 'integer').execute();
}
