import { newId } from '../ids.ts';
import type { Db } from '../store/schema.ts';
import type { JobQueue } from '../queue/queue.ts';
import type { Message, MessageEvent } from '../messages/model.ts';
import { messageResource } from '../messages/resource.ts';
import type { TransitionListener } from '../messages/transitions.ts';
import { subscribes } from './event-types.ts';
import type { EndpointCache } from './endpoint-cache.ts';

/**
 * Turns each status transition into webhook deliveries: one for the message's own
 * status_callback and one per subscribed account endpoint. Runs inside the transition's
 * write unit, so a committed transition always has its deliveries queued (at-least-once).
 */
export function webhookFanOut(queue: JobQueue, endpointCache: EndpointCache): TransitionListener {
  return async (tx: Db, message: Message, event: MessageEvent): Promise<void> => {
    if (event.status === null) return;
    const type = `message.${event.status}`;
    const targets: Array<{ url: string; endpointId: string | null }> = [];
    if (message.statusCallback) targets.push({ url: message.statusCallback, endpointId: null });
    for (const endpoint of await endpointCache.forAccount(tx, message.accountId)) {
      if (subscribes(endpoint.events, type)) targets.push({ url: endpoint.url, endpointId: endpoint.id });
    }
    if (targets.length === 0) return;
    const payload = JSON.stringify({ type, timestamp: new Date(event.at).toISOString(), data: messageResource(message) });
    for (const target of targets) {
      const id = newId('whd', event.at);
      await tx.insertInto('webhook_deliveries').values({
        id, account_id: message.accountId, endpoint_id: target.endpointId, message_id: message.id, url: target.url,
        event_type: type, payload_json: payload, status: 'pending', attempts: 0, next_attempt_at: event.at,
        created_at: event.at, updated_at: event.at,
      }).execute();
      await queue.enqueue(tx, 'webhook.deliver', { deliveryId: id }, event.at);
    }
  };
}
