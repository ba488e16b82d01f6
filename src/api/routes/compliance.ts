import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../services.ts';
import { consentResource, programResource, suppressionResource } from '../v1/presenters/compliance.ts';
import { accountOf } from '../auth.ts';
import { FreeObject, Nullable, NullableString, PageOf, PageQuery, Timestamp, errorResponses } from '../schemas/common.ts';
import { withApiPointers } from '../v1/field-pointers.ts';

// /v1/programs, /v1/consents and /v1/suppressions (docs/compliance.md).

const Phone = Type.String({ maxLength: 32, description: 'E.164, e.g. +14155550100' });
const ProgramId = Type.String({ maxLength: 64, description: 'prg_…' });
const Keywords = Type.Object({
  opt_out: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 50 })),
  opt_in: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 50 })),
  help: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 50 })),
}, { additionalProperties: false, description: 'Words added to the built-in ones (STOP and the other opt-out words always opt out)' });
const Replies = Type.Object({
  opt_out: Type.Optional(Type.String({ maxLength: 2000 })), opt_in: Type.Optional(Type.String({ maxLength: 2000 })),
  help: Type.Optional(Type.String({ maxLength: 2000 })), confirm_request: Type.Optional(Type.String({ maxLength: 2000 })),
}, { additionalProperties: false });
const SettingsBody = Type.Object({
  keywords: Type.Optional(Keywords),
  replies: Type.Optional(Type.Record(Type.String({ maxLength: 20 }), Replies, { maxProperties: 20, description: 'Reply texts per language (en, es, …)' })),
  default_language: Type.Optional(Type.String({ maxLength: 20 })),
  double_opt_in: Type.Optional(Type.Boolean()),
  require_consent_for_marketing: Type.Optional(Type.Boolean()),
  brand_wide_suppression: Type.Optional(Type.Boolean({ description: 'An opt-out to this program suppresses the recipient for every program of the account (default true)' })),
  quiet_hours: Type.Optional(Type.Object({
    start: Type.Optional(Type.String({ maxLength: 5 })), end: Type.Optional(Type.String({ maxLength: 5 })),
    applies_to_transactional: Type.Optional(Type.Boolean()), state_rules: Type.Optional(Type.Boolean()),
  }, { additionalProperties: false })),
  frequency_cap: Type.Optional(Type.Union([Type.Object({
    max: Type.Integer(), window_hours: Type.Integer(), action: Type.Optional(Type.Union([Type.Literal('hold'), Type.Literal('fail')])),
  }, { additionalProperties: false }), Type.Null()])),
}, { additionalProperties: false });

const ProgramResource = Type.Object({
  id: Type.String(), object: Type.Literal('program'), name: Type.String(), is_default: Type.Boolean(),
  settings: FreeObject, created_at: Timestamp, updated_at: Timestamp,
}, { $id: 'Program' });
const ConsentResource = Type.Object({
  id: Type.String(), object: Type.Literal('consent_event'), to: Type.String(), program_id: Type.String({ description: '"" for an account-wide entry' }),
  type: Type.String(), source: Type.String(), confirmed: Type.Boolean(), wording: NullableString, url: NullableString, ip: NullableString,
  user_agent: NullableString, keyword: NullableString, inbound_id: NullableString, at: Timestamp, recorded_at: Timestamp,
}, { $id: 'ConsentEvent' });
const SuppressionResource = Type.Object({
  object: Type.Literal('suppression'), to: Type.String(), program_id: Nullable(Type.String({ description: 'null: every program of the account' })),
  reason: Type.String(), source: Type.String(), created_at: Timestamp,
}, { $id: 'Suppression' });

const POINTERS = { programId: 'program_id', userAgent: 'user_agent' };

