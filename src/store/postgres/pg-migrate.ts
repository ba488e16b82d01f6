import { Kysely, Migrator, type Migration, type MigrationProvider } from 'kysely';
import type pg from 'pg';
import type { DB } from '../schema.ts';
import type { MigrationReport } from '../migrate.ts';
import { IdentityColumnsPlugin } from './identity-columns-plugin.ts';
import { postgresMigrationPlan } from './pg-migrations.ts';
import { SchemaScopedPostgresDialect } from './schema-scoped-dialect.ts';

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
 * then finds nothing left to do. The migrator runs on a dialect that introspects this schema only
 * (see schema-scoped-dialect.ts), so another schema being dropped meanwhile cannot fail it.
 */
export async function migratePostgres(pool: pg.Pool, schema: string): Promise<MigrationReport> {
  const plan = postgresMigrationPlan();
  if (plan.missing.length > 0) {
    throw new Error(`migrations with no PostgreSQL version yet: ${plan.missing.join(', ')} (see src/store/postgres/pg-migrations.ts)`);
  }
  const lockKey = `porm.migrate.${schema}`;
  const holder = await pool.connect();
  // The holder is checked out for the whole run: a connection that breaks under it must fail the
  // migration (its next query does), not end the process as an unheard 'error' event.
  let broken: Error | undefined;
  const onError = (err: Error): void => {
    broken = err;
  };
  holder.on('error', onError);
  try {
    await holder.query('select pg_advisory_lock(hashtextextended($1, 0))', [lockKey]);
    try {
      // Never destroyed: that would end the pool, which belongs to the store.
      const db = new Kysely<DB>({ dialect: new SchemaScopedPostgresDialect(pool, schema), plugins: [new IdentityColumnsPlugin()] });
      const migrator = new Migrator({ db, provider: new PlanProvider(plan.migrations), migrationTableSchema: schema });
      const { error, results } = await migrator.migrateToLatest();
      if (error) throw error instanceof Error ? error : new Error(String(error));
      return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName), pending: [] };
    } finally {
      await holder.query('select pg_advisory_unlock(hashtextextended($1, 0))', [lockKey]);
    }
  } finally {
    holder.removeListener('error', onError);
    holder.release(broken);
  }
}
