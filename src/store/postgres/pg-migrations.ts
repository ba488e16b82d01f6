import type { Migration } from 'kysely';
import { allMigrations } from '../migrate.ts';
import * as pg0006 from './migrations/0006_events_keyed.ts';
import * as pg0034 from './migrations/0034_sql_functions.ts';

// Every migration has a PostgreSQL path, decided one by one when it is written: either the shared
// file runs as it is (it sticks to portable DDL; `autoIncrement()` becomes an identity column
// through IdentityColumnsPlugin), or PostgreSQL has its own file under ./migrations with the same
// name. A new migration in neither list makes pg-migrations.test.ts fail, and PostgreSQL refuses
// to migrate past it, so the gap is found at merge time rather than on a customer's database.

/** Shared migrations checked to run unchanged on PostgreSQL (raw SQL in them is standard SQL). */
const PORTABLE = new Set<string>([
  '0001_initial', // autoIncrement() ids, mapped by IdentityColumnsPlugin
  '0002_inbound_messages',
  '0003_media_variants',
  '0004_inbound_dedupe',
  '0005_message_indexes',
  '0007_partial_carrier_index', // CREATE INDEX … WHERE: the same partial-index syntax on both
  '0008_rich_messages',
  '0009_numbers', // table rebuilds inside a SAVEPOINT: plain SQL, and the migrator's transaction holds it
  '0010_webhook_outbox_events', // rebuild by CREATE/INSERT…SELECT/DROP/RENAME: plain SQL
  '0011_job_crashes',
  '0012_numbers_from_history',
  '0013_sms_channel',
  '0014_sms_segments',
  '0015_message_category',
  '0016_compliance',
  '0018_twilio_credentials',
  '0019_twilio_webhooks',
  '0020_sms_submit_progress',
  '0023_messaging_services', // ALTER TABLE … ADD COLUMN inside a SAVEPOINT: plain SQL
  '0024_contacts', // schema builder inside a SAVEPOINT
  '0025_segments',
  '0026_tracked_links',
  '0027_dashboard_users',
  '0028_campaigns',
  '0030_contact_timeline_indexes',
  '0031_campaign_ab_tests',
  '0032_campaign_local_schedule',
  '0033_campaign_track_links',
  '0038_import_rows_expected', // one nullable ADD COLUMN
  '0040_message_search_indexes',
  '0041_connector_health',
  '0042_campaign_templates', // nullable ADD COLUMNs and a unique index
]);

/** PostgreSQL's own versions, where the shared file uses SQLite-only SQL. */
const OWN: Readonly<Record<string, Migration>> = {
  '0006_events_without_rowid': pg0006,
  '0034_sql_functions': pg0034,
};

export interface PostgresMigrationPlan {
  /** The PostgreSQL path of every migration up to the first one without one, in order. */
  migrations: Record<string, Migration>;
  /** Migrations with no PostgreSQL path (each needs a line above, or its own file). */
  missing: string[];
}

export function postgresMigrationPlan(): PostgresMigrationPlan {
  const migrations: Record<string, Migration> = {};
  const missing: string[] = [];
  for (const [name, shared] of Object.entries(allMigrations())) {
    const own = OWN[name];
    if (own) migrations[name] = own;
    else if (PORTABLE.has(name)) migrations[name] = shared;
    else missing.push(name);
  }
  return { migrations, missing };
}
