import { newId } from '../ids.ts';
import type { Db } from '../store/schema.ts';
import type { JobQueue } from '../queue/queue.ts';
import type { EndpointCache } from './endpoint-cache.ts';
import { subscribes } from './event-types.ts';

/**
 * Queues a webhook for every endpoint of the account subscribed to `type`, inside the caller's
 * write unit: the event row and its deliveries commit together (at-least-once, retried like any webhook).
 */
export async function queueAccountEvent(
  tx: Db, queue: JobQueue, endpoints: EndpointCache,
  event: { accountId: string; messageId: string | null; type: string; data: unknown; at: number },
): Promise<void> {
  const payload = JSON.stringify({ type: event.type, timestamp: new Date(event.at).toISOString(), data: event.data });
  for (const endpoint of await endpoints.forAccount(tx, event.accountId)) {
    if (!subscribes(endpoint.events, event.type)) continue;
    const id = newId('whd', event.at);
    await tx.insertInto('webhook_deliveries').values({
      id, account_id: event.accountId, endpoint_id: endpoint.id, message_id: event.messageId, url: endpoint.url, event_type: event.type,
      payload_json: payload, status: 'pending', attempts: 0, next_attempt_at: event.at, created_at: event.at, updated_at: event.at,
    }).execute();
    await queue.enqueue(tx, 'webhook.deliver', { deliveryId: id }, event.at);
  }
}
