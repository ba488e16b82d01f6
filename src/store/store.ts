import type { Db } from './schema.ts';
import type { Notifier } from '../notify/notifier.ts';
import type { Logger } from 'pino';

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
  /**
   * Inside a write unit: waits until no other unit holds `key`, then holds it until this unit
   * commits or rolls back. Two units that must not interleave (a delivery report and the `sent`
   * it may overtake) take the same key before reading. PostgreSQL: pg_advisory_xact_lock on a
   * hash of the key. SQLite: nothing to do, since a write unit already excludes every other
   * writer on the file, in this process or any other. A unit may take a key it already holds.
   *
   * `shared`: many units may hold the key shared at once, and none while a unit holds it
   * exclusively (the default). For readers that only need to see a writer's change, like a send
   * checking consent, which must not queue behind every other send to the same recipient. A unit
   * must not ask for a key exclusively after taking it shared (two such units deadlock).
   */
  lockKey(tx: Db, key: string, mode?: 'exclusive' | 'shared'): Promise<void>;
  /**
   * True on engines with row locks (PostgreSQL): a claim selects its candidate rows FOR UPDATE
   * SKIP LOCKED, so concurrent claimers take different rows instead of queuing behind one another
   * on the same ones. Absent where a write unit already excludes every other writer (SQLite).
   */
  readonly skipLockedClaims?: boolean;
  /**
   * Inside a write unit: runs `fn` once the unit has committed (never if it rolls back), before
   * write() resolves. For hints to other processes, which must not arrive before the change they
   * announce is visible. Absent where no other process needs telling (SQLite, embedded mode).
   */
  afterCommit?(tx: Db, fn: () => void): void;
  /**
   * The Notifier that reaches every process sharing this database (PostgreSQL: LISTEN/NOTIFY),
   * closed with the store. Absent on stores a single process owns.
   */
  openNotifier?(log?: Logger): Notifier;
  /**
   * The database server's clock (epoch ms), on stores that processes on several machines share:
   * those processes keep time by it (store/server-clock.ts), so leases and schedules hold whatever
   * each machine's own clock says. Absent where one process owns the store (SQLite).
   */
  serverTime?(): Promise<number>;
  /** Cheap liveness probe for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
