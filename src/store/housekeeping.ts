import type { Logger } from 'pino';
import type { Store } from './store.ts';

const DAY_MS = 24 * 3600 * 1000;
/** Idempotency keys and unmatched delivery reports are kept this long, then deleted. */
export const RETENTION_MS = 7 * DAY_MS;

/** Deletes what has outlived its use: old idempotency keys and reports that never matched a message. */
export async function purgeExpired(store: Store, now: number): Promise<{ idempotencyKeys: number; pendingReports: number }> {
  const cutoff = now - RETENTION_MS;
  return store.write(async (tx) => {
    const keys = await tx.deleteFrom('idempotency_keys').where('created_at', '<', cutoff).executeTakeFirst();
    const reports = await tx.deleteFrom('pending_reports').where('received_at', '<', cutoff).executeTakeFirst();
    return { idempotencyKeys: Number(keys.numDeletedRows), pendingReports: Number(reports.numDeletedRows) };
  });
}

/** Runs purgeExpired now and then hourly until stopped. */
export function startHousekeeping(store: Store, now: () => number, log: Logger): () => void {
  const run = (): void => {
    purgeExpired(store, now()).then(
      (purged) => {
        if (purged.idempotencyKeys + purged.pendingReports > 0) log.info(purged, 'housekeeping: purged expired rows');
      },
      (err: unknown) => log.warn({ err }, 'housekeeping failed'),
    );
  };
  run();
  const timer = setInterval(run, 3600 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
