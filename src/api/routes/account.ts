import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { PormError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { accountOf } from '../auth.ts';
import { errorResponses } from '../schemas/common.ts';

export function accountRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/v1/account', {
      schema: {
        summary: 'The account of the API key', tags: ['account'],
        description: '`status_callback_secret` signs the webhooks sent to per-message status_callback URLs (Standard Webhooks scheme).',
        response: {
          200: Type.Object({ id: Type.String(), object: Type.Literal('account'), name: Type.String(), status_callback_secret: Type.String(), created_at: Type.String(),
            twilio_account_sid: Type.String({ pattern: '^AC[0-9a-f]{32}$', description: 'The AC… SID for the Twilio-compatible API (/2010-04-01); its auth token is shown by `porm accounts twilio show` on first use and by the rotation commands.' }) }),
          ...errorResponses,
        },
      },
    }, async (request) => {
      const account = await services.accounts.get(accountOf(request));
      if (!account) throw new PormError('PORM_AUTH_INVALID');
      return { id: account.id, object: 'account' as const, name: account.name, status_callback_secret: account.webhookSecret, created_at: new Date(account.createdAt).toISOString(), twilio_account_sid: await services.twilio.accountSidOf(account.id) };
    });
  };
}
