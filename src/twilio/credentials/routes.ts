import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { PormError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { accountOf } from '../../api/auth.ts';
import { errorResponses } from '../../api/schemas/common.ts';

// /v1/account/twilio/…: the account's Twilio-style credentials over porm's own API (bearer key).
// The SID is also on GET /v1/account; a token or secret appears only in the answer that creates it.

const tags = ['account'];
const AccountSid = Type.String({ pattern: '^AC[0-9a-f]{32}$' });
const Conflict = { 409: Type.Ref('Problem') };
const KeyResource = Type.Object({
  sid: Type.String({ pattern: '^SK[0-9a-f]{32}$' }), friendly_name: Type.String(), created_at: Type.String({ format: 'date-time' }),
  revoked_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function twilioCredentialRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    const creds = services.twilio;

    app.post('/v1/account/twilio/auth-token', {
      schema: {
        summary: 'Issue the account\'s Twilio auth token (once)', tags,
        description: 'Creates the account\'s Twilio credentials and answers the auth token, which is never shown again (409 PORM_TWILIO_TOKEN_ALREADY_ISSUED afterwards: rotate with a secondary token instead).',
        response: { 201: Type.Object({ account_sid: AccountSid, auth_token: Type.String() }), ...Conflict, ...errorResponses },
      },
    }, async (request, reply) => {
      const { account, createdToken } = await creds.ensure(accountOf(request));
      if (!createdToken) throw new PormError('PORM_TWILIO_TOKEN_ALREADY_ISSUED');
      return reply.code(201).send({ account_sid: account.accountSid, auth_token: createdToken });
    });

    app.post('/v1/account/twilio/secondary-auth-token', {
      schema: {
        summary: 'Create a secondary Twilio auth token', tags,
        description: 'Valid next to the primary until promoted; creating one again replaces the previous secondary.',
        response: { 201: Type.Object({ account_sid: AccountSid, secondary_auth_token: Type.String() }), ...errorResponses },
      },
    }, async (request, reply) => {
      const accountId = accountOf(request);
      const token = await creds.createSecondaryToken(accountId);
      return reply.code(201).send({ account_sid: await creds.accountSidOf(accountId), secondary_auth_token: token });
    });

    app.post('/v1/account/twilio/secondary-auth-token/promote', {
      schema: {
        summary: 'Promote the secondary Twilio auth token', tags,
        description: 'The secondary becomes the primary (and signs callbacks); the previous primary stops working at once.',
        response: { 200: Type.Object({ account_sid: AccountSid, promoted: Type.Literal(true) }), ...Conflict, ...errorResponses },
      },
    }, async (request) => {
      const accountId = accountOf(request);
      await creds.promoteSecondaryToken(accountId);
      return { account_sid: await creds.accountSidOf(accountId), promoted: true as const };
    });

    app.delete('/v1/account/twilio/secondary-auth-token', {
      schema: { summary: 'Drop the secondary Twilio auth token without promoting it', tags, response: { 204: Type.Null(), ...Conflict, ...errorResponses } },
    }, async (request, reply) => {
      if (!(await creds.deleteSecondaryToken(accountOf(request)))) throw new PormError('PORM_TWILIO_NO_SECONDARY_TOKEN');
      return reply.code(204).send(null);
    });

    app.post('/v1/account/twilio/keys', {
      schema: {
        summary: 'Create a Twilio API key (SK…)', tags,
        description: 'Basic auth as `SK…:secret` on /2010-04-01. The secret is answered once; porm keeps only its hash.',
        body: Type.Object({ friendly_name: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) }, { additionalProperties: false }),
        response: { 201: Type.Intersect([KeyResource, Type.Object({ secret: Type.String() })]), ...errorResponses },
      },
    }, async (request, reply) => {
      const key = await creds.createApiKey(accountOf(request), request.body.friendly_name ?? 'porm');
      return reply.code(201).send({ sid: key.sid, friendly_name: key.friendlyName, created_at: iso(key.createdAt)!, revoked_at: null, secret: key.secret });
    });

    app.get('/v1/account/twilio/keys', {
      schema: { summary: 'List Twilio API keys (no secrets)', tags, response: { 200: Type.Object({ object: Type.Literal('list'), data: Type.Array(KeyResource) }), ...errorResponses } },
    }, async (request) => ({
      object: 'list' as const,
      data: (await creds.listApiKeys(accountOf(request))).map((k) => ({ sid: k.sid, friendly_name: k.friendlyName, created_at: iso(k.createdAt)!, revoked_at: iso(k.revokedAt) })),
    }));

    app.delete('/v1/account/twilio/keys/:sid', {
      schema: { summary: 'Revoke a Twilio API key', tags, params: Type.Object({ sid: Type.String({ maxLength: 64 }) }), response: { 204: Type.Null(), ...errorResponses } },
    }, async (request, reply) => {
      await creds.revokeApiKey(accountOf(request), request.params.sid);
      return reply.code(204).send(null);
    });
  };
}
