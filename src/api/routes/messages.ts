import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { PormError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { messageResource } from '../../messages/resource.ts';
import { normalizePhone } from '../../messages/validate.ts';
import { accountOf } from '../auth.ts';
import { errorResponses } from '../schemas/common.ts';
import { ListMessagesQuery, MessageIdParams, MessagePage, SendMessageBody } from '../schemas/message-schemas.ts';

function idempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] ?? '' : header;
  if (!/^[\x21-\x7e]{1,255}$/.test(value)) throw new PormError('PORM_INVALID_IDEMPOTENCY_KEY');
  return value;
}

export function messageRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post('/v1/messages', {
      schema: {
        summary: 'Send a message', tags: ['messages'],
        description: 'Accepts a message and queues it for sending. Answers once the message is durably stored. Send an `Idempotency-Key` header to make retries safe: the same key with the same body returns the same message; with a different body, 409 PORM_IDEMPOTENCY_KEY_REUSED.',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: SendMessageBody,
        response: { 201: Type.Ref('Message'), 403: Type.Ref('Problem'), 409: Type.Ref('Problem'), ...errorResponses },
      },
    }, async (request, reply) => {
      const key = idempotencyKey(request.headers['idempotency-key']);
      const outcome = await services.send.send(accountOf(request), request.body, key === undefined ? {} : { idempotencyKey: key });
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).header('location', `/v1/messages/${outcome.message.id}`).send(messageResource(outcome.message));
    });

    app.get('/v1/messages/:id', {
      schema: { summary: 'Get a message with its event timeline', tags: ['messages'], params: MessageIdParams, response: { 200: Type.Ref('Message'), ...errorResponses } },
    }, async (request) => {
      const message = await services.messages.get(accountOf(request), request.params.id);
      return messageResource(message, message.events);
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
      return { object: 'list' as const, data: page.data.map((m) => messageResource(m)), next_cursor: page.nextCursor };
    });

    app.post('/v1/messages/:id/cancel', {
      schema: { summary: 'Cancel a message that has not started sending', tags: ['messages'], params: MessageIdParams, response: { 200: Type.Ref('Message'), 409: Type.Ref('Problem'), ...errorResponses } },
    }, async (request) => messageResource(await services.send.cancel(accountOf(request), request.params.id)));
  };
}
