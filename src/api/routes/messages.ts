import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { PormError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { presentMessage } from '../v1/presenters/message.ts';
import { SEND_MESSAGE_POINTERS, withApiPointers } from '../v1/field-pointers.ts';
import { idempotencyKeyOf, sendCommandOf } from '../v1/send-command.ts';
import { refusePrivateMediaUrls } from '../v1/private-media-urls.ts';
import { normalizePhone } from '../../messages/validate.ts';
import { accountOf } from '../auth.ts';
import { errorResponses } from '../schemas/common.ts';
import { ListMessagesQuery, MessageIdParams, MessagePage, SendMessageBody } from '../schemas/message-schemas.ts';

export function messageRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    const context = () => ({ baseUrl: services.publicUrl.value });
    app.post('/v1/messages', {
      schema: {
        summary: 'Send a message', tags: ['messages'],
        description: 'Accepts a message and queues it for sending. Answers once the message is durably stored. Send an `Idempotency-Key` header to make retries safe: the same key with the same body returns the same message; with a different body, 409 PORM_IDEMPOTENCY_KEY_REUSED.',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: SendMessageBody,
        response: { 201: Type.Ref('Message'), 403: Type.Ref('Problem'), 409: Type.Ref('Problem'), 422: Type.Ref('Problem'), ...errorResponses },
      },
    }, async (request, reply) => {
      refusePrivateMediaUrls(request.body.media, services.config.media.allowPrivateNetworks);
      const command = sendCommandOf(accountOf(request), request.body, idempotencyKeyOf(request.headers['idempotency-key']));
      const outcome = await withApiPointers(SEND_MESSAGE_POINTERS, () => services.send.send(command));
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).header('location', `/v1/messages/${outcome.message.id}`).send(presentMessage(outcome.message, context()));
    });

    app.get('/v1/messages/:id', {
      schema: { summary: 'Get a message with its event timeline', tags: ['messages'], params: MessageIdParams, response: { 200: Type.Ref('Message'), ...errorResponses } },
    }, async (request) => {
      const message = await services.messages.get(accountOf(request), request.params.id);
      return presentMessage(message, context(), message.events);
    });

    app.get('/v1/messages', {
      schema: { summary: 'List messages, newest first', tags: ['messages'], querystring: ListMessagesQuery, response: { 200: MessagePage, ...errorResponses } },
    }, async (request) => {
      const q = request.query;
      const phone = (field: 'to' | 'from', value: string | undefined): string | undefined => {
        if (value === undefined) return undefined;
        const normalized = normalizePhone(value) ?? (/^[0-9]{3,8}$/.test(value) ? value : undefined);
        if (!normalized) throw new PormError('PORM_INVALID_PHONE_NUMBER', `${field} filter is not an E.164 number`, [{ field: `/query/${field}`, code: 'PORM_INVALID_PHONE_NUMBER', message: 'not an E.164 number' }]);
        return normalized;
      };
      const page = await services.messages.list(accountOf(request), {
        ...(q.status ? { status: q.status } : {}),
        ...(q.to ? { to: phone('to', q.to)! } : {}),
        ...(q.from ? { from: phone('from', q.from)! } : {}),
        ...(q.created_after ? { createdAfter: Date.parse(q.created_after) } : {}),
        ...(q.created_before ? { createdBefore: Date.parse(q.created_before) } : {}),
      }, q.limit ?? 50, q.cursor);
      return { object: 'list' as const, data: page.data.map((m) => presentMessage(m, context())), next_cursor: page.nextCursor };
    });

    app.post('/v1/messages/:id/cancel', {
      schema: { summary: 'Cancel a message that has not started sending', tags: ['messages'], params: MessageIdParams, response: { 200: Type.Ref('Message'), 409: Type.Ref('Problem'), ...errorResponses } },
    }, async (request) => presentMessage(await services.send.cancel({ accountId: accountOf(request), messageId: request.params.id }), context()));
  };
}
