import type { Kysely } from 'kysely';

// A job's crash count, apart from its claim count: a message may be claimed many times
// legitimately (retries, throttles), but a handler that keeps throwing is given up after a few.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('crashes', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
