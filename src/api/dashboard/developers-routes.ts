import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DashboardKit, Signed } from './kit.ts';
import { formOf, problem } from './kit.ts';
import { PormError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { developersPage, type SettingsView } from '../../dashboard/pages/developers.ts';
import { webhookPage, webhooksPage } from '../../dashboard/pages/developers-webhooks.ts';
import { keysPage } from '../../dashboard/pages/developers-keys.ts';
import { twilioPage, type TwilioView } from '../../dashboard/pages/developers-twilio.ts';
import { redeliver } from '../../webhooks/redeliver.ts';

// /dashboard/developers (admins): numbers and routes, webhook endpoints with their delivery log and
// "send again", API keys, Twilio credentials and settings, all through the services /v1 and the
// CLI use. Secrets appear only in the answer to the POST that made them.

type Query = Record<string, string | undefined>;

function settingsOf(services: Services, accountId: string): SettingsView {
  const { config } = services;
  return {
    publicUrl: services.publicUrl.value, role: config.role, database: config.databaseUrl?.startsWith('postgres') ? 'PostgreSQL' : 'SQLite',
    complianceEnforced: config.compliance.enforce, smsMaxSegments: config.sms.maxSegments, retry: { maxAttempts: config.retry.maxAttempts },
    webhooks: { maxAttempts: config.webhooks.maxAttempts, timeoutMs: config.webhooks.timeoutMs, allowPrivateNetworks: config.webhooks.allowPrivateNetworks },
    media: { maxUploadBytes: config.media.maxUploadBytes, allowPrivateNetworks: config.media.allowPrivateNetworks },
    carriers: Object.entries(config.carriers).map(([name, c]) => ({ name, type: c.type, profile: c.profile ?? '—' })),
    // Routes pinned to another account are that account's business.
    routes: config.routes.filter((r) => r.account === undefined || r.account === accountId).map((r) => ({
      match: `${r.channel ?? 'sms+mms'} from ${r.from ?? '*'} to ${r.to ?? '*'}`, carriers: r.carriers.join(' → '),
    })),
  };
}

/** Secrets on a page: never cached, never stored by the browser's back/forward cache. */
function secretAnswer(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store');
}

export function developersRoutes({ page, services }: DashboardKit): void {
  const frame = (signed: Signed, title: string) => ({ title, user: signed.user, csrf: signed.csrf });
  const failed = (reply: FastifyReply, err: unknown) => {
    const p = problem(err);
    reply.code(p.status);
    return p;
  };

  page('/dashboard/developers', 'admin', async (request, signed, reply) => {
    const q = request.query as Query;
    const settings = settingsOf(services, signed.user.accountId);
    try {
      const numbers = await services.numbers.list(signed.user.accountId, 50, q.cursor || undefined);
      return developersPage(frame(signed, 'Developers'), numbers.data, numbers.nextCursor, settings);
    } catch (err) {
      return developersPage(frame(signed, 'Developers'), [], null, settings, failed(reply, err));
    }
  });

  // Webhook endpoints.
  const endpoints = (signed: Signed) => services.webhooks.list(signed.user.accountId);
  page('/dashboard/developers/webhooks', 'admin', async (_request, signed) => webhooksPage(frame(signed, 'Webhook endpoints'), await endpoints(signed)));
  page('/dashboard/developers/webhooks', 'admin', async (request, signed, reply) => {
    const form = formOf(request);
    const shown = { url: form.url ?? '', description: form.description ?? '', events: form.events ?? '*' };
    try {
      const events = shown.events.split(',').map((e) => e.trim()).filter((e) => e !== '');
      if (shown.url.length > 2048) throw new PormError('PORM_INVALID_URL', 'url is longer than 2048 characters', [{ field: '/url', code: 'PORM_INVALID_URL', message: 'too long' }]);
      if (shown.description.length > 500 || events.length > 32) throw new PormError('PORM_INVALID_FIELD', 'at most 32 events and a description of 500 characters', [{ field: '/description', code: 'PORM_INVALID_FIELD', message: 'too long' }]);
      const created = await services.webhooks.create(signed.user.accountId, {
        url: shown.url.trim(), events: events.length === 0 ? ['*'] : events, ...(shown.description.trim() !== '' ? { description: shown.description.trim() } : {}),
      });
      return webhooksPage(frame(signed, 'Webhook endpoints'), await endpoints(signed), {}, undefined, `Added ${created.url}.`);
    } catch (err) {
      const p = failed(reply, err);
      return webhooksPage(frame(signed, 'Webhook endpoints'), await endpoints(signed), shown, p);
    }
  }, 'POST');

  async function endpointPage(request: FastifyRequest, signed: Signed, reply: FastifyReply, outcome?: { notice?: string; error?: unknown }): Promise<string> {
    const { id } = request.params as { id: string };
    const q = request.query as Query;
    try {
      const endpoint = await services.webhooks.get(signed.user.accountId, id);
      const log = await services.deliveries.list(signed.user.accountId, { endpointId: endpoint.id }, 25, q.cursor || undefined);
      const error = outcome?.error === undefined ? undefined : failed(reply, outcome.error);
      return webhookPage(frame(signed, 'Webhook endpoint'), endpoint, log.data, log.nextCursor, error, outcome?.notice);
    } catch (err) {
      return webhooksPage(frame(signed, 'Webhook endpoints'), await endpoints(signed), {}, failed(reply, err));
    }
  }
  page('/dashboard/developers/webhooks/:id', 'admin', (request, signed, reply) => endpointPage(request, signed, reply));
  page('/dashboard/developers/webhooks/:id/delete', 'admin', async (request, signed, reply) => {
    const { id } = request.params as { id: string };
    try {
      const endpoint = await services.webhooks.get(signed.user.accountId, id);
      await services.webhooks.remove(signed.user.accountId, id);
      return webhooksPage(frame(signed, 'Webhook endpoints'), await endpoints(signed), {}, undefined, `Deleted ${endpoint.url}.`);
    } catch (err) {
      return webhooksPage(frame(signed, 'Webhook endpoints'), await endpoints(signed), {}, failed(reply, err));
    }
  }, 'POST');
  page('/dashboard/developers/webhooks/:id/deliveries/:delivery/send-again', 'admin', async (request, signed, reply) => {
    const { id, delivery } = request.params as { id: string; delivery: string };
    try {
      // The endpoint first: another account's, or a deleted one, is 404 before anything else.
      await services.webhooks.get(signed.user.accountId, id);
      await redeliver(services.store, services.queue, services.clock, signed.user.accountId, delivery, id);
      return await endpointPage(request, signed, reply, { notice: 'Queued to be sent again; its attempts appear in the log below.' });
    } catch (err) {
      return endpointPage(request, signed, reply, { error: err });
    }
  }, 'POST');

  // API keys.
  const keys = (signed: Signed) => services.keys.list(signed.user.accountId);
  page('/dashboard/developers/keys', 'admin', async (_request, signed) => keysPage(frame(signed, 'API keys'), await keys(signed)));
  page('/dashboard/developers/keys', 'admin', async (request, signed, reply) => {
    const name = (formOf(request).name ?? '').trim();
    try {
      if (name === '' || name.length > 100) throw new PormError('PORM_INVALID_FIELD', 'a key has a name of 1 to 100 characters', [{ field: 'name', code: 'PORM_INVALID_FIELD', message: 'a name of 1 to 100 characters' }]);
      const created = await services.keys.create(signed.user.accountId, name);
      secretAnswer(reply);
      return keysPage(frame(signed, 'API keys'), await keys(signed), { name: created.name, key: created.key });
    } catch (err) {
      const p = failed(reply, err);
      return keysPage(frame(signed, 'API keys'), await keys(signed), undefined, p);
    }
  }, 'POST');
  page('/dashboard/developers/keys/:id/revoke', 'admin', async (request, signed, reply) => {
    const { id } = request.params as { id: string };
    try {
      // Scoped to the signed-in account twice: the lookup names the key, the revoke refuses another's.
      const key = (await keys(signed)).find((k) => k.id === id);
      if (!key || !(await services.keys.revoke(key.id, signed.user.accountId))) throw new PormError('PORM_DASHBOARD_API_KEY_NOT_FOUND');
      return keysPage(frame(signed, 'API keys'), await keys(signed), undefined, undefined, `Revoked ${key.name} (${key.prefix}…): requests with it now fail with PORM_AUTH_REVOKED.`);
    } catch (err) {
      const p = failed(reply, err);
      return keysPage(frame(signed, 'API keys'), await keys(signed), undefined, p);
    }
  }, 'POST');

  // Twilio credentials.
  async function twilioView(accountId: string): Promise<TwilioView> {
    const row = await services.store.db.selectFrom('twilio_accounts').select(['secondary_token']).where('account_id', '=', accountId).executeTakeFirst();
    return { accountSid: await services.twilio.accountSidOf(accountId), hasToken: row !== undefined, hasSecondary: row?.secondary_token != null };
  }
  const twilio = async (signed: Signed, shown?: { label: string; token: string }, error?: { message: string; code: string }, notice?: string) =>
    twilioPage(frame(signed, 'Twilio credentials'), await twilioView(signed.user.accountId), shown, error, notice);
  page('/dashboard/developers/twilio', 'admin', async (_request, signed) => twilio(signed));
  page('/dashboard/developers/twilio/token', 'admin', async (_request, signed, reply) => {
    const { createdToken } = await services.twilio.ensure(signed.user.accountId);
    if (createdToken === undefined) return twilio(signed, undefined, undefined, 'The auth token was made before and is shown only then; rotate it to get a new one.');
    secretAnswer(reply);
    return twilio(signed, { label: 'The auth token', token: createdToken });
  }, 'POST');
  page('/dashboard/developers/twilio/secondary', 'admin', async (_request, signed, reply) => {
    const token = await services.twilio.createSecondaryToken(signed.user.accountId);
    secretAnswer(reply);
    return twilio(signed, { label: 'The secondary auth token', token });
  }, 'POST');
  page('/dashboard/developers/twilio/promote', 'admin', async (_request, signed, reply) => {
    try {
      await services.twilio.promoteSecondaryToken(signed.user.accountId);
      return await twilio(signed, undefined, undefined, 'The secondary token is now the auth token; the old one no longer works.');
    } catch (err) {
      return twilio(signed, undefined, failed(reply, err));
    }
  }, 'POST');
  page('/dashboard/developers/twilio/secondary/delete', 'admin', async (_request, signed) => {
    const deleted = await services.twilio.deleteSecondaryToken(signed.user.accountId);
    return twilio(signed, undefined, undefined, deleted ? 'The secondary token is deleted.' : 'There was no secondary token.');
  }, 'POST');
}
