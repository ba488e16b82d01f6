import type { Compilable, QueryResult } from 'kysely';
import type { Db } from './schema.ts';
import { runCompiled } from './query-template.ts';

// A multi-row statement (INSERT … VALUES (…), (…), …) built with Kysely once per row count and
// then reused with new values, as queryTemplate does for one row. Kysely parses every value of
// every row on each call: for a campaign batch's messages (36 columns, hundreds of rows) that
// parsing cost more than SQLite's insert itself (bench campaign, fan-out profile).

const MARK = Symbol('porm.row-placeholder');

interface RowPlaceholder {
  readonly [MARK]: { row: number; column: string };
}

function isRowPlaceholder(value: unknown): value is RowPlaceholder {
  return typeof value === 'object' && value !== null && MARK in value;
}

/** Distinct row counts kept compiled per database: a batch's chunks are mostly full, and its last one any size. */
const SHAPES_KEPT = 64;

/**
 * `build` gets placeholder rows (one object per row, with exactly `columns` as keys) and writes
 * the statement with them as values; the statement is compiled once per database and row count.
 * Rows passed later supply the values by column name (a missing one is null).
 */
export function rowsTemplate<Row extends Record<string, unknown>, R = unknown>(
  columns: ReadonlyArray<keyof Row & string>,
  build: (db: Db, rows: Row[]) => Compilable<R>,
): (db: Db, rows: readonly Row[]) => Promise<QueryResult<R>> {
  const compiled = new WeakMap<Db, Map<number, { sql: string; slots: Array<{ row: number; column: string } | null>; fixed: unknown[] }>>();
  return (db, rows) => {
    let shapes = compiled.get(db);
    if (!shapes) compiled.set(db, (shapes = new Map()));
    let entry = shapes.get(rows.length);
    if (!entry) {
      const placeholders = rows.map((_r, row) => Object.fromEntries(columns.map((column) => [column, { [MARK]: { row, column } }])) as unknown as Row);
      const query = build(db, placeholders).compile();
      entry = {
        sql: query.sql,
        slots: query.parameters.map((v) => (isRowPlaceholder(v) ? v[MARK] : null)),
        // Parameters that are not placeholders (constants in the statement) keep their value.
        fixed: query.parameters.map((v) => (isRowPlaceholder(v) ? undefined : v)),
      };
      if (shapes.size >= SHAPES_KEPT) shapes.clear();
      shapes.set(rows.length, entry);
    }
    const { sql, slots, fixed } = entry;
    const values = slots.map((slot, i) => (slot === null ? fixed[i] : rows[slot.row]![slot.column] ?? null));
    return runCompiled<R>(db, sql, values);
  };
}
