import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { PormError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import type { TrackedLink } from '../../links/link-queries.ts';
import { presentLinkClick } from '../v1/presenters/link-click.ts';
import type { LinkSettings } from '../../links/link-settings.ts';
import type { Conversion } from '../../links/conversions.ts';
import { fromMicros } from '../../links/conversion-value.ts';
import { decodeCursor, encodeCursor } from '../../messages/query-service.ts';
import { normalizePhone } from '../../messages/validate.ts';
import { accountOf } from '../auth.ts';
import { Nullable, NullableString, PageOf, PageQuery, Timestamp, errorResponses } from '../schemas/common.ts';
import { withApiPointers } from '../v1/field-pointers.ts';

// /v1/links (tracked short links and their clicks), /v1/links/settings and /v1/conversions (docs/links.md).

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

const Phone = Type.String({ maxLength: 32, description: 'E.164, e.g. +14155550100' });
const Utm = Type.Object({
  utm_source: Type.Optional(Type.String({ maxLength: 200 })), utm_medium: Type.Optional(Type.String({ maxLength: 200 })),
  utm_campaign: Type.Optional(Type.String({ maxLength: 200 })), utm_term: Type.Optional(Type.String({ maxLength: 200 })),
  utm_content: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: false });

const LinkResource = Type.Object({
  object: Type.Literal('link'), token: Type.String(), url: Type.String({ description: 'The short link as sent' }),
  target: Type.String({ description: 'Where it redirects (with UTM parameters)' }), original: Type.String({ description: 'The URL as written in the body' }),
  message_id: Type.String(), to: Type.String(), position: Type.Integer(), created_at: Timestamp, expires_at: Timestamp,
  clicks: Type.Object({
    total: Type.Integer(), unique: Type.Integer({ description: '1 once a person (not a link preview or scanner) has opened it' }),
    human: Type.Integer(), bots: Type.Integer(), first_clicked_at: Nullable(Timestamp), last_clicked_at: Nullable(Timestamp),
  }),
}, { $id: 'Link' });
const ClickResource = Type.Object({
  object: Type.Literal('link_click'), id: Type.String(), token: Type.String(), message_id: Type.String(), to: Type.String(), at: Timestamp,
  bot: Type.Boolean(), bot_reason: NullableString, user_agent: NullableString,
}, { $id: 'LinkClick' });
const SettingsResource = Type.Object({
  object: Type.Literal('link_settings'), base_url: NullableString, effective_base_url: Type.String(), utm: Utm,
  ttl_days: Type.Integer(), click_window_hours: Type.Integer(), delivery_window_hours: Type.Integer(),
}, { $id: 'LinkSettings' });
const ConversionResource = Type.Object({
  object: Type.Literal('conversion'), id: Type.String(), to: Type.String(), order_id: NullableString, value: Type.String({ description: 'Decimal, e.g. "49.9"' }),
  currency: Type.String(), occurred_at: Timestamp, created_at: Timestamp,
  attribution: Type.Union([Type.Literal('click'), Type.Literal('delivery'), Type.Literal('none')]),
  message_id: NullableString, link_token: NullableString, click_id: NullableString,
}, { $id: 'Conversion' });

function linkResource(l: TrackedLink): Record<string, unknown> {
  return {
    object: 'link', token: l.token, url: l.shortUrl, target: l.target, original: l.original, message_id: l.messageId, to: l.recipient,
    position: l.position, created_at: iso(l.createdAt), expires_at: iso(l.expiresAt),
    clicks: { total: l.clicks.total, unique: l.clicks.human > 0 ? 1 : 0, human: l.clicks.human, bots: l.clicks.bots, first_clicked_at: isoOrNull(l.clicks.firstHumanAt), last_clicked_at: isoOrNull(l.clicks.lastHumanAt) },
  };
}
function settingsResource(s: LinkSettings, publicUrl: string): Record<string, unknown> {
  return { object: 'link_settings', base_url: s.baseUrl, effective_base_url: s.baseUrl ?? publicUrl, utm: s.utm, ttl_days: s.ttlDays, click_window_hours: s.clickWindowHours, delivery_window_hours: s.deliveryWindowHours };
}
function conversionResource(c: Conversion): Record<string, unknown> {
  return {
    object: 'conversion', id: c.id, to: c.recipient, order_id: c.orderId, value: fromMicros(c.valueMicros), currency: c.currency,
    occurred_at: iso(c.occurredAt), created_at: iso(c.createdAt), attribution: c.attribution, message_id: c.messageId, link_token: c.token, click_id: c.clickId,
  };
}

function phoneOf(field: string, value: string): string {
  const normalized = normalizePhone(value);
  if (!normalized) throw new PormError('PORM_INVALID_PHONE_NUMBER', `${field.slice(1)} is not an E.164 number`, [{ field, code: 'PORM_INVALID_PHONE_NUMBER', message: 'not an E.164 number' }]);
  return normalized;
}

function timeOf(field: string, value: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new PormError('PORM_VALIDATION_FAILED', `${field.slice(1)} is not an ISO 8601 time`, [{ field, code: 'PORM_VALIDATION_FAILED', message: 'an ISO 8601 time with a zone' }]);
  return ms;
}

const SETTINGS_POINTERS = { baseUrl: 'base_url', ttlDays: 'ttl_days', clickWindowHours: 'click_window_hours', deliveryWindowHours: 'delivery_window_hours' };
const CONVERSION_POINTERS = { clickId: 'click_id', orderId: 'order_id', occurredAt: 'occurred_at' };

export function linkRoutes(services: Services): FastifyPluginAsyncTypebox {
  const { settings, queries, conversions } = services.links;
  return async (app) => {
    app.addSchema(LinkResource);
    app.addSchema(ClickResource);
    app.addSchema(SettingsResource);
    app.addSchema(ConversionResource);
    const tags = ['links'];

    app.get('/v1/links/settings', { schema: { summary: 'Your link settings: short domain, UTM defaults, link lifetime, attribution windows', tags, querystring: Type.Object({}, { additionalProperties: false }), response: { 200: Type.Ref('LinkSettings'), ...errorResponses } } },
      async (request) => settingsResource(await settings.get(accountOf(request)), services.publicUrl.value));
    app.patch('/v1/links/settings', {
      schema: {
        summary: 'Change your link settings (fields left out keep their value)', tags,
        body: Type.Object({
          base_url: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { description: 'Your short domain (it must reach this porm), e.g. https://go.example.com; null for porm\'s own URL' })),
          utm: Type.Optional(Utm), ttl_days: Type.Optional(Type.Integer()), click_window_hours: Type.Optional(Type.Integer()), delivery_window_hours: Type.Optional(Type.Integer()),
        }, { additionalProperties: false }),
        response: { 200: Type.Ref('LinkSettings'), ...errorResponses },
      },
    }, async (request) => {
      const b = request.body;
      const next = await withApiPointers(SETTINGS_POINTERS, () => settings.update(accountOf(request), {
        ...(b.base_url !== undefined ? { baseUrl: b.base_url } : {}), ...(b.utm !== undefined ? { utm: b.utm } : {}),
        ...(b.ttl_days !== undefined ? { ttlDays: b.ttl_days } : {}), ...(b.click_window_hours !== undefined ? { clickWindowHours: b.click_window_hours } : {}),
        ...(b.delivery_window_hours !== undefined ? { deliveryWindowHours: b.delivery_window_hours } : {}),
      }));
      return settingsResource(next, services.publicUrl.value);
    });

    app.get('/v1/links', {
      schema: { summary: 'Your tracked links with their clicks, newest first', tags, querystring: Type.Object({ ...PageQuery, message_id: Type.Optional(Type.String({ maxLength: 64 })), to: Type.Optional(Phone) }, { additionalProperties: false }), response: { 200: PageOf(Type.Ref('Link')), ...errorResponses } },
    }, async (request) => {
      const q = request.query;
      const page = await queries.list(accountOf(request), { ...(q.message_id ? { messageId: q.message_id } : {}), ...(q.to ? { recipient: phoneOf('/query/to', q.to) } : {}) }, q.limit ?? 50, q.cursor);
      return { object: 'list' as const, data: page.data.map(linkResource), next_cursor: page.nextCursor };
    });
    const TokenParams = Type.Object({ token: Type.String({ maxLength: 64 }) });
    app.get('/v1/links/:token', { schema: { summary: 'One tracked link and its clicks', tags, params: TokenParams, response: { 200: Type.Ref('Link'), ...errorResponses } } },
      async (request) => linkResource(await queries.get(accountOf(request), request.params.token)));
    app.get('/v1/links/:token/clicks', {
      schema: { summary: 'A link\'s clicks, newest first (people\'s and machines\', told apart)', tags, params: TokenParams, querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: PageOf(Type.Ref('LinkClick')), ...errorResponses } },
    }, async (request) => {
      const page = await queries.clicks(accountOf(request), request.params.token, request.query.limit ?? 50, request.query.cursor);
      return { object: 'list' as const, data: page.data.map((c) => presentLinkClick(c)), next_cursor: page.nextCursor };
    });

    const ctags = ['conversions'];
    app.post('/v1/conversions', {
      schema: {
        summary: 'Report a conversion (an order, a sign-up); porm credits it to the recipient\'s last click or delivered message', tags: ctags,
        body: Type.Object({
          to: Type.Optional(Phone), click_id: Type.Optional(Type.String({ maxLength: 64 })),
          value: Type.Union([Type.String({ maxLength: 32 }), Type.Number()]), currency: Type.String({ maxLength: 8 }),
          order_id: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Counted once: the same order reported again answers with the first record (200)' })),
          occurred_at: Type.Optional(Type.String({ maxLength: 64, description: 'ISO 8601; default now' })),
        }, { additionalProperties: false }),
        response: { 200: Type.Ref('Conversion'), 201: Type.Ref('Conversion'), 409: Type.Ref('Problem'), ...errorResponses },
      },
    }, async (request, reply) => {
      const b = request.body;
      const recorded = await withApiPointers(CONVERSION_POINTERS, async () => conversions.record({
        accountId: accountOf(request), value: b.value, currency: b.currency,
        ...(b.to !== undefined ? { to: phoneOf('/to', b.to) } : {}), ...(b.click_id !== undefined ? { clickId: b.click_id } : {}),
        ...(b.order_id !== undefined ? { orderId: b.order_id } : {}), ...(b.occurred_at !== undefined ? { occurredAt: timeOf('/occurred_at', b.occurred_at) } : {}),
      }));
      return reply.code(recorded.replayed ? 200 : 201).header('location', `/v1/conversions/${recorded.conversion.id}`).send(conversionResource(recorded.conversion));
    });
    app.get('/v1/conversions/:id', { schema: { summary: 'One conversion', tags: ctags, params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 200: Type.Ref('Conversion'), ...errorResponses } } },
      async (request) => conversionResource(await conversions.get(accountOf(request), request.params.id)));
    app.get('/v1/conversions', {
      schema: { summary: 'Your conversions, newest first', tags: ctags, querystring: Type.Object({ ...PageQuery, to: Type.Optional(Phone), message_id: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false }), response: { 200: PageOf(Type.Ref('Conversion')), ...errorResponses } },
    }, async (request) => {
      const q = request.query;
      const page = await conversions.list(accountOf(request), { ...(q.to ? { recipient: phoneOf('/query/to', q.to) } : {}), ...(q.message_id ? { messageId: q.message_id } : {}) },
        q.limit ?? 50, q.cursor === undefined ? undefined : decodeCursor(q.cursor, 'cnv'));
      return { object: 'list' as const, data: page.data.map(conversionResource), next_cursor: page.nextCursor === null ? null : encodeCursor(page.nextCursor) };
    });
  };
}
