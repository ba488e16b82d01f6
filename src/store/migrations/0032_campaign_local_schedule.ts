import type { Kysely } from 'kysely';

// A campaign sent at a wall-clock time in each recipient's zone (src/campaigns/local-schedule.ts):
// the local date-time without zone ("2026-12-04T10:00") and the zone for recipients porm cannot
// place. Both null for a campaign sent now or at one instant (send_at). Only ADD COLUMN: the same
// statements run on PostgreSQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('campaigns').addColumn('send_at_local', 'text').execute();
  await db.schema.alterTable('campaigns').addColumn('send_at_local_fallback_zone', 'text').execute();
}
