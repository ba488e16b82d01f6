import type { Db } from '../../store/schema.ts';
import type { JobQueue } from '../../queue/queue.ts';
import type { InboundListener } from '../../inbound/inbound-service.ts';
import type { InboundMessage } from '../../inbound/model.ts';
import { inboundWebhookOf } from '../../numbers/inbound-webhook.ts';
import { queueDelivery } from '../../webhooks/outbox.ts';
import { serviceOfNumber } from '../../messaging-services/service-of-number.ts';

/**
 * Queues an inbound message for its number's Twilio-style webhook, in the unit that stores it:
 * through the webhook outbox, so it is retried like any webhook and survives a restart. The
 * inbound_webhooks row says what became of it (src/twilio/inbound/answer.ts fills it in).
 */
export function twilioInboundWebhook(queue: JobQueue): InboundListener {
  return async (tx: Db, accountId: string, inbound: InboundMessage): Promise<void> => {
    const number = await tx.selectFrom('numbers').select(['inbound_webhook_url', 'inbound_webhook_method', 'inbound_webhook_dialect'])
      .where('number', '=', inbound.to).where('account_id', '=', accountId).executeTakeFirst();
    // The number's own webhook wins; else that of the messaging service it is in (a pool's default).
    const own = number ? inboundWebhookOf(number) : null;
    const pooled = own || !number ? undefined : (await serviceOfNumber(tx, accountId, inbound.to))?.inboundWebhook ?? undefined;
    const webhook = own ?? (pooled ? { ...pooled, dialect: 'twilio' as const } : null);
    if (!webhook) return;
    const deliveryId = await queueDelivery(tx, queue, {
      accountId, messageId: null, target: { url: webhook.url, endpointId: null, dialect: webhook.dialect, method: webhook.method },
      event: { type: 'inbound.received', at: inbound.receivedAt, subject: { kind: 'inbound_message', id: inbound.id } },
    });
    // The primary key makes this once per inbound message, whatever a redelivered MO does.
    await tx.insertInto('inbound_webhooks').values({
      inbound_id: inbound.id, account_id: accountId, delivery_id: deliveryId, url: webhook.url, method: webhook.method,
      outcome: 'pending', detail: null, reply_ids_json: '[]', attempts: 0, created_at: inbound.receivedAt, updated_at: inbound.receivedAt,
    }).execute();
  };
}
