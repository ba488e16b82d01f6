import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../services.ts';
import type { ContactFields } from '../../contacts/model.ts';
import { contactResource } from '../../contacts/contact-rows.ts';
import { accountOf } from '../auth.ts';
import { Nullable, PageOf, PageQuery, Timestamp, errorResponses } from '../schemas/common.ts';

// /v1/contacts (docs/contacts.md): an account's people, keyed by phone number.

const AttributeValue = Type.Union([Type.String({ maxLength: 1000 }), Type.Number(), Type.Boolean(), Type.Null()]);
const Attributes = Type.Record(Type.String({ maxLength: 64 }), AttributeValue, { maxProperties: 50, description: 'Custom attributes: a flat object of strings, numbers, booleans (at most 50 keys, 8 KiB)' });
const Fields = {
  name: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  time_zone: Type.Optional(Nullable(Type.String({ maxLength: 64, description: 'IANA zone, e.g. America/New_York: quiet hours use it over the number\'s zone' }))),
  locale: Type.Optional(Nullable(Type.String({ maxLength: 35, description: 'BCP 47, e.g. en-US' }))),
  tags: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 50 })),
};

const ContactResource = Type.Object({
  id: Type.String(), object: Type.Literal('contact'), phone: Type.String({ description: 'E.164' }),
  name: Nullable(Type.String()), time_zone: Nullable(Type.String()), locale: Nullable(Type.String()),
  tags: Type.Array(Type.String()), attributes: Type.Record(Type.String(), AttributeValue), lists: Type.Array(Type.String({ description: 'lst_…' })),
  created_at: Timestamp, updated_at: Timestamp,
}, { $id: 'Contact' });

const CreateBody = Type.Object({
  phone: Type.String({ maxLength: 40, description: '+14155550100, or a national number of default_country' }),
  default_country: Type.Optional(Type.String({ maxLength: 2, description: 'ISO 3166-1 alpha-2 (default US)' })),
  ...Fields,
  attributes: Type.Optional(Attributes),
  lists: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 50, description: 'Lists (lst_…) to add the contact to' })),
}, { additionalProperties: false });
const PatchBody = Type.Object({ ...Fields, attributes: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), AttributeValue, { maxProperties: 50, description: 'Merged into the stored attributes; a null value removes a key' })) }, { additionalProperties: false });
const TimelineItem = Type.Object({
  object: Type.Literal('timeline_item'),
  id: Type.String({ description: 'The id of what happened: msg_…, inb_…, clk_…, cev_… or cnv_…' }),
  type: Type.Union([Type.Literal('message_sent'), Type.Literal('message_received'), Type.Literal('link_clicked'), Type.Literal('consent'), Type.Literal('conversion')]),
  at: Timestamp,
  data: Type.Object({}, { additionalProperties: true, description: 'What the item is about; its fields depend on type (docs/contacts.md#timeline)' }),
}, { $id: 'TimelineItem' });
const IdParams = Type.Object({ id: Type.String({ maxLength: 64, description: 'con_… or the phone number' }) });

function fieldsOf(body: { name?: string | null; time_zone?: string | null; locale?: string | null; tags?: string[]; attributes?: ContactFields['attributes'] }): ContactFields {
  return {
    ...(body.name !== undefined ? { name: body.name } : {}), ...(body.time_zone !== undefined ? { timeZone: body.time_zone } : {}),
    ...(body.locale !== undefined ? { locale: body.locale } : {}), ...(body.tags !== undefined ? { tags: body.tags } : {}),
    ...(body.attributes !== undefined ? { attributes: body.attributes } : {}),
  };
}

export function contactRoutes(services: Services): FastifyPluginAsyncTypebox {
  const { contacts, timeline } = services.contacts;
  return async (app) => {
    app.addSchema(ContactResource);
    app.addSchema(TimelineItem);
    const tags = ['contacts'];

    app.post('/v1/contacts', {
      schema: {
        summary: 'Create a contact, or update the one with this number', tags,
        description: 'Keyed by the number (normalised to E.164): a second create of one number updates the fields given (201 when created, 200 when updated). Safe to retry as is.',
        body: CreateBody, response: { 200: Type.Ref('Contact'), 201: Type.Ref('Contact'), ...errorResponses },
      },
    }, async (request, reply) => {
      const b = request.body;
      const { contact, created } = await contacts.upsert(accountOf(request), {
        phone: b.phone, ...fieldsOf(b), ...(b.default_country !== undefined ? { defaultCountry: b.default_country } : {}), ...(b.lists !== undefined ? { lists: b.lists } : {}),
      });
      if (created) reply.code(201).header('location', `/v1/contacts/${contact.id}`);
      return reply.send(contactResource(contact));
    });

    app.get('/v1/contacts', {
      schema: {
        summary: 'Your contacts, newest first', tags,
        querystring: Type.Object({ ...PageQuery, tag: Type.Optional(Type.String({ maxLength: 64 })), list: Type.Optional(Type.String({ maxLength: 64, description: 'lst_…' })) }, { additionalProperties: false }),
        response: { 200: PageOf(Type.Ref('Contact')), ...errorResponses },
      },
    }, async (request) => {
      const q = request.query;
      const page = await contacts.list(accountOf(request), { limit: q.limit ?? 50, ...(q.cursor ? { cursor: q.cursor } : {}), ...(q.tag !== undefined ? { tag: q.tag } : {}), ...(q.list !== undefined ? { list: q.list } : {}) });
      return { object: 'list' as const, data: page.data.map(contactResource), next_cursor: page.nextCursor };
    });

    app.get('/v1/contacts/:id', {
      schema: { summary: 'One contact, by id or number', tags, params: IdParams, response: { 200: Type.Ref('Contact'), ...errorResponses } },
    }, async (request) => contactResource(await contacts.get(accountOf(request), request.params.id)));

    app.get('/v1/contacts/:id/timeline', {
      schema: {
        summary: 'What happened with a contact, newest first', tags, params: IdParams, querystring: Type.Object(PageQuery, { additionalProperties: false }),
        description: 'Messages sent to the number and received from it, tracked-link clicks, consent events and conversions, in one list.',
        response: { 200: PageOf(Type.Ref('TimelineItem')), ...errorResponses },
      },
    }, async (request) => {
      const accountId = accountOf(request);
      const contact = await contacts.get(accountId, request.params.id);
      const page = await timeline.list(accountId, contact.phone, request.query.limit ?? 50, request.query.cursor);
      return {
        object: 'list' as const, next_cursor: page.nextCursor,
        data: page.data.map((item) => ({ object: 'timeline_item' as const, id: item.id, type: item.type, at: new Date(item.at).toISOString(), data: item.data })),
      };
    });

    app.patch('/v1/contacts/:id', {
      schema: { summary: 'Change a contact (attributes are merged; null clears a field)', tags, params: IdParams, body: PatchBody, response: { 200: Type.Ref('Contact'), ...errorResponses } },
    }, async (request) => contactResource(await contacts.update(accountOf(request), request.params.id, fieldsOf(request.body))));

    app.delete('/v1/contacts/:id', {
      schema: {
        summary: 'Erase a contact', tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses },
        description: 'Removes the contact\'s personal data (name, zone, locale, tags, attributes, list memberships). Its suppressions and consent history stay: they record whether porm may send to the number.',
      },
    }, async (request, reply) => {
      await contacts.remove(accountOf(request), request.params.id);
      return reply.code(204).send(null);
    });
  };
}
