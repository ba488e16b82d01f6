import type { Db } from './schema.ts';

/**
 * The storage seam between domain code and a database engine.
 *
 * `read` runs queries on a connection that sees only committed data. `write` runs a unit of
 * work atomically and resolves only once that unit is durable. Write units must touch the
 * database only (no network, no timers) and must never call `write` themselves: on SQLite
 * many units share one transaction and one fsync (group commit), so a unit that waits on
 * anything else stalls every request in its batch.
 */
export interface Store {
  readonly db: Db;
  write<T>(unit: (tx: Db) => Promise<T>): Promise<T>;
  /** Cheap liveness probe for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
