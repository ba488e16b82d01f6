import type { Db } from '../store/schema.ts';
import type { JobQueue } from '../queue/queue.ts';
import type { Message, MessageEvent } from '../messages/model.ts';
import type { TransitionListener } from '../messages/transitions.ts';
import { subscribes } from './event-types.ts';
import type { EndpointCache } from './endpoint-cache.ts';
import { messageStateOf, type OutboxEvent } from './outbox-event.ts';
import { queueDelivery, type DeliveryTarget } from './outbox.ts';
import { STANDARD_DIALECT, webhookDialect } from './dialects/registry.ts';

/**
 * Turns each status transition into webhook deliveries: one for the message's own
 * status_callback and one per subscribed account endpoint. Runs inside the transition's
 * write unit, so a committed transition always has its deliveries queued (at-least-once).
 * It stores the event and the message's state after it; the body is rendered at delivery.
 */
export function webhookFanOut(queue: JobQueue, endpointCache: EndpointCache): TransitionListener {
  return async (tx: Db, message: Message, event: MessageEvent): Promise<void> => {
    if (event.status === null) return;
    const type = `message.${event.status}`;
    // The message's own callback speaks the dialect of the surface that created it (the Twilio
    // surface: Twilio's form POST); account endpoints are /v1's and speak Standard Webhooks.
    const outbox: OutboxEvent = { type, at: event.at, subject: { kind: 'message', id: message.id }, seq: event.seq, state: messageStateOf(message) };
    const targets: DeliveryTarget[] = [];
    const callbackDialect = message.callbackDialect ?? STANDARD_DIALECT;
    if (message.statusCallback && (webhookDialect(callbackDialect)?.announces?.(outbox) ?? true)) {
      targets.push({ url: message.statusCallback, endpointId: null, dialect: callbackDialect });
    }
    for (const endpoint of await endpointCache.forAccount(tx, message.accountId)) {
      if (subscribes(endpoint.events, type)) targets.push({ url: endpoint.url, endpointId: endpoint.id, dialect: STANDARD_DIALECT });
    }
    if (targets.length === 0) return;
    for (const target of targets) await queueDelivery(tx, queue, { accountId: message.accountId, messageId: message.id, target, event: outbox });
  };
}
