import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Store } from '../../store/store.ts';
import { accountOf } from '../../api/auth.ts';
import { errorResponses } from '../../api/schemas/common.ts';
import { INBOUND_WEBHOOK_OUTCOMES } from './outcome.ts';
import { inboundWebhookRecord } from './webhook-record.ts';

const InboundWebhookResource = Type.Object({
  object: Type.Literal('inbound_webhook'),
  inbound_message_id: Type.String(),
  delivery_id: Type.String({ description: 'The webhook delivery (GET /v1/webhook-deliveries/{id} shows every attempt)' }),
  url: Type.String(),
  method: Type.String(),
  outcome: Type.Union(INBOUND_WEBHOOK_OUTCOMES.map((o) => Type.Literal(o))),
  detail: Type.Union([Type.String(), Type.Null()], { description: 'Why it failed; which TwiML replies were refused or parts left out' }),
  reply_message_ids: Type.Array(Type.String(), { description: 'The messages sent from the TwiML answer, in order' }),
  attempts: Type.Integer(),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
}, { $id: 'InboundWebhook' });

/** GET /v1/inbound-messages/{id}/webhook: what the number's Twilio-style webhook answered, and what porm did with it. */
export function inboundWebhookRoutes(store: Store): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addSchema(InboundWebhookResource);
    app.get('/v1/inbound-messages/:id/webhook', {
      schema: {
        summary: 'What became of an inbound message at its number\'s Twilio-style webhook: the answer, the TwiML replies sent', tags: ['inbound'],
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 200: Type.Ref('InboundWebhook'), ...errorResponses },
      },
    }, async (request) => {
      const r = await inboundWebhookRecord(store, accountOf(request), request.params.id);
      return {
        object: 'inbound_webhook' as const, inbound_message_id: r.inboundId, delivery_id: r.deliveryId, url: r.url, method: r.method, outcome: r.outcome,
        detail: r.detail, reply_message_ids: r.replyIds, attempts: r.attempts, created_at: new Date(r.createdAt).toISOString(), updated_at: new Date(r.updatedAt).toISOString(),
      };
    });
  };
}
