import { sql, type Kysely } from 'kysely';

// PostgreSQL's 0034_sql_functions: the functions segment rules (src/contacts/segments/compile.ts)
// call, with SQLite's meanings, created in porm's schema (the first on the pool's search_path).
// json_extract/json_type take SQLite's path `$."key"` (compile.ts writes only that form, with an
// attribute key of [A-Za-z_][A-Za-z0-9_]*) over a text column of JSON; json_type names types as
// SQLite does (integer, real, text, true, false, null, object, array). porm_number is
// sql-functions.ts's attributeNumber: a number, or null for text that is not one (never an error,
// since PostgreSQL does not promise to evaluate a guard before the cast beside it).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION json_extract(doc text, path text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
      SELECT (doc::jsonb) ->> substr(path, 4, length(path) - 4)
    $fn$`.execute(db);
  await sql`
    CREATE OR REPLACE FUNCTION json_type(doc text, path text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
      SELECT CASE jsonb_typeof(v)
        WHEN 'number' THEN CASE WHEN v::text ~ '^-?[0-9]+$' THEN 'integer' ELSE 'real' END
        WHEN 'string' THEN 'text'
        WHEN 'boolean' THEN v::text
        ELSE jsonb_typeof(v)
      END
      FROM (SELECT (doc::jsonb) -> substr(path, 4, length(path) - 4) AS v) AS value
    $fn$`.execute(db);
  await sql`
    CREATE OR REPLACE FUNCTION instr(haystack text, needle text) RETURNS integer LANGUAGE sql IMMUTABLE AS $fn$
      SELECT strpos(haystack, needle)
    $fn$`.execute(db);
  await sql`
    CREATE OR REPLACE FUNCTION porm_number(value text) RETURNS double precision LANGUAGE plpgsql IMMUTABLE AS $fn$
    BEGIN
      IF value IS NULL OR value !~ '^\\s*[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?\\s*$' THEN
        RETURN NULL;
      END IF;
      RETURN btrim(value, E' \\t\\r\\n\\f')::double precision;
    EXCEPTION WHEN others THEN
      RETURN NULL; -- out of range (1e999)
    END
    $fn$`.execute(db);
}
