import { type Kysely } from 'kysely';

// A/B tests in campaigns (src/campaigns/ab-test.ts): the variants and the test's settings as JSON,
// the phase the fan-out is in, the two counters the exact test-group sampling resumes from, the
// winner and the figures it was chosen on; and each recipient's variant.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('campaigns').addColumn('ab_json', 'text').execute();
  await db.schema.alterTable('campaigns').addColumn('ab_phase', 'text').execute();
  await db.schema.alterTable('campaigns').addColumn('ab_seen', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('campaigns').addColumn('ab_tested', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('campaigns').addColumn('ab_test_ends_at', 'bigint').execute();
  await db.schema.alterTable('campaigns').addColumn('ab_winner', 'text').execute();
  await db.schema.alterTable('campaigns').addColumn('ab_results_json', 'text').execute();
  await db.schema.alterTable('campaign_recipients').addColumn('variant', 'text').execute();
}
