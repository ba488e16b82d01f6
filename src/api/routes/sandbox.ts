import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { HandsetPlayer } from '../../handset/handset-player.ts';
import { DELIVERY_FAILURES } from '../../handset/failures.ts';
import { presentMessage } from '../v1/presenters/message.ts';
import { presentInboundMessage } from '../v1/presenters/inbound-message.ts';
import { accountOf } from '../auth.ts';
import { errorResponses } from '../schemas/common.ts';
import { Inbound } from './inbound.ts';

const MediaItem = Type.Object({
  id: Type.Optional(Type.String({ maxLength: 64, description: 'A media object of your account (POST /v1/media)' })),
  content_type: Type.Optional(Type.String({ maxLength: 128, description: 'Inline part: its media type, e.g. image/png' })),
  data: Type.Optional(Type.String({ maxLength: 1_500_000, description: 'Inline part: its bytes, base64' })),
  filename: Type.Optional(Type.String({ maxLength: 64 })),
}, { additionalProperties: false });

const ReplyBody = Type.Object({
  from: Type.String({ maxLength: 32, description: 'The handset, E.164' }),
  to: Type.String({ maxLength: 32, description: 'Your number (E.164 or short code)' }),
  body: Type.String({ maxLength: 10_000 }),
  subject: Type.Optional(Type.String({ maxLength: 1000 })),
  media: Type.Optional(Type.Array(MediaItem, { maxItems: 50 })),
  carrier: Type.Optional(Type.String({ maxLength: 64, description: 'The sandbox carrier, when several are configured' })),
}, { additionalProperties: false });

const FailBody = Type.Object({
  message_id: Type.String({ maxLength: 64 }),
  status: Type.Optional(Type.String({ maxLength: 64, description: `One of ${Object.keys(DELIVERY_FAILURES).join(', ')} (default undelivered)` })),
  description: Type.Optional(Type.String({ maxLength: 1000 })),
}, { additionalProperties: false });

/**
 * POST /v1/sandbox/inbound and /v1/sandbox/delivery-reports: play the sandbox's handset. The
 * sandbox MMSC sends porm an MM7 request exactly as a carrier would; the answer is what porm made of it.
 */
export function sandboxRoutes(player: HandsetPlayer, baseUrl: () => string): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addSchema(Inbound);
    app.post('/v1/sandbox/inbound', {
      schema: {
        summary: 'Make a sandbox handset send an MMS to one of your numbers', tags: ['sandbox'],
        description: 'The sandbox MMSC sends porm an MM7 DeliverReq from `from` to `to` (a number of your account), through porm\'s MM7 endpoint like a real carrier. Answers with the inbound message porm stored; the `inbound.received` webhook follows.',
        body: ReplyBody,
        response: { 201: Type.Ref('InboundMessage'), 409: Type.Ref('Problem'), 413: Type.Ref('Problem'), 422: Type.Ref('Problem'), 502: Type.Ref('Problem'), 503: Type.Ref('Problem'), ...errorResponses },
      },
    }, async (request, reply) => {
      const inbound = await player.reply(accountOf(request), request.body);
      return reply.code(201).header('location', `/v1/inbound-messages/${inbound.id}`).send(presentInboundMessage(inbound));
    });
    app.post('/v1/sandbox/delivery-reports', {
      schema: {
        summary: 'Make the sandbox report a delivery failure for a sent message', tags: ['sandbox'],
        description: 'The sandbox MMSC sends porm an MM7 DeliveryReportReq with the MMStatus of `status` for a message it accepted (status `sent`), in place of the report it would have sent. Answers with the message, now `undelivered`.',
        body: FailBody,
        response: { 200: Type.Ref('Message'), 409: Type.Ref('Problem'), 502: Type.Ref('Problem'), 503: Type.Ref('Problem'), ...errorResponses },
      },
    }, async (request) => {
      const message = await player.failDelivery(accountOf(request), request.body);
      return presentMessage(message, { baseUrl: baseUrl() }, message.events);
    });
  };
}
