import type Database from 'better-sqlite3';

// SQL functions porm's own queries call by the same name on both stores: registered on every
// SQLite connection here, created in porm's schema on PostgreSQL (postgres/migrations/0034). The
// segment rules (src/contacts/segments/compile.ts) compare attributes as numbers with them.

/**
 * An attribute value as a number: a JSON number, or text that reads as a whole decimal number
 * ("42", " 3.5 ", "-1e3"); anything else (including "1-2", "3 apples", "Infinity") is null, so a
 * comparison with it is simply false. A CSV import stores every attribute as text.
 */
export const NUMBER_TEXT = /^\s*[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\s*$/;

export function attributeNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'string' || !NUMBER_TEXT.test(value)) return null;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : null;
}

export function registerSqliteFunctions(db: Database.Database): void {
  db.function('porm_number', { deterministic: true }, (value: unknown) => attributeNumber(value));
}
