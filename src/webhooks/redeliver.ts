import { PormError } from '../errors.ts';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { JobQueue } from '../queue/queue.ts';

/**
 * "Send again": a settled delivery (succeeded or failed) goes back to pending and gets a new
 * `webhook.deliver` job, so the usual machinery renders, signs, attempts, logs and retries it.
 * It keeps its id, which is the webhook-id receivers dedupe by (as Svix and Stripe resend the same
 * event). One conditional update decides: two clicks at once, or a click while the delivery is
 * still pending, queue at most one job, and a pending delivery is refused (it is going anyway).
 */
export async function redeliver(store: Store, queue: JobQueue, clock: Clock, accountId: string, deliveryId: string, endpointId?: string): Promise<void> {
  const now = clock.now();
  await store.write(async (tx) => {
    let update = tx.updateTable('webhook_deliveries').set({ status: 'pending', next_attempt_at: now, updated_at: now })
      .where('id', '=', deliveryId).where('account_id', '=', accountId).where('status', '!=', 'pending');
    if (endpointId !== undefined) update = update.where('endpoint_id', '=', endpointId);
    const result = await update.executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      let find = tx.selectFrom('webhook_deliveries').select('status').where('id', '=', deliveryId).where('account_id', '=', accountId);
      if (endpointId !== undefined) find = find.where('endpoint_id', '=', endpointId);
      const row = await find.executeTakeFirst();
      throw new PormError(row ? 'PORM_DASHBOARD_DELIVERY_PENDING' : 'PORM_WEBHOOK_DELIVERY_NOT_FOUND');
    }
    await queue.enqueue(tx, 'webhook.deliver', { deliveryId }, now);
  });
}
