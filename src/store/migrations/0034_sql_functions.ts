import type { Kysely } from 'kysely';

// The SQL functions porm's queries share across stores (src/store/sql-functions.ts). SQLite has
// json_extract, json_type and instr built in, and porm_number is registered on each connection
// as it opens, so there is nothing to store here; PostgreSQL creates all four in its own version
// of this migration (postgres/migrations/0034_sql_functions.ts).
export async function up(_db: Kysely<unknown>): Promise<void> {
  // Nothing on SQLite: see above.
}
