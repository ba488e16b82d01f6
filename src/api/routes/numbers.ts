import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../services.ts';
import { numberResource } from '../../numbers/number-rows.ts';
import { accountOf } from '../auth.ts';
import { PormError } from '../../errors.ts';
import { withApiPointers } from '../v1/field-pointers.ts';
import { PageOf, PageQuery, errorResponses } from '../schemas/common.ts';

const CapabilityList = Type.Array(Type.Union([Type.Literal('sms'), Type.Literal('mms')]), {
  minItems: 1, maxItems: 2, uniqueItems: true, description: 'What the number sends: sms, mms (default both; sms for alphanumeric sender ids)',
});
const Route = Type.Union([Type.String({ maxLength: 64 }), Type.Null()], { description: 'A carrier name from the server configuration (carriers.<name>); null or absent: the routing table decides' });

const InboundWebhookBody = Type.Union([
  Type.Object({
    url: Type.String({ maxLength: 2048, description: 'Where MOs to the number are sent, as Twilio sends them (docs/twilio-webhooks.md)' }),
    method: Type.Optional(Type.Union([Type.Literal('POST'), Type.Literal('GET')], { description: 'Default POST; GET puts the parameters in the query string' })),
    dialect: Type.Optional(Type.Literal('twilio', { description: 'The only dialect so far: Twilio\'s form, X-Twilio-Signature, TwiML answers' })),
  }, { additionalProperties: false }),
  Type.Null(),
], { description: 'A Twilio-style inbound webhook: the answer (TwiML) is sent as replies from this number; null removes it' });
const InboundWebhookResource = Type.Union([
  Type.Object({ url: Type.String(), method: Type.Union([Type.Literal('POST'), Type.Literal('GET')]), dialect: Type.Literal('twilio') }),
  Type.Null(),
]);

const NumberResource = Type.Object({
  id: Type.String(),
  object: Type.Literal('number'),
  number: Type.String({ description: 'Canonical form: E.164, short code or alphanumeric sender id' }),
  kind: Type.Union([Type.Literal('e164'), Type.Literal('short_code'), Type.Literal('alphanumeric')]),
  capabilities: Type.Array(Type.String()),
  route: Type.Union([Type.String(), Type.Null()]),
  program_id: Type.Union([Type.String(), Type.Null()], { description: 'The compliance program of the number (prg_…); null: the account\'s default program' }),
  source: Type.Union([Type.Literal('registered'), Type.Literal('sandbox_first_use')], { description: 'registered (API or CLI) or claimed by a first send on a sandbox route' }),
  inbound_webhook: InboundWebhookResource,
  twilio_sid: Type.Optional(Type.String({ description: 'PN…: the number\'s PhoneNumberSid on the Twilio surface (adding it to a Messaging API service)' })),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
}, { $id: 'Number' });

const NumberBody = Type.Object({
  number: Type.String({ maxLength: 64, description: '+14155550100, 12345 or ACME' }),
  capabilities: Type.Optional(CapabilityList),
  route: Type.Optional(Route),
  inbound_webhook: Type.Optional(InboundWebhookBody),
}, { additionalProperties: false });

const NumberPatch = Type.Object({
  capabilities: Type.Optional(CapabilityList),
  route: Type.Optional(Route),
  inbound_webhook: Type.Optional(InboundWebhookBody),
  program_id: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()], { description: 'The compliance program (prg_…) the number belongs to; null: the account\'s default program (docs/compliance.md)' })),
}, { additionalProperties: false });

const IdParams = Type.Object({ id: Type.String({ maxLength: 64, description: 'num_… or the number itself' }) });

/**
 * A Twilio-style webhook is signed with the account's auth token, which is shown only by the
 * command that creates it: one made silently by the first delivery could never be seen.
 */
async function requireTwilioToken(services: Services, accountId: string): Promise<void> {
  if (await services.twilio.accountIdOf(await services.twilio.accountSidOf(accountId)) === accountId) return;
  const message = 'a Twilio-style webhook is signed with the account\'s auth token: create it first (porm accounts twilio show, or POST /v1/account/twilio/auth-token)';
  throw new PormError('PORM_TWILIO_TOKEN_MISSING', message, [{ field: '/inbound_webhook', code: 'PORM_TWILIO_TOKEN_MISSING', message }]);
}

export function numberRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addSchema(NumberResource);
    const tags = ['numbers'];

    app.post('/v1/numbers', {
      schema: {
        summary: 'Register a sender number to your account', tags,
        description: 'A number has one owner: a number another account (or yours) holds is refused with 409 PORM_NUMBER_ALREADY_CLAIMED. Numbers on real carrier routes must be registered before sending from them.',
        body: NumberBody, response: { 201: Type.Ref('Number'), 409: Type.Ref('Problem'), ...errorResponses },
      },
    }, async (request, reply) => {
      const { inbound_webhook: inboundWebhook, ...rest } = request.body;
      if (inboundWebhook) await requireTwilioToken(services, accountOf(request));
      const created = await services.numbers.create(accountOf(request), { ...rest, ...(inboundWebhook !== undefined ? { inboundWebhook } : {}) });
      return reply.code(201).header('location', `/v1/numbers/${created.id}`).send(numberResource(created));
    });

    app.get('/v1/numbers', {
      schema: { summary: 'Your numbers, newest first', tags, querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: PageOf(Type.Ref('Number')), ...errorResponses } },
    }, async (request) => {
      const page = await services.numbers.list(accountOf(request), request.query.limit ?? 50, request.query.cursor);
      return { object: 'list' as const, data: page.data.map(numberResource), next_cursor: page.nextCursor };
    });

    app.get('/v1/numbers/:id', {
      schema: { summary: 'One of your numbers', tags, params: IdParams, response: { 200: Type.Ref('Number'), ...errorResponses } },
    }, async (request) => numberResource(await services.numbers.get(accountOf(request), request.params.id)));

    app.patch('/v1/numbers/:id', {
      schema: { summary: 'Change a number\'s capabilities, route, compliance program or inbound webhook', tags, params: IdParams, body: NumberPatch, response: { 200: Type.Ref('Number'), 409: Type.Ref('Problem'), ...errorResponses } },
    }, async (request) => {
      const { inbound_webhook: inboundWebhook, program_id: programId, ...rest } = request.body;
      if (inboundWebhook) await requireTwilioToken(services, accountOf(request));
      const patch = { ...rest, ...(inboundWebhook !== undefined ? { inboundWebhook } : {}), ...(programId !== undefined ? { programId } : {}) };
      return numberResource(await withApiPointers({ programId: 'program_id' }, () => services.numbers.update(accountOf(request), request.params.id, patch)));
    });

    app.delete('/v1/numbers/:id', {
      schema: { summary: 'Give a number up: MOs to it are unattributed afterwards and another account may claim it', tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
    }, async (request, reply) => {
      await services.numbers.remove(accountOf(request), request.params.id);
      return reply.code(204).send(null);
    });
  };
}
