import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../services.ts';
import { listResource } from '../../contacts/contact-rows.ts';
import { accountOf } from '../auth.ts';
import { Nullable, PageOf, PageQuery, Timestamp, errorResponses } from '../schemas/common.ts';

// /v1/lists (docs/contacts.md): named sets of contacts; GET /v1/contacts?list=… lists the members.

const ListResource = Type.Object({
  id: Type.String(), object: Type.Literal('list'), name: Type.String(), description: Nullable(Type.String()),
  member_count: Type.Integer(), created_at: Timestamp, updated_at: Timestamp,
}, { $id: 'ContactList' });
const Params = Type.Object({ id: Type.String({ maxLength: 64, description: 'lst_…' }) });

export function listRoutes(services: Services): FastifyPluginAsyncTypebox {
  const { lists } = services.contacts;
  return async (app) => {
    app.addSchema(ListResource);
    const tags = ['lists'];
    app.post('/v1/lists', {
      schema: { summary: 'Create a list', tags, body: Type.Object({ name: Type.String({ maxLength: 200 }), description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) }, { additionalProperties: false }), response: { 201: Type.Ref('ContactList'), 409: Type.Ref('Problem'), ...errorResponses } },
    }, async (request, reply) => {
      const created = await lists.create(accountOf(request), request.body);
      return reply.code(201).header('location', `/v1/lists/${created.id}`).send(listResource(created));
    });
    app.get('/v1/lists', {
      schema: { summary: 'Your lists, newest first', tags, querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: PageOf(Type.Ref('ContactList')), ...errorResponses } },
    }, async (request) => {
      const page = await lists.list(accountOf(request), request.query.limit ?? 50, request.query.cursor);
      return { object: 'list' as const, data: page.data.map(listResource), next_cursor: page.nextCursor };
    });
    app.get('/v1/lists/:id', { schema: { summary: 'One list', tags, params: Params, response: { 200: Type.Ref('ContactList'), ...errorResponses } } },
      async (request) => listResource(await lists.get(accountOf(request), request.params.id)));
    app.patch('/v1/lists/:id', {
      schema: { summary: 'Rename a list or change its description', tags, params: Params, body: Type.Object({ name: Type.Optional(Type.String({ maxLength: 200 })), description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) }, { additionalProperties: false }), response: { 200: Type.Ref('ContactList'), 409: Type.Ref('Problem'), ...errorResponses } },
    }, async (request) => listResource(await lists.update(accountOf(request), request.params.id, request.body)));
    app.delete('/v1/lists/:id', { schema: { summary: 'Delete a list (its contacts stay)', tags, params: Params, response: { 204: Type.Null(), ...errorResponses } } },
      async (request, reply) => {
        await lists.remove(accountOf(request), request.params.id);
        return reply.code(204).send(null);
      });
    app.post('/v1/lists/:id/members', {
      schema: {
        summary: 'Add contacts to a list (by id, or by number: a number without a contact gets one)', tags, params: Params,
        body: Type.Object({ contacts: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 1000 }), default_country: Type.Optional(Type.String({ maxLength: 2 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ object: Type.Literal('list_members'), added: Type.Integer({ description: 'Contacts that were not members before' }) }), ...errorResponses },
      },
    }, async (request) => ({ object: 'list_members' as const, ...(await lists.addMembers(accountOf(request), request.params.id, request.body.contacts, request.body.default_country)) }));
    app.delete('/v1/lists/:id/members/:contact', {
      schema: { summary: 'Remove a contact from a list', tags, params: Type.Object({ id: Type.String({ maxLength: 64 }), contact: Type.String({ maxLength: 64, description: 'con_… or the number' }) }), response: { 204: Type.Null(), ...errorResponses } },
    }, async (request, reply) => {
      await lists.removeMember(accountOf(request), request.params.id, request.params.contact);
      return reply.code(204).send(null);
    });
  };
}
