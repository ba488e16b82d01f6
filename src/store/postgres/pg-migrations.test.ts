import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { sql } from 'kysely';
import { allMigrations } from '../migrate.ts';
import { SqliteStore } from '../sqlite-store.ts';
import { PostgresStore } from './postgres-store.ts';
import { postgresMigrationPlan } from './pg-migrations.ts';
import { cleanup, tempDir } from '../../../test/helpers/harness.ts';
import { createTestSchema, postgresUnavailable } from '../../../test/helpers/pg-schema.ts';

// Fails on purpose when a migration lands with no PostgreSQL path: add its name to PORTABLE in
// pg-migrations.ts once it is checked to run unchanged there, or give PostgreSQL its own file.
test('every migration has a PostgreSQL path', () => {
  const plan = postgresMigrationPlan();
  assert.deepEqual(plan.missing, [], `no PostgreSQL version yet for: ${plan.missing.join(', ')} (see src/store/postgres/pg-migrations.ts)`);
  assert.deepEqual(Object.keys(plan.migrations), Object.keys(allMigrations()), 'the same migrations, in the same order');
});

type Shape = Record<string, string[]>;

/** Every table's columns as "name" or "name not null" (primary key columns left as plain names: SQLite lets text keys be null). */
async function sqliteShape(store: SqliteStore): Promise<Shape> {
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(store.db);
  const shape: Shape = {};
  for (const { name } of tables.rows) {
    const cols = await sql<{ name: string; notnull: number; pk: number }>`select name, "notnull", pk from pragma_table_info(${name})`.execute(store.db);
    shape[name] = cols.rows.map((c) => (c.notnull === 1 && c.pk === 0 ? `${c.name} not null` : c.name)).sort();
  }
  return shape;
}

async function postgresShape(store: PostgresStore): Promise<Shape> {
  const cols = await sql<{ table_name: string; column_name: string; is_nullable: string; pk: boolean }>`
    select c.table_name, c.column_name, c.is_nullable, exists (
      select 1 from information_schema.key_column_usage k join information_schema.table_constraints t
        on t.constraint_name = k.constraint_name and t.table_schema = k.table_schema
      where t.constraint_type = 'PRIMARY KEY' and k.table_schema = c.table_schema and k.table_name = c.table_name and k.column_name = c.column_name
    ) as pk
    from information_schema.columns c where c.table_schema = ${store.schema}`.execute(store.db);
  const shape: Shape = {};
  for (const c of cols.rows) (shape[c.table_name] ??= []).push(c.is_nullable === 'NO' && !c.pk ? `${c.column_name} not null` : c.column_name);
  for (const name of Object.keys(shape)) shape[name]!.sort();
  return shape;
}

const unavailable = await postgresUnavailable();
describe('PostgreSQL migrations', () => {
  test('give the same tables, columns and NOT NULLs as the SQLite ones', { skip: unavailable ?? false }, async () => {
    const dir = tempDir();
    const schema = await createTestSchema('porm_migr');
    const sqlite = await SqliteStore.open(join(dir, 'porm.db'));
    const pg = await PostgresStore.open({ url: schema.url, poolSize: 2, schema: schema.schema });
    try {
      assert.deepEqual(await postgresShape(pg), await sqliteShape(sqlite));
      // Surrogate ids are 64-bit identities there, as SQLite's rowid is.
      const ids = await sql<{ table_name: string; data_type: string; is_identity: string }>`
        select table_name, data_type, is_identity from information_schema.columns
        where table_schema = ${pg.schema} and column_name = 'id' and is_identity = 'YES'`.execute(pg.db);
      assert.ok(ids.rows.length >= 4);
      for (const row of ids.rows) assert.equal(row.data_type, 'bigint', row.table_name);
    } finally {
      await sqlite.close();
      await pg.close();
      await schema.drop();
      cleanup(dir);
    }
  });
});
