import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../services.ts';
import type { Segment } from '../../contacts/segments/segment-service.ts';
import { contactResource } from '../../contacts/contact-rows.ts';
import { accountOf } from '../auth.ts';
import { FreeObject, PageOf, PageQuery, Timestamp, errorResponses } from '../schemas/common.ts';

// /v1/segments (docs/contacts.md#segments): named rules of the closed rule language. The rule is
// free JSON to the schema; src/contacts/segments/rule.ts checks it with its own codes.

const Rule = Type.Unknown({ description: 'A segment rule (docs/contacts.md#segments)' });
const SegmentResource = Type.Object({ id: Type.String(), object: Type.Literal('segment'), name: Type.String(), rule: Rule, created_at: Timestamp, updated_at: Timestamp }, { $id: 'Segment' });
const Params = Type.Object({ id: Type.String({ maxLength: 64, description: 'seg_…' }) });

const iso = (ms: number): string => new Date(ms).toISOString();
function segmentResource(s: Segment) {
  return { id: s.id, object: 'segment' as const, name: s.name, rule: s.rule, created_at: iso(s.createdAt), updated_at: iso(s.updatedAt) };
}

export function segmentRoutes(services: Services): FastifyPluginAsyncTypebox {
  const segments = services.contacts.segments;
  return async (app) => {
    app.addSchema(SegmentResource);
    const tags = ['segments'];
    app.post('/v1/segments/preview', {
      schema: {
        summary: 'How many contacts a rule matches now, and a sample of them', tags,
        body: Type.Object({ rule: Rule }, { additionalProperties: false }),
        response: { 200: Type.Object({ object: Type.Literal('segment_preview'), count: Type.Integer(), sample: Type.Array(FreeObject, { description: 'Up to 10 matching contacts, newest first, as GET /v1/contacts/{id} shows them' }) }), ...errorResponses },
      },
    }, async (request) => {
      const { count, sample } = await segments.preview(accountOf(request), request.body.rule);
      return { object: 'segment_preview' as const, count, sample: sample.map(contactResource) };
    });
    app.post('/v1/segments', {
      schema: { summary: 'Create a segment', tags, body: Type.Object({ name: Type.String({ maxLength: 200 }), rule: Rule }, { additionalProperties: false }), response: { 201: Type.Ref('Segment'), 409: Type.Ref('Problem'), ...errorResponses } },
    }, async (request, reply) => {
      const created = await segments.create(accountOf(request), request.body);
      return reply.code(201).header('location', `/v1/segments/${created.id}`).send(segmentResource(created));
    });
    app.get('/v1/segments', {
      schema: { summary: 'Your segments, newest first', tags, querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: PageOf(Type.Ref('Segment')), ...errorResponses } },
    }, async (request) => {
      const page = await segments.list(accountOf(request), request.query.limit ?? 50, request.query.cursor);
      return { object: 'list' as const, data: page.data.map(segmentResource), next_cursor: page.nextCursor };
    });
    app.get('/v1/segments/:id', { schema: { summary: 'One segment', tags, params: Params, response: { 200: Type.Ref('Segment'), ...errorResponses } } },
      async (request) => segmentResource(await segments.get(accountOf(request), request.params.id)));
    app.patch('/v1/segments/:id', {
      schema: { summary: 'Rename a segment or change its rule', tags, params: Params, body: Type.Object({ name: Type.Optional(Type.String({ maxLength: 200 })), rule: Type.Optional(Rule) }, { additionalProperties: false }), response: { 200: Type.Ref('Segment'), 409: Type.Ref('Problem'), ...errorResponses } },
    }, async (request) => segmentResource(await segments.update(accountOf(request), request.params.id, request.body)));
    app.delete('/v1/segments/:id', { schema: { summary: 'Delete a segment', tags, params: Params, response: { 204: Type.Null(), ...errorResponses } } },
      async (request, reply) => {
        await segments.remove(accountOf(request), request.params.id);
        return reply.code(204).send(null);
      });
  };
}
