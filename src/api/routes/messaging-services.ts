import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../services.ts';
import { PormError } from '../../errors.ts';
import { accountOf } from '../auth.ts';
import { PageOf, PageQuery, errorResponses } from '../schemas/common.ts';
import { presentMessagingService } from '../v1/presenters/messaging-service.ts';
import { MAX_POOL_NUMBERS } from '../../messaging-services/model.ts';

// /v1/messaging-services: sender pools (docs/twilio.md, "Messaging services"). A message sent
// through one (the Twilio surface's MessagingServiceSid) gets its sender from the pool.

const InboundWebhookBody = Type.Union([
  Type.Object({
    url: Type.String({ maxLength: 2048, description: 'Where MOs to pool numbers without a webhook of their own are posted, Twilio-style (docs/twilio-webhooks.md)' }),
    method: Type.Optional(Type.Union([Type.Literal('POST'), Type.Literal('GET')])),
  }, { additionalProperties: false }),
  Type.Null(),
], { description: 'A Twilio-style inbound webhook for the pool\'s numbers (a number\'s own webhook wins); null removes it' });

const StatusCallback = Type.Union([Type.String({ maxLength: 2048 }), Type.Null()], { description: 'Status callback of messages sent through the service that name none of their own' });
const Name = Type.String({ minLength: 1, maxLength: 64, description: 'For people: 1 to 64 printable characters' });
const Sticky = Type.Boolean({ description: 'Default true: a recipient keeps getting the number it first got from the pool' });

const MessagingServiceResource = Type.Object({
  id: Type.String({ description: 'mgs_…' }),
  object: Type.Literal('messaging_service'),
  twilio_sid: Type.String({ description: 'MG… : the MessagingServiceSid of the Twilio surface' }),
  name: Type.String(),
  sticky_sender: Type.Boolean(),
  status_callback: Type.Union([Type.String(), Type.Null()]),
  inbound_webhook: Type.Union([Type.Object({ url: Type.String(), method: Type.Union([Type.Literal('POST'), Type.Literal('GET')]), dialect: Type.Literal('twilio') }), Type.Null()]),
  numbers: Type.Array(Type.Object({
    id: Type.String({ description: 'num_…' }),
    twilio_sid: Type.String({ description: 'PN…' }),
    number: Type.String(),
    capabilities: Type.Array(Type.String()),
    added_at: Type.String({ format: 'date-time' }),
  }), { description: 'The pool, oldest member first' }),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
}, { $id: 'MessagingService' });

const CreateBody = Type.Object({
  name: Name,
  sticky_sender: Type.Optional(Sticky),
  status_callback: Type.Optional(StatusCallback),
  inbound_webhook: Type.Optional(InboundWebhookBody),
  numbers: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: MAX_POOL_NUMBERS, description: 'Numbers of your account for the pool: num_… ids or the numbers' })),
}, { additionalProperties: false });

const PatchBody = Type.Object({
  name: Type.Optional(Name),
  sticky_sender: Type.Optional(Sticky),
  status_callback: Type.Optional(StatusCallback),
  inbound_webhook: Type.Optional(InboundWebhookBody),
}, { additionalProperties: false });

const IdParams = Type.Object({ id: Type.String({ maxLength: 64, description: 'mgs_…' }) });
const NumberParams = Type.Object({ id: Type.String({ maxLength: 64 }), number: Type.String({ maxLength: 64, description: 'num_… or the number itself' }) });
const AddNumberBody = Type.Object({ number: Type.String({ maxLength: 64, description: 'num_… or the number itself' }) }, { additionalProperties: false });

/** A Twilio-style webhook is signed with the account's auth token: it must exist (as for a number's webhook). */
async function requireTwilioToken(services: Services, accountId: string): Promise<void> {
  if (await services.twilio.accountIdOf(await services.twilio.accountSidOf(accountId)) === accountId) return;
  const message = 'a Twilio-style webhook is signed with the account\'s auth token: create it first (porm accounts twilio show, or POST /v1/account/twilio/auth-token)';
  throw new PormError('PORM_TWILIO_TOKEN_MISSING', message, [{ field: '/inbound_webhook', code: 'PORM_TWILIO_TOKEN_MISSING', message }]);
}

