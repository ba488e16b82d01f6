import { newId } from '../ids.ts';
import type { Db } from '../store/schema.ts';
import type { JobQueue } from '../queue/queue.ts';
import { storedEvent, type OutboxEvent } from './outbox-event.ts';

export interface DeliveryTarget {
  url: string;
  /** Null for a message's own status_callback. */
  endpointId: string | null;
  /** Which dialect renders and signs it (a key of the dialect registry). */
  dialect: string;
  /** GET sends the rendered form as the query string (Twilio-style number webhooks); default POST. */
  method?: 'GET' | 'POST';
}

/**
 * Queues one delivery of an event to one target, inside the caller's write unit: the event and
 * its deliveries commit together (at-least-once). Nothing is rendered here. Returns the delivery id.
 */
export async function queueDelivery(
  tx: Db, queue: JobQueue, delivery: { accountId: string; messageId: string | null; target: DeliveryTarget; event: OutboxEvent },
): Promise<string> {
  const { event, target } = delivery;
  const id = newId('whd', event.at);
  await tx.insertInto('webhook_deliveries').values({
    id, account_id: delivery.accountId, endpoint_id: target.endpointId, message_id: delivery.messageId, url: target.url,
    event_type: event.type, payload_json: null, dialect: target.dialect, subject_kind: event.subject.kind, subject_id: event.subject.id,
    event_json: storedEvent(event), ...(target.method === 'GET' ? { method: 'GET' } : {}), status: 'pending', attempts: 0, next_attempt_at: event.at, created_at: event.at, updated_at: event.at,
  }).execute();
  await queue.enqueue(tx, 'webhook.deliver', { deliveryId: id }, event.at);
  return id;
}
