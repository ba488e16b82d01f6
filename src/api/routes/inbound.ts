import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../services.ts';
import { accountOf } from '../auth.ts';
import { presentInboundMessage } from '../v1/presenters/inbound-message.ts';
import { PageOf, PageQuery, errorResponses } from '../schemas/common.ts';

export const Inbound = Type.Object({
  id: Type.String(),
  object: Type.Literal('inbound_message'),
  carrier: Type.String(),
  from: Type.String(),
  to: Type.String(),
  subject: Type.Union([Type.String(), Type.Null()]),
  body: Type.String(),
  media: Type.Array(Type.Object({ id: Type.String(), content_type: Type.String(), size: Type.Integer() })),
  linked_id: Type.Union([Type.String(), Type.Null()]),
  received_at: Type.String({ format: 'date-time' }),
}, { $id: 'InboundMessage' });

export function inboundRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addSchema(Inbound);
    app.get('/v1/inbound-messages', {
      schema: { summary: 'Messages handsets sent to your numbers, newest first', tags: ['inbound'], querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: PageOf(Type.Ref('InboundMessage')), ...errorResponses } },
    }, async (request) => {
      const page = await services.inbound.list(accountOf(request), request.query.limit ?? 50, request.query.cursor);
      return { object: 'list' as const, data: page.data.map(presentInboundMessage), next_cursor: page.nextCursor };
    });
    app.get('/v1/inbound-messages/:id', {
      schema: { summary: 'One inbound message; its media are media objects (GET /v1/media/{id}/content)', tags: ['inbound'], params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 200: Type.Ref('InboundMessage'), ...errorResponses } },
    }, async (request) => presentInboundMessage(await services.inbound.get(accountOf(request), request.params.id)));
  };
}
