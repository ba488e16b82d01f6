import {
  PostgresDialect, sql,
  type DatabaseIntrospector, type DatabaseMetadata, type Dialect, type Kysely, type SchemaMetadata, type TableMetadata,
} from 'kysely';
import type pg from 'pg';

/**
 * PostgreSQL as Kysely's PostgresDialect speaks it, except that introspection sees one schema only.
 *
 * Kysely's migrator asks whether its bookkeeping tables exist by listing every table of every
 * schema, and that catalog query fails ("schema … does not exist") whenever some other schema of
 * the same database is dropped while it runs: tests drop theirs all the time, and a shared
 * database may hold other tenants' schemas. The migrator needs only names within porm's schema, so
 * that is all this introspector reads, from pg_tables, which takes no per-schema privilege checks.
 */
export class SchemaScopedPostgresDialect implements Dialect {
  private readonly inner: PostgresDialect;

  constructor(pool: pg.Pool, private readonly schema: string) {
    this.inner = new PostgresDialect({ pool });
  }

  createDriver: Dialect['createDriver'] = () => this.inner.createDriver();
  createQueryCompiler: Dialect['createQueryCompiler'] = () => this.inner.createQueryCompiler();
  createAdapter: Dialect['createAdapter'] = () => this.inner.createAdapter();
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new OneSchemaIntrospector(db, this.schema);
  }
}

class OneSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<unknown>, private readonly schema: string) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const rows = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace where nspname = ${this.schema}`.execute(this.db);
    return rows.rows;
  }

  async getTables(): Promise<TableMetadata[]> {
    const rows = await sql<{ name: string }>`select tablename as name from pg_catalog.pg_tables where schemaname = ${this.schema}`.execute(this.db);
    // Columns are left empty: the migrator reads only each table's name and schema.
    return rows.rows.map((r) => ({ name: r.name, schema: this.schema, isView: false, columns: [] }));
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}