export function messagingServiceRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addSchema(MessagingServiceResource);
    const tags = ['messaging services'];
    const one = { 200: Type.Ref('MessagingService'), 409: Type.Ref('Problem'), ...errorResponses };
    const ms = services.messagingServices;

    app.post('/v1/messaging-services', {
      schema: { summary: 'Create a messaging service (a sender pool)', tags, body: CreateBody, response: { 201: Type.Ref('MessagingService'), 409: Type.Ref('Problem'), ...errorResponses } },
    }, async (request, reply) => {
      const b = request.body;
      if (b.inbound_webhook) await requireTwilioToken(services, accountOf(request));
      const created = await ms.create(accountOf(request), {
        name: b.name, ...(b.sticky_sender !== undefined ? { stickySender: b.sticky_sender } : {}), ...(b.status_callback !== undefined ? { statusCallback: b.status_callback } : {}),
        ...(b.inbound_webhook !== undefined ? { inboundWebhook: b.inbound_webhook } : {}), ...(b.numbers !== undefined ? { numbers: b.numbers } : {}),
      });
      return reply.code(201).header('location', `/v1/messaging-services/${created.id}`).send(presentMessagingService(created));
    });

    app.get('/v1/messaging-services', {
      schema: { summary: 'Your messaging services, newest first', tags, querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: PageOf(Type.Ref('MessagingService')), ...errorResponses } },
    }, async (request) => {
      const page = await ms.list(accountOf(request), request.query.limit ?? 50, request.query.cursor);
      return { object: 'list' as const, data: page.data.map(presentMessagingService), next_cursor: page.nextCursor };
    });

    app.get('/v1/messaging-services/:id', {
      schema: { summary: 'One of your messaging services', tags, params: IdParams, response: { 200: Type.Ref('MessagingService'), ...errorResponses } },
    }, async (request) => presentMessagingService(await ms.get(accountOf(request), request.params.id)));

    app.patch('/v1/messaging-services/:id', {
      schema: { summary: 'Rename a messaging service, or change its sticky sender, status callback or inbound webhook', tags, params: IdParams, body: PatchBody, response: { 200: Type.Ref('MessagingService'), ...errorResponses } },
    }, async (request) => {
      const b = request.body;
      if (b.inbound_webhook) await requireTwilioToken(services, accountOf(request));
      return presentMessagingService(await ms.update(accountOf(request), request.params.id, {
        ...(b.name !== undefined ? { name: b.name } : {}), ...(b.sticky_sender !== undefined ? { stickySender: b.sticky_sender } : {}),
        ...(b.status_callback !== undefined ? { statusCallback: b.status_callback } : {}), ...(b.inbound_webhook !== undefined ? { inboundWebhook: b.inbound_webhook } : {}),
      }));
    });

    app.delete('/v1/messaging-services/:id', {
      schema: { summary: 'Delete a messaging service: its numbers stay yours; messages sent through it keep naming it', tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
    }, async (request, reply) => {
      await ms.remove(accountOf(request), request.params.id);
      return reply.code(204).send(null);
    });

    app.post('/v1/messaging-services/:id/numbers', {
      schema: { summary: 'Add one of your numbers to the pool (a number is in at most one service)', tags, params: IdParams, body: AddNumberBody, response: one },
    }, async (request) => presentMessagingService(await ms.addNumber(accountOf(request), request.params.id, request.body.number)));

    app.delete('/v1/messaging-services/:id/numbers/:number', {
      schema: { summary: 'Take a number out of the pool (it stays yours)', tags, params: NumberParams, response: { 200: Type.Ref('MessagingService'), ...errorResponses } },
    }, async (request) => presentMessagingService(await ms.removeNumber(accountOf(request), request.params.id, request.params.number)));
  };
}
