import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './schema.ts';
import * as m0001 from './migrations/0001_initial.ts';
import * as m0002 from './migrations/0002_inbound_messages.ts';
import * as m0003 from './migrations/0003_media_variants.ts';
import * as m0004 from './migrations/0004_inbound_dedupe.ts';
import * as m0005 from './migrations/0005_message_indexes.ts';
import * as m0006 from './migrations/0006_events_without_rowid.ts';
import * as m0007 from './migrations/0007_partial_carrier_index.ts';
import * as m0008 from './migrations/0008_rich_messages.ts';
import * as m0009 from './migrations/0009_numbers.ts';
import * as m0010 from './migrations/0010_webhook_outbox_events.ts';
import * as m0011 from './migrations/0011_job_crashes.ts';
import * as m0012 from './migrations/0012_numbers_from_history.ts';
import * as m0013 from './migrations/0013_sms_channel.ts';
import * as m0014 from './migrations/0014_sms_segments.ts';
import * as m0015 from './migrations/0015_message_category.ts';
import * as m0016 from './migrations/0016_compliance.ts';
import * as m0018 from './migrations/0018_twilio_credentials.ts';
import * as m0019 from './migrations/0019_twilio_webhooks.ts';
import * as m0020 from './migrations/0020_sms_submit_progress.ts';
import * as m0023 from './migrations/0023_messaging_services.ts';
import * as m0024 from './migrations/0024_contacts.ts';
import * as m0025 from './migrations/0025_segments.ts';
import * as m0026 from './migrations/0026_tracked_links.ts';
import * as m0027 from './migrations/0027_dashboard_users.ts';
import * as m0028 from './migrations/0028_campaigns.ts';
import * as m0030 from './migrations/0030_contact_timeline_indexes.ts';
import * as m0031 from './migrations/0031_campaign_ab_tests.ts';
import * as m0032 from './migrations/0032_campaign_local_schedule.ts';
import * as m0033 from './migrations/0033_campaign_track_links.ts';
import * as m0034 from './migrations/0034_sql_functions.ts';
import * as m0038 from './migrations/0038_import_rows_expected.ts';
import * as m0040 from './migrations/0040_message_search_indexes.ts';
import * as m0041 from './migrations/0041_connector_health.ts';
import * as m0042 from './migrations/0042_campaign_templates.ts';

// Every migration, in order. Append only: never edit or renumber one that has shipped.
const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_inbound_messages': m0002,
  '0003_media_variants': m0003,
  '0004_inbound_dedupe': m0004,
  '0005_message_indexes': m0005,
  '0006_events_without_rowid': m0006,
  '0007_partial_carrier_index': m0007,
  '0008_rich_messages': m0008,
  '0009_numbers': m0009,
  '0010_webhook_outbox_events': m0010,
  '0011_job_crashes': m0011,
  '0012_numbers_from_history': m0012,
  '0013_sms_channel': m0013,
  '0014_sms_segments': m0014,
  '0015_message_category': m0015,
  '0016_compliance': m0016,
  '0018_twilio_credentials': m0018,
  '0019_twilio_webhooks': m0019,
  '0020_sms_submit_progress': m0020,
  '0023_messaging_services': m0023,
  '0024_contacts': m0024,
  '0025_segments': m0025,
  '0026_tracked_links': m0026,
  '0027_dashboard_users': m0027,
  '0028_campaigns': m0028,
  '0030_contact_timeline_indexes': m0030,
  '0031_campaign_ab_tests': m0031,
  '0032_campaign_local_schedule': m0032,
  '0033_campaign_track_links': m0033,
  '0034_sql_functions': m0034,
  '0038_import_rows_expected': m0038,
  '0040_message_search_indexes': m0040,
  '0041_connector_health': m0041,
  '0042_campaign_templates': m0042,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export interface MigrationReport {
  applied: string[];
  pending: string[];
}

export interface MigrateOptions {
  /** The caller already holds a write transaction (SQLite: BEGIN IMMEDIATE) that covers the whole run. */
  inCallerTransaction?: boolean;
}

export async function migrateToLatest(db: Db, options: MigrateOptions = {}): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider: new StaticProvider(), disableTransactions: options.inCallerTransaction === true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName), pending: [] };
}

export async function pendingMigrations(db: Db): Promise<string[]> {
  // The migrator's bookkeeping table is read directly: Kysely's Migrator first looks for it by
  // introspecting every schema, which on PostgreSQL finds another schema's table (and fails while
  // another schema is being dropped); the table that counts is the one the connection resolves.
  const names = Object.keys(migrations);
  let executed: string[];
  try {
    executed = (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name);
  } catch (err) {
    // No bookkeeping table yet: nothing has run. Anything else (the database unreachable) fails here too.
    await sql`select 1`.execute(db).catch(() => Promise.reject(err));
    return names;
  }
  const done = new Set(executed);
  return names.filter((name) => !done.has(name));
}

/** Every migration by name, in order: what the PostgreSQL store maps, one by one, to its own path. */
export function allMigrations(): Readonly<Record<string, Migration>> {
  return migrations;
}
