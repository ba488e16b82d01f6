import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../services.ts';
import { accountOf } from '../auth.ts';
import { presentWebhookEndpoint } from '../v1/presenters/webhook-endpoint.ts';
import { presentWebhookDelivery } from '../v1/presenters/webhook-delivery.ts';
import { FreeObject, PageOf, PageQuery, errorResponses } from '../schemas/common.ts';

const Endpoint = Type.Object({
  id: Type.String(),
  object: Type.Literal('webhook_endpoint'),
  url: Type.String(),
  events: Type.Array(Type.String()),
  description: Type.Union([Type.String(), Type.Null()]),
  enabled: Type.Boolean(),
  secret: Type.String({ description: 'Standard Webhooks signing secret (whsec_…)' }),
  created_at: Type.String({ format: 'date-time' }),
}, { $id: 'WebhookEndpoint' });

const EndpointBody = Type.Object({
  url: Type.String({ maxLength: 2048 }),
  events: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 32, description: 'Event types such as message.delivered, or "*" (default) for all' })),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  enabled: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

const EndpointPatch = Type.Partial(EndpointBody, { additionalProperties: false });

const Delivery = Type.Object({
  id: Type.String(),
  object: Type.Literal('webhook_delivery'),
  endpoint_id: Type.Union([Type.String(), Type.Null()]),
  message_id: Type.Union([Type.String(), Type.Null()]),
  url: Type.String(),
  event_type: Type.String(),
  status: Type.String({ description: 'pending, succeeded or failed' }),
  attempts: Type.Integer(),
  next_attempt_at: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
  updated_at: Type.String(),
  payload: Type.Union([FreeObject, Type.Null()], { description: 'The exact JSON body sent; null when its subject no longer exists' }),
  attempt_log: Type.Array(Type.Object({
    attempt: Type.Integer(), at: Type.String(), duration_ms: Type.Integer(),
    status_code: Type.Union([Type.Integer(), Type.Null()]), error: Type.Union([Type.String(), Type.Null()]),
    response_excerpt: Type.Union([Type.String(), Type.Null()]),
  })),
}, { $id: 'WebhookDelivery' });

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export function webhookRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addSchema(Endpoint);
    app.addSchema(Delivery);
    const tags = ['webhooks'];

    app.post('/v1/webhooks', {
      schema: { summary: 'Register a webhook endpoint', tags, body: EndpointBody, response: { 201: Type.Ref('WebhookEndpoint'), ...errorResponses } },
    }, async (request, reply) => reply.code(201).send(presentWebhookEndpoint(await services.webhooks.create(accountOf(request), request.body))));

    app.get('/v1/webhooks', {
      schema: { summary: 'List webhook endpoints', tags, response: { 200: PageOf(Type.Ref('WebhookEndpoint')), ...errorResponses } },
    }, async (request) => ({ object: 'list' as const, data: (await services.webhooks.list(accountOf(request))).map(presentWebhookEndpoint), next_cursor: null }));

    app.get('/v1/webhooks/:id', {
      schema: { summary: 'Get a webhook endpoint', tags, params: IdParams, response: { 200: Type.Ref('WebhookEndpoint'), ...errorResponses } },
    }, async (request) => presentWebhookEndpoint(await services.webhooks.get(accountOf(request), request.params.id)));

    app.patch('/v1/webhooks/:id', {
      schema: { summary: 'Update a webhook endpoint', tags, params: IdParams, body: EndpointPatch, response: { 200: Type.Ref('WebhookEndpoint'), ...errorResponses } },
    }, async (request) => presentWebhookEndpoint(await services.webhooks.update(accountOf(request), request.params.id, request.body)));

    app.delete('/v1/webhooks/:id', {
      schema: { summary: 'Delete a webhook endpoint', tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
    }, async (request, reply) => {
      await services.webhooks.remove(accountOf(request), request.params.id);
      return reply.code(204).send(null);
    });

    app.get('/v1/webhook-deliveries', {
      schema: {
        summary: 'The webhook delivery log: every delivery with every attempt', tags,
        querystring: Type.Object({ ...PageQuery, message_id: Type.Optional(Type.String({ maxLength: 64 })), endpoint_id: Type.Optional(Type.String({ maxLength: 64 })), status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')])) }, { additionalProperties: false }),
        response: { 200: PageOf(Type.Ref('WebhookDelivery')), ...errorResponses },
      },
    }, async (request) => {
      const q = request.query;
      const page = await services.deliveries.list(accountOf(request), {
        ...(q.message_id ? { messageId: q.message_id } : {}), ...(q.endpoint_id ? { endpointId: q.endpoint_id } : {}), ...(q.status ? { status: q.status } : {}),
      }, q.limit ?? 50, q.cursor);
      return { object: 'list' as const, data: page.data.map(presentWebhookDelivery), next_cursor: page.nextCursor };
    });

    app.get('/v1/webhook-deliveries/:id', {
      schema: { summary: 'Get one webhook delivery with its attempts', tags, params: IdParams, response: { 200: Type.Ref('WebhookDelivery'), ...errorResponses } },
    }, async (request) => presentWebhookDelivery(await services.deliveries.get(accountOf(request), request.params.id)));
  };
}
