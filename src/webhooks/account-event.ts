import type { Db } from '../store/schema.ts';
import type { JobQueue } from '../queue/queue.ts';
import type { EndpointCache } from './endpoint-cache.ts';
import { subscribes } from './event-types.ts';
import type { OutboxEvent } from './outbox-event.ts';
import { queueDelivery } from './outbox.ts';
import { STANDARD_DIALECT } from './dialects/registry.ts';

/**
 * Queues a webhook for every endpoint of the account subscribed to the event's type, inside the
 * caller's write unit: the event row and its deliveries commit together (at-least-once, retried
 * like any webhook). The body is rendered at delivery time from the event and its subject.
 */
export async function queueAccountEvent(
  tx: Db, queue: JobQueue, endpoints: EndpointCache,
  event: { accountId: string; messageId: string | null } & OutboxEvent,
): Promise<void> {
  const { accountId, messageId, ...outbox } = event;
  for (const endpoint of await endpoints.forAccount(tx, accountId)) {
    if (!subscribes(endpoint.events, outbox.type)) continue;
    await queueDelivery(tx, queue, { accountId, messageId, target: { url: endpoint.url, endpointId: endpoint.id, dialect: STANDARD_DIALECT }, event: outbox });
  }
}
