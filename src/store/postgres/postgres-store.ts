import { Kysely, PostgresDialect, sql } from 'kysely';
import type pg from 'pg';
import type { DB, Db } from '../schema.ts';
import type { Store } from '../store.ts';
import { createPool, type PoolOptions } from './pg-pool.ts';
import { GuardedPool } from './guarded-pool.ts';
import { isRetryableTransactionError } from './pg-errors.ts';
import { migratePostgres } from './pg-migrate.ts';
import type { Logger } from 'pino';
import { PgNotifier } from '../../notify/pg-notifier.ts';

/** How many times a unit PostgreSQL aborted (serialization failure, deadlock) is run in all. */
const ENGINE_RETRY_ATTEMPTS = 5;

/**
 * The distributed store: PostgreSQL through a pg Pool. Every write unit is one READ COMMITTED
 * transaction on a pooled connection; the unit is answered after COMMIT, i.e. once it is durable
 * (synchronous_commit is the server's business, on by default). Units the engine aborts are run
 * again from the start; units that lose a race they detect themselves throw WriteConflict, and
 * writeWithRetry re-runs them, exactly as on SQLite.
 */
export class PostgresStore implements Store {
  readonly db: Db;
  readonly skipLockedClaims = true;
  /** Callbacks of the units in flight, by their transaction (see afterCommit). */
  private readonly commitHooks = new WeakMap<Db, Set<() => void>>();
  private notifier: PgNotifier | undefined;

  private constructor(private readonly pool: pg.Pool, readonly schema: string, private readonly url: string) {
    this.db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new GuardedPool(pool) }) });
  }

  /** Connects, and brings the schema up to date (under a lock, so several processes may start at once). */
  static async open(options: PoolOptions): Promise<PostgresStore> {
    const store = new PostgresStore(createPool(options), options.schema, options.url);
    try {
      await migratePostgres(store.pool, options.schema);
    } catch (err) {
      await store.close();
      throw err;
    }
    return store;
  }

  async write<T>(unit: (tx: Db) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const hooks = new Set<() => void>();
        const result = await this.db.transaction().setIsolationLevel('read committed').execute((tx) => {
          this.commitHooks.set(tx, hooks);
          return unit(tx);
        });
        runHooks(hooks);
        return result;
      } catch (err) {
        if (!isRetryableTransactionError(err) || attempt >= ENGINE_RETRY_ATTEMPTS) throw err;
      }
    }
  }

  /** Once per unit for the same `fn`. A unit retried after an engine abort registers its hooks again, on its new transaction. */
  afterCommit(tx: Db, fn: () => void): void {
    const hooks = this.commitHooks.get(tx);
    // A transaction this store did not start (a unit handed someone else's tx): run the hook on the
    // next tick, which follows the commit in every caller that awaits its unit.
    if (hooks) hooks.add(fn);
    else setImmediate(fn);
  }

  openNotifier(log?: Logger): PgNotifier {
    // Named after the schema, so pg_stat_activity says which installation a LISTEN connection serves.
    this.notifier ??= new PgNotifier({ url: this.url, schema: this.schema, log, applicationName: `porm-notifier:${this.schema}`.slice(0, 63) });
    return this.notifier;
  }

  /** Held until the unit's transaction ends; re-entrant within it, as PostgreSQL advisory locks are. */
  async lockKey(tx: Db, key: string, mode: 'exclusive' | 'shared' = 'exclusive'): Promise<void> {
    if (mode === 'shared') await sql`select pg_advisory_xact_lock_shared(hashtextextended(${key}, 0))`.execute(tx);
    else await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(tx);
  }

  async serverTime(): Promise<number> {
    const { rows } = await sql<{ ms: number }>`select floor(extract(epoch from clock_timestamp()) * 1000)::int8 as ms`.execute(this.db);
    return Number(rows[0]!.ms);
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.notifier?.close();
    // Ends the pool too.
    await this.db.destroy();
  }
}

/** After the commit: a failing hook must not make a durable unit look failed (its caller would retry it). */
function runHooks(hooks: ReadonlySet<() => void>): void {
  for (const hook of hooks) {
    try {
      hook();
    } catch {
      // Hooks only send hints; a lost hint is covered by polling.
    }
  }
}