export function complianceRoutes(services: Services): FastifyPluginAsyncTypebox {
  const { programs, consents } = services.compliance;
  return async (app) => {
    app.addSchema(ProgramResource);
    app.addSchema(ConsentResource);
    app.addSchema(SuppressionResource);

    const ptags = ['programs'];
    app.get('/v1/programs', { schema: { summary: 'Your programs (the default one included)', tags: ptags, querystring: Type.Object({}, { additionalProperties: false }), response: { 200: PageOf(Type.Ref('Program')), ...errorResponses } } },
      async (request) => ({ object: 'list' as const, data: (await programs.list(accountOf(request))).map(programResource), next_cursor: null }));
    app.post('/v1/programs', {
      schema: { summary: 'Create a program', tags: ptags, body: Type.Object({ name: Type.String({ maxLength: 200 }), settings: Type.Optional(SettingsBody) }, { additionalProperties: false }), response: { 201: Type.Ref('Program'), 409: Type.Ref('Problem'), ...errorResponses } },
    }, async (request, reply) => {
      const created = await programs.create(accountOf(request), request.body);
      return reply.code(201).header('location', `/v1/programs/${created.id}`).send(programResource(created));
    });
    const Params = Type.Object({ id: ProgramId });
    app.get('/v1/programs/:id', { schema: { summary: 'One program', tags: ptags, params: Params, response: { 200: Type.Ref('Program'), ...errorResponses } } },
      async (request) => programResource(await programs.get(accountOf(request), request.params.id)));
    app.patch('/v1/programs/:id', {
      schema: { summary: 'Change a program\'s name or settings (keys left out keep their value)', tags: ptags, params: Params, body: Type.Object({ name: Type.Optional(Type.String({ maxLength: 200 })), settings: Type.Optional(SettingsBody) }, { additionalProperties: false }), response: { 200: Type.Ref('Program'), 409: Type.Ref('Problem'), ...errorResponses } },
    }, async (request) => programResource(await programs.update(accountOf(request), request.params.id, request.body)));
    app.delete('/v1/programs/:id', { schema: { summary: 'Delete a program no number belongs to', tags: ptags, params: Params, response: { 204: Type.Null(), 409: Type.Ref('Problem'), ...errorResponses } } },
      async (request, reply) => {
        await programs.remove(accountOf(request), request.params.id);
        return reply.code(204).send(null);
      });

    const ctags = ['consents'];
    app.post('/v1/consents', {
      schema: {
        summary: 'Record an opt-in you collected (or an opt-out you were told of)', tags: ctags,
        body: Type.Object({
          to: Phone, program_id: Type.Optional(ProgramId),
          type: Type.Optional(Type.Union([Type.Literal('opt_in'), Type.Literal('opt_out')])),
          source: Type.Union([Type.Literal('web_form'), Type.Literal('api'), Type.Literal('import')]),
          wording: Type.Optional(Type.String({ maxLength: 4000, description: 'The wording the person agreed to (required for an opt-in)' })),
          url: Type.Optional(Type.String({ maxLength: 2048, description: 'The web form\'s URL (required for source web_form)' })),
          ip: Type.Optional(Type.String({ maxLength: 64 })), user_agent: Type.Optional(Type.String({ maxLength: 4000 })),
          at: Type.Optional(Type.String({ maxLength: 64, description: 'When the person consented (ISO 8601); default now' })),
        }, { additionalProperties: false }),
        response: { 201: Type.Ref('ConsentEvent'), 409: Type.Ref('Problem'), ...errorResponses },
      },
    }, async (request, reply) => {
      const { user_agent: userAgent, program_id: programId, ...rest } = request.body;
      const event = await withApiPointers(POINTERS, () => consents.record(accountOf(request), { ...rest, ...(userAgent !== undefined ? { userAgent } : {}), ...(programId !== undefined ? { programId } : {}) }));
      return reply.code(201).send(consentResource(event));
    });
    app.get('/v1/consents', {
      schema: { summary: 'A recipient\'s consent history, oldest first', tags: ctags, querystring: Type.Object({ to: Phone, program_id: Type.Optional(ProgramId) }, { additionalProperties: false }), response: { 200: PageOf(Type.Ref('ConsentEvent')), ...errorResponses } },
    }, async (request) => ({ object: 'list' as const, data: (await consents.history(accountOf(request), request.query.to, request.query.program_id)).map(consentResource), next_cursor: null }));
    app.get('/v1/consents/export', {
      schema: { summary: 'The consent ledger as CSV, for an audit', tags: ctags, querystring: Type.Object({ to: Type.Optional(Phone), program_id: Type.Optional(ProgramId) }, { additionalProperties: false }), response: { 200: { description: 'RFC 4180 CSV, one consent event a line, oldest first', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errorResponses } },
    }, async (request, reply) => {
      const lines: string[] = [];
      for await (const line of consents.exportCsv(accountOf(request), { ...(request.query.to ? { to: request.query.to } : {}), ...(request.query.program_id ? { programId: request.query.program_id } : {}) })) lines.push(line);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="consents.csv"').send(`${lines.join('\r\n')}\r\n`);
    });

    const stags = ['suppressions'];
    app.get('/v1/suppressions', {
      schema: { summary: 'Your suppression lists', tags: stags, querystring: Type.Object({ ...PageQuery, to: Type.Optional(Phone), program_id: Type.Optional(ProgramId) }, { additionalProperties: false }), response: { 200: PageOf(Type.Ref('Suppression')), ...errorResponses } },
    }, async (request) => {
      const q = request.query;
      const page = await consents.suppressions(accountOf(request), { limit: q.limit ?? 50, ...(q.cursor ? { cursor: q.cursor } : {}), ...(q.to ? { to: q.to } : {}), ...(q.program_id ? { programId: q.program_id } : {}) });
      return { object: 'list' as const, data: page.data.map(suppressionResource), next_cursor: page.nextCursor };
    });
    app.post('/v1/suppressions', {
      schema: { summary: 'Suppress a recipient (for one program, or every program of the account when program_id is left out)', tags: stags, body: Type.Object({ to: Phone, program_id: Type.Optional(ProgramId), reason: Type.String({ maxLength: 1000 }) }, { additionalProperties: false }), response: { 201: Type.Ref('Suppression'), ...errorResponses } },
    }, async (request, reply) => {
      const { program_id: programId, ...rest } = request.body;
      const s = await withApiPointers(POINTERS, () => consents.addSuppression(accountOf(request), { ...rest, ...(programId !== undefined ? { programId } : {}) }));
      return reply.code(201).send(suppressionResource(s));
    });
    app.delete('/v1/suppressions/:to', {
      schema: { summary: 'Lift a suppression', tags: stags, params: Type.Object({ to: Phone }), querystring: Type.Object({ program_id: Type.Optional(ProgramId) }, { additionalProperties: false }), response: { 204: Type.Null(), ...errorResponses } },
    }, async (request, reply) => {
      await consents.removeSuppression(accountOf(request), request.params.to, request.query.program_id);
      return reply.code(204).send(null);
    });
  };
}
