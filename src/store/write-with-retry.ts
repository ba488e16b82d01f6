import type { Db } from './schema.ts';
import type { Store } from './store.ts';
import { isWriteConflict } from './write-conflict.ts';

/** How many times a unit that lost a race is run in all before its WriteConflict reaches the caller. */
export const WRITE_ATTEMPTS = 5;

/**
 * Runs a read-decide-write unit, and runs it again (from its reads) when it loses a race.
 *
 * Retrying lives here, around the whole unit, rather than inside each conditional update:
 * only the unit knows what it decided from what it read, so only re-running it from the start
 * re-decides correctly (a report that would have delivered a `sent` message must become a
 * late note once another writer made it final). The store rolls a throwing unit back, so each
 * attempt starts clean. Under contention the next attempt reads what the winner committed, so
 * a handful of attempts is plenty; running out means something keeps changing the row, and the
 * caller gets the WriteConflict (PORM_WRITE_CONFLICT) rather than a silent loss.
 */
export async function writeWithRetry<T>(store: Store, unit: (tx: Db) => Promise<T>, attempts = WRITE_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.write(unit);
    } catch (err) {
      if (!isWriteConflict(err) || attempt >= attempts) throw err;
    }
  }
}
