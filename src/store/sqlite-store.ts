import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type Database from 'better-sqlite3';
import type { DB, Db } from './schema.ts';
import type { Store } from './store.ts';
import { GroupCommitter } from './group-commit.ts';
import { beginImmediateWaiting, cachingDatabase, directExecutor, openSqlite } from './sqlite-connection.ts';
import { registerDirectExecutor } from './query-template.ts';
import { migrateToLatest } from './migrate.ts';

/**
 * The embedded store: one SQLite file in WAL mode, one writer connection behind a group
 * committer and one reader connection. Readers never see another unit's uncommitted work.
 */
export class SqliteStore implements Store {
  readonly db: Db;
  private readonly writerDb: Db;
  private readonly committer: GroupCommitter<Db>;

  private constructor(
    private readonly writerConn: Database.Database,
    private readonly readerConn: Database.Database,
  ) {
    const writer = cachingDatabase(writerConn);
    const reader = cachingDatabase(readerConn);
    this.writerDb = new Kysely<DB>({ dialect: new SqliteDialect({ database: writer }) });
    this.db = new Kysely<DB>({ dialect: new SqliteDialect({ database: reader }) });
    registerDirectExecutor(this.writerDb, directExecutor(writer));
    registerDirectExecutor(this.db, directExecutor(reader));
    this.committer = new GroupCommitter<Db>(writerConn, this.writerDb);
  }

  /** Opens (creating if needed) the database file and brings its schema up to date. */
  static async open(path: string): Promise<SqliteStore> {
    mkdirSync(dirname(path), { recursive: true });
    const writer = openSqlite(path, { readonly: false });
    const migrationDb = new Kysely<DB>({ dialect: new SqliteDialect({ database: writer }) });
    // Reading which migrations ran and running the rest is one exclusive transaction, so two
    // processes (or two stores in one process) opening a fresh file at once apply each migration
    // once: the second waits, then finds nothing left to do. Kysely's own transaction would start
    // deferred, read, and then fail to upgrade to a writer once the first had committed.
    await beginImmediateWaiting(writer);
    try {
      await migrateToLatest(migrationDb, { inCallerTransaction: true });
      writer.exec('COMMIT');
    } catch (err) {
      if (writer.inTransaction) writer.exec('ROLLBACK');
      writer.close();
      throw err;
    }
    const reader = openSqlite(path, { readonly: true });
    return new SqliteStore(writer, reader);
  }

  write<T>(unit: (tx: Db) => Promise<T>): Promise<T> {
    return this.committer.submit(unit);
  }

  /** A write unit here is one BEGIN IMMEDIATE batch, which already excludes every other writer on the file. */
  async lockKey(): Promise<void> {}

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async close(): Promise<void> {
    this.committer.close();
    await this.committer.idle();
    this.readerConn.close();
    this.writerConn.close();
  }
}
