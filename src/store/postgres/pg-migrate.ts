import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type pg from 'pg';
import type { Db } from '../schema.ts';
import type { MigrationReport } from '../migrate.ts';
import { IdentityColumnsPlugin } from './identity-columns-plugin.ts';
import { postgresMigrationPlan } from './pg-migrations.ts';

class PlanProvider implements MigrationProvider {
  constructor(private readonly migrations: Record<string, Migration>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.migrations;
  }
}

/**
 * Brings one schema up to date, safely when several processes start at once.
 *
 * Kysely's migrator takes its own transaction-scoped advisory lock, but only after it has created
 * its bookkeeping tables with CREATE … IF NOT EXISTS, and two of those at once can still collide
 * in the catalog (a duplicate pg_type row). So the whole run, bookkeeping included, sits under a
 * session advisory lock for this schema, held on a connection of its own: a second process waits,
 * then finds nothing left to do.
 */
export async function migratePostgres(db: Db, pool: pg.Pool, schema: string): Promise<MigrationReport> {
  const plan = postgresMigrationPlan();
  if (plan.missing.length > 0) {
    throw new Error(`migrations with no PostgreSQL version yet: ${plan.missing.join(', ')} (see src/store/postgres/pg-migrations.ts)`);
  }
  const lockKey = `porm.migrate.${schema}`;
  const holder = await pool.connect();
  try {
    await holder.query('select pg_advisory_lock(hashtextextended($1, 0))', [lockKey]);
    try {
      const migrator = new Migrator({ db: db.withPlugin(new IdentityColumnsPlugin()), provider: new PlanProvider(plan.migrations), migrationTableSchema: schema });
      const { error, results } = await migrator.migrateToLatest();
      if (error) throw error instanceof Error ? error : new Error(String(error));
      return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName), pending: [] };
    } finally {
      await holder.query('select pg_advisory_unlock(hashtextextended($1, 0))', [lockKey]);
    }
  } finally {
    holder.release();
  }
}

/** Names of the migrations not yet applied to this schema. */
export async function pendingPostgresMigrations(db: Db, schema: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new PlanProvider(postgresMigrationPlan().migrations), migrationTableSchema: schema });
  return (await migrator.getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
}
