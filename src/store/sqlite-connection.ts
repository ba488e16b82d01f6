import Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { registerSqliteFunctions } from './sql-functions.ts';

const BUSY_TIMEOUT_MS = 10_000;
const WRITER_CACHE_KIB = 32 * 1024;

export interface OpenOptions {
  readonly: boolean;
}

/** Opens one better-sqlite3 connection with porm's pragmas. */
export function openSqlite(path: string, options: OpenOptions): Database.Database {
  const db = new Database(path, { readonly: false, fileMustExist: options.readonly });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  registerSqliteFunctions(db);
  if (options.readonly) {
    db.pragma('query_only = ON');
  } else {
    db.pragma('journal_mode = WAL');
    // Acknowledged means durable: every COMMIT is fsynced. Group commit keeps this fast.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('wal_autocheckpoint = 10000');
    // The writer's page cache: 32 MiB instead of SQLite's 2 MiB. Inserts into a large table touch
    // pages all over its unique indexes (a contact's phone, a message's recipient); with 2 MiB each
    // such page is read back from the OS on most inserts. Importing 300,000 contacts went from
    // ~45,000 to ~57,000 rows/s. The cache fills only as pages are used, one per writing connection.
    db.pragma(`cache_size = -${WRITER_CACHE_KIB}`);
  }
  return db;
}

/**
 * BEGIN IMMEDIATE without blocking the event loop while another connection writes.
 *
 * better-sqlite3 waits for a busy file synchronously (busy_timeout), which is right between
 * processes but stalls this whole process meanwhile; if the holder is another connection in
 * this same process (two stores opening one file at once), it can never finish and the wait
 * ends in SQLITE_BUSY. So: try without waiting, and yield between tries, for as long as
 * busy_timeout would have waited.
 */
export async function beginImmediateWaiting(db: Database.Database, pauseMs = 20): Promise<void> {
  db.pragma('busy_timeout = 0');
  try {
    for (let waited = 0; ; waited += pauseMs) {
      try {
        db.exec('BEGIN IMMEDIATE');
        return;
      } catch (err) {
        if (!isBusy(err) || waited >= BUSY_TIMEOUT_MS) throw err;
      }
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** The direct executor for query templates: cached statements, run synchronously. */
export function directExecutor(database: SqliteDatabase): (sql: string, parameters: readonly unknown[]) => { rows: unknown[]; numAffectedRows?: bigint; insertId?: bigint } {
  return (sql, parameters) => {
    const stmt = database.prepare(sql) as unknown as Database.Statement;
    if (stmt.reader) return { rows: stmt.all(...parameters) };
    const result = stmt.run(...parameters);
    return { rows: [], numAffectedRows: BigInt(result.changes), insertId: BigInt(result.lastInsertRowid) };
  };
}

/**
 * Wraps a connection for Kysely so each distinct SQL text is prepared once. Kysely's
 * SQLite driver prepares on every query, which costs more than running the query itself.
 */
export function cachingDatabase(db: Database.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = db.prepare(sql) as unknown as SqliteStatement;
        if (cache.size > 500) cache.clear();
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}
