import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ValidateFunction } from 'ajv';
import { makeAjv } from '../src/api/validation.ts';
import { cleanup, eventually, request, startHarness, waitForStatus, type ApiResponse, type Harness } from './helpers/harness.ts';
import { noisePng } from './helpers/images.ts';
import { orderShipped } from '../src/rich/format/examples.ts';

// Every /v1 operation in /openapi.json, called for real over HTTP: a success and a typical error
// each, and every response checked against what the document declares for it: its status is
// listed, and its JSON body is valid against the declared schema ($refs resolved to components).

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
type Doc = { paths: Record<string, Record<string, Operation>> };

const escape = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1');

describe('every /v1 operation answers what /openapi.json declares', () => {
  let h: Harness;
  let doc: Doc;
  const ajv = makeAjv(false);
  const validators = new Map<string, ValidateFunction>();
  // "METHOD /template" → statuses seen
  const seen = new Map<string, Set<number>>();

  /** Calls one operation (path given as in the document, with its parameters filled) and checks the answer. */
  async function call(method: string, template: string, path: string, body?: unknown, headers: Record<string, string> = {}, auth = true): Promise<ApiResponse> {
    const res = await request(h.url, method, path, body, auth ? { authorization: `Bearer ${h.key}`, ...headers } : headers);
    const op = doc.paths[template]?.[method.toLowerCase()];
    assert.ok(op, `${method} ${template} is in /openapi.json`);
    const declared = op.responses ?? {};
    const key = String(res.status) in declared ? String(res.status) : `${String(res.status)[0]}XX` in declared ? `${String(res.status)[0]}XX` : 'default';
    assert.ok(key in declared, `${method} ${path} answered ${res.status}, which is not declared (declared: ${Object.keys(declared).join(', ')}): ${res.text.slice(0, 300)}`);
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!;
    if (/json/.test(type) && res.text !== '') {
      const content = declared[key]!.content ?? {};
      const mediaType = Object.keys(content).find((t) => /json/.test(t));
      assert.ok(mediaType, `${method} ${template} ${key} declares a JSON body schema`);
      const pointer = `openapi#/paths/${escape(template)}/${method.toLowerCase()}/responses/${key}/content/${escape(mediaType)}/schema`;
      let validate = validators.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: pointer });
        validators.set(pointer, validate);
      }
      assert.ok(validate(JSON.parse(res.text)), `${method} ${path} ${res.status} body does not match its schema: ${ajv.errorsText(validate.errors)}\n${res.text.slice(0, 400)}`);
    }
    const k = `${method.toUpperCase()} ${template}`;
    if (!seen.has(k)) seen.set(k, new Set());
    seen.get(k)!.add(res.status);
    return res;
  }
  const expect = (res: ApiResponse, status: number): ApiResponse => {
    assert.equal(res.status, status, res.text.slice(0, 400));
    return res;
  };

  before(async () => {
    // Sandbox reports are held back, so a sent message stays `sent` (its delivery can be failed on demand).
    h = await startHarness({ PORM_SANDBOX_DELIVERY_DELAY_MS: '60000' });
    doc = JSON.parse((await request(h.url, 'GET', '/openapi.json')).text) as Doc;
    ajv.addSchema(doc, 'openapi');
  });
  after(async () => {
    await h?.stop();
    if (h) cleanup(h.dataDir);
  });

  test('messages, media, account, handset and sandbox', async () => {
    const base = { to: '+14155550100', from: '+14155550199', body: 'hello', channel: 'mms' }; // the handset view below is the sandbox MMSC's
    const sent = expect(await call('POST', '/v1/messages', '/v1/messages', base), 201);
    const id = String(sent.body.id);
    expect(await call('POST', '/v1/messages', '/v1/messages', { ...base, to: undefined }), 400);
    expect(await call('POST', '/v1/messages', '/v1/messages', { ...base, media: [{ url: 'http://127.0.0.1/a.png' }] }), 422);
    expect(await call('GET', '/v1/messages', '/v1/messages?limit=5'), 200);
    expect(await call('GET', '/v1/messages', '/v1/messages?limit=0'), 400);
    expect(await call('GET', '/v1/messages/{id}', `/v1/messages/${id}`), 200);
    expect(await call('GET', '/v1/messages/{id}', '/v1/messages/msg_nope'), 404);
    const later = expect(await call('POST', '/v1/messages', '/v1/messages', { ...base, send_at: new Date(Date.now() + 3_600_000).toISOString() }), 201);
    expect(await call('GET', '/v1/messages/{id}/handset', `/v1/messages/${String(later.body.id)}/handset`), 409);
    expect(await call('POST', '/v1/messages/{id}/cancel', `/v1/messages/${String(later.body.id)}/cancel`), 200);
    expect(await call('POST', '/v1/messages/{id}/cancel', '/v1/messages/msg_nope/cancel'), 404);

    await waitForStatus(h, id, 'sent');
    expect(await call('GET', '/v1/messages/{id}/handset', `/v1/messages/${id}/handset`), 200);
    const pdu = await call('GET', '/v1/messages/{id}/handset', `/v1/messages/${id}/handset`, undefined, { accept: 'application/vnd.wap.mms-message' });
    expect(pdu, 200);
    assert.equal(pdu.headers.get('content-type'), 'application/vnd.wap.mms-message');
    expect(await call('GET', '/v1/messages/{id}/handset', '/v1/messages/msg_nope/handset'), 404);

    expect(await call('POST', '/v1/sandbox/delivery-reports', '/v1/sandbox/delivery-reports', { message_id: id, status: 'expired' }), 200);
    expect(await call('POST', '/v1/sandbox/delivery-reports', '/v1/sandbox/delivery-reports', { message_id: id }), 409);
    const inbound = expect(await call('POST', '/v1/sandbox/inbound', '/v1/sandbox/inbound', { from: '+14155550100', to: base.from, body: 'reply' }), 201);
    expect(await call('POST', '/v1/sandbox/inbound', '/v1/sandbox/inbound', { to: base.from, body: 'reply' }), 400);
    expect(await call('GET', '/v1/inbound-messages', '/v1/inbound-messages'), 200);
    expect(await call('GET', '/v1/inbound-messages', '/v1/inbound-messages?limit=abc'), 400);
    expect(await call('GET', '/v1/inbound-messages/{id}', `/v1/inbound-messages/${String(inbound.body.id)}`), 200);
    expect(await call('GET', '/v1/inbound-messages/{id}', '/v1/inbound-messages/inb_nope'), 404);

    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await noisePng())], { type: 'image/png' }), 'a.png');
    const media = expect(await call('POST', '/v1/media', '/v1/media', form), 201);
    expect(await call('POST', '/v1/media', '/v1/media', { file: 'x' }), 415);
    expect(await call('GET', '/v1/media/{id}', `/v1/media/${String(media.body.id)}`), 200);
    expect(await call('GET', '/v1/media/{id}', '/v1/media/med_nope'), 404);
    expect(await call('GET', '/v1/media/{id}/content', `/v1/media/${String(media.body.id)}/content`), 200);
    expect(await call('GET', '/v1/media/{id}/content', '/v1/media/med_nope/content'), 404);

    // The public media URL the media object carries.
    const signed = new URL(String(media.body.url)).pathname;
    expect(await call('GET', '/media/{token}', signed, undefined, {}, false), 200);
    expect(await call('GET', '/media/{token}', signed, undefined, { range: 'bytes=0-9' }, false), 206);
    expect(await call('GET', '/media/{token}', signed, undefined, { range: 'bytes=999999999-' }, false), 416);
    expect(await call('GET', '/media/{token}', '/media/nope', undefined, {}, false), 404);
    for (const path of ['/healthz', '/readyz', '/metrics']) expect(await call('GET', path, path, undefined, {}, false), 200);

    expect(await call('GET', '/v1/account', '/v1/account'), 200);
    expect(await call('GET', '/v1/account', '/v1/account', undefined, {}, false), 401);
    // Twilio credentials (src/twilio/credentials/routes.ts).
    const tw = '/v1/account/twilio';
    expect(await call('POST', `${tw}/auth-token`, `${tw}/auth-token`), 201);
    expect(await call('POST', `${tw}/auth-token`, `${tw}/auth-token`), 409);
    expect(await call('POST', `${tw}/secondary-auth-token/promote`, `${tw}/secondary-auth-token/promote`), 409);
    expect(await call('DELETE', `${tw}/secondary-auth-token`, `${tw}/secondary-auth-token`), 409);
    expect(await call('POST', `${tw}/secondary-auth-token`, `${tw}/secondary-auth-token`), 201);
    expect(await call('POST', `${tw}/secondary-auth-token`, `${tw}/secondary-auth-token`, undefined, {}, false), 401);
    expect(await call('DELETE', `${tw}/secondary-auth-token`, `${tw}/secondary-auth-token`), 204);
    expect(await call('POST', `${tw}/secondary-auth-token`, `${tw}/secondary-auth-token`), 201);
    expect(await call('POST', `${tw}/secondary-auth-token/promote`, `${tw}/secondary-auth-token/promote`), 200);
    const twKey = expect(await call('POST', `${tw}/keys`, `${tw}/keys`, { friendly_name: 'ci' }), 201);
    expect(await call('POST', `${tw}/keys`, `${tw}/keys`, { name: 'ci' }), 400);
    expect(await call('GET', `${tw}/keys`, `${tw}/keys`), 200);
    expect(await call('GET', `${tw}/keys`, `${tw}/keys`, undefined, {}, false), 401);
    expect(await call('DELETE', `${tw}/keys/{sid}`, `${tw}/keys/${String(twKey.body.sid)}`), 204);
    expect(await call('DELETE', `${tw}/keys/{sid}`, `${tw}/keys/SK${'0'.repeat(32)}`), 404);
  });

  test('webhooks and their delivery log', async () => {
    const created = expect(await call('POST', '/v1/webhooks', '/v1/webhooks', { url: 'https://hooks.example/porm', events: ['message.sent'] }), 201);
    const id = String(created.body.id);
    expect(await call('POST', '/v1/webhooks', '/v1/webhooks', { url: 123 }), 400);
    expect(await call('GET', '/v1/webhooks', '/v1/webhooks'), 200);
    expect(await call('GET', '/v1/webhooks', '/v1/webhooks', undefined, {}, false), 401);
    expect(await call('GET', '/v1/webhooks/{id}', `/v1/webhooks/${id}`), 200);
    expect(await call('GET', '/v1/webhooks/{id}', '/v1/webhooks/whe_nope'), 404);
    expect(await call('PATCH', '/v1/webhooks/{id}', `/v1/webhooks/${id}`, { description: 'ops' }), 200);
    expect(await call('PATCH', '/v1/webhooks/{id}', `/v1/webhooks/${id}`, { descripton: 'ops' }), 400);

    const sent = expect(await call('POST', '/v1/messages', '/v1/messages', { to: '+14155550101', from: '+14155550199', body: 'hook me' }), 201);
    const deliveries = await eventually(async () => {
      const res = await call('GET', '/v1/webhook-deliveries', `/v1/webhook-deliveries?message_id=${String(sent.body.id)}`);
      const data = res.body.data as Array<{ id: string }>;
      return data.length > 0 ? data : undefined;
    }, 10_000, 'a webhook delivery');
    expect(await call('GET', '/v1/webhook-deliveries', '/v1/webhook-deliveries?status=bogus'), 400);
    expect(await call('GET', '/v1/webhook-deliveries/{id}', `/v1/webhook-deliveries/${deliveries[0]!.id}`), 200);
    expect(await call('GET', '/v1/webhook-deliveries/{id}', '/v1/webhook-deliveries/whd_nope'), 404);

    expect(await call('DELETE', '/v1/webhooks/{id}', `/v1/webhooks/${id}`), 204);
    expect(await call('DELETE', '/v1/webhooks/{id}', `/v1/webhooks/${id}`), 404);
  });

  test('compliance: programs, consents, suppressions', async () => {
    const program = expect(await call('POST', '/v1/programs', '/v1/programs', { name: 'deals' }), 201);
    const pid = String(program.body.id);
    expect(await call('POST', '/v1/programs', '/v1/programs', { name: 'deals' }), 409);
    expect(await call('GET', '/v1/programs', '/v1/programs'), 200);
    expect(await call('GET', '/v1/programs', '/v1/programs?x=1'), 400);
    expect(await call('GET', '/v1/programs/{id}', `/v1/programs/${pid}`), 200);
    expect(await call('GET', '/v1/programs/{id}', '/v1/programs/prg_nope'), 404);
    expect(await call('PATCH', '/v1/programs/{id}', `/v1/programs/${pid}`, { settings: { double_opt_in: true } }), 200);
    expect(await call('PATCH', '/v1/programs/{id}', `/v1/programs/${pid}`, { settings: { quiet_hours: { start: '09:00', end: '09:00' } } }), 400);
    expect(await call('DELETE', '/v1/programs/{id}', `/v1/programs/${pid}`), 204);
    expect(await call('DELETE', '/v1/programs/{id}', `/v1/programs/${pid}`), 404);
    expect(await call('POST', '/v1/consents', '/v1/consents', { to: '+14155550166', source: 'api', wording: 'Yes, text me' }), 201);
    expect(await call('POST', '/v1/consents', '/v1/consents', { to: '+14155550166', source: 'api' }), 400);
    expect(await call('GET', '/v1/consents', '/v1/consents?to=%2B14155550166'), 200);
    expect(await call('GET', '/v1/consents', '/v1/consents?to=nope'), 400);
    expect(await call('GET', '/v1/consents/export', '/v1/consents/export'), 200);
    expect(await call('GET', '/v1/consents/export', '/v1/consents/export?to=1&x=2'), 400);
    expect(await call('POST', '/v1/suppressions', '/v1/suppressions', { to: '+14155550167', reason: 'asked' }), 201);
    expect(await call('POST', '/v1/suppressions', '/v1/suppressions', { to: '12', reason: 'asked' }), 400);
    expect(await call('GET', '/v1/suppressions', '/v1/suppressions'), 200);
    expect(await call('GET', '/v1/suppressions', '/v1/suppressions?limit=0'), 400);
    expect(await call('DELETE', '/v1/suppressions/{to}', '/v1/suppressions/+14155550167'), 204);
    expect(await call('DELETE', '/v1/suppressions/{to}', '/v1/suppressions/+14155550167'), 404);
  });

  test('tracked links and conversions', async () => {
    expect(await call('GET', '/v1/links/settings', '/v1/links/settings'), 200);
    expect(await call('GET', '/v1/links/settings', '/v1/links/settings?x=1'), 400);
    expect(await call('PATCH', '/v1/links/settings', '/v1/links/settings', { utm: { utm_source: 'porm' } }), 200);
    expect(await call('PATCH', '/v1/links/settings', '/v1/links/settings', { base_url: 'ftp://x.example' }), 400);
    const sent = expect(await call('POST', '/v1/messages', '/v1/messages', { to: '+14155550170', from: '+14155550199', body: 'https://shop.example.com/x', track_links: true }), 201);
    const links = expect(await call('GET', '/v1/links', `/v1/links?message_id=${String(sent.body.id)}`), 200);
    expect(await call('GET', '/v1/links', '/v1/links?to=nope'), 400);
    const token = String((links.body.data as Array<{ token: string }>)[0]!.token);
    expect(await call('GET', '/v1/links/{token}', `/v1/links/${token}`), 200);
    expect(await call('GET', '/v1/links/{token}', '/v1/links/AAAAAAAAAA'), 404);
    expect(await call('GET', '/v1/links/{token}/clicks', `/v1/links/${token}/clicks`), 200);
    expect(await call('GET', '/v1/links/{token}/clicks', '/v1/links/AAAAAAAAAA/clicks'), 404);
    const conversion = expect(await call('POST', '/v1/conversions', '/v1/conversions', { to: '+14155550170', value: '1.5', currency: 'USD' }), 201);
    expect(await call('POST', '/v1/conversions', '/v1/conversions', { to: '+14155550170', value: 'lots', currency: 'USD' }), 400);
    expect(await call('GET', '/v1/conversions', '/v1/conversions'), 200);
    expect(await call('GET', '/v1/conversions', '/v1/conversions?cursor=bad'), 400);
    expect(await call('GET', '/v1/conversions/{id}', `/v1/conversions/${String(conversion.body.id)}`), 200);
    expect(await call('GET', '/v1/conversions/{id}', '/v1/conversions/cnv_nope'), 404);
    expect(await call('PATCH', '/v1/links/settings', '/v1/links/settings', { utm: {} }), 200);
  });

  test('numbers', async () => {
    const created = expect(await call('POST', '/v1/numbers', '/v1/numbers', { number: '+14155550123' }), 201);
    const id = String(created.body.id);
    expect(await call('POST', '/v1/numbers', '/v1/numbers', { number: '+14155550123' }), 409);
    expect(await call('GET', '/v1/numbers', '/v1/numbers'), 200);
    expect(await call('GET', '/v1/numbers', '/v1/numbers?limit=0'), 400);
    expect(await call('GET', '/v1/numbers/{id}', `/v1/numbers/${id}`), 200);
    expect(await call('GET', '/v1/numbers/{id}', '/v1/numbers/num_nope'), 404);
    expect(await call('PATCH', '/v1/numbers/{id}', `/v1/numbers/${id}`, { capabilities: ['sms'] }), 200);
    expect(await call('PATCH', '/v1/numbers/{id}', `/v1/numbers/${id}`, { capabilities: [] }), 400);
    // A Twilio-style inbound webhook: the record of what became of an MO exists once it is queued.
    expect(await call('PATCH', '/v1/numbers/{id}', `/v1/numbers/${id}`, { inbound_webhook: { url: 'http://127.0.0.1:9/sms' } }), 200);
    const mo = expect(await call('POST', '/v1/sandbox/inbound', '/v1/sandbox/inbound', { from: '+14155550100', to: '+14155550123', body: 'hi' }), 201);
    expect(await call('GET', '/v1/inbound-messages/{id}/webhook', `/v1/inbound-messages/${String(mo.body.id)}/webhook`), 200);
    expect(await call('GET', '/v1/inbound-messages/{id}/webhook', '/v1/inbound-messages/inb_nope/webhook'), 404);
    expect(await call('DELETE', '/v1/numbers/{id}', `/v1/numbers/${id}`), 204);
    expect(await call('DELETE', '/v1/numbers/{id}', `/v1/numbers/${id}`), 404);
  });

  test('messaging services', async () => {
    expect(await call('POST', '/v1/numbers', '/v1/numbers', { number: '+14155550124' }), 201);
    const created = expect(await call('POST', '/v1/messaging-services', '/v1/messaging-services', { name: 'Pool', numbers: ['+14155550124'] }), 201);
    const id = String(created.body.id);
    expect(await call('POST', '/v1/messaging-services', '/v1/messaging-services', { name: 'Pool 2', numbers: ['+14155550124'] }), 409);
    expect(await call('GET', '/v1/messaging-services', '/v1/messaging-services'), 200);
    expect(await call('GET', '/v1/messaging-services', '/v1/messaging-services?limit=0'), 400);
    expect(await call('GET', '/v1/messaging-services/{id}', `/v1/messaging-services/${id}`), 200);
    expect(await call('GET', '/v1/messaging-services/{id}', '/v1/messaging-services/mgs_nope'), 404);
    expect(await call('PATCH', '/v1/messaging-services/{id}', `/v1/messaging-services/${id}`, { sticky_sender: false }), 200);
    expect(await call('PATCH', '/v1/messaging-services/{id}', `/v1/messaging-services/${id}`, { name: '' }), 400);
    expect(await call('DELETE', '/v1/messaging-services/{id}/numbers/{number}', `/v1/messaging-services/${id}/numbers/${encodeURIComponent('+14155550124')}`), 200);
    expect(await call('DELETE', '/v1/messaging-services/{id}/numbers/{number}', `/v1/messaging-services/${id}/numbers/${encodeURIComponent('+14155550124')}`), 404);
    expect(await call('POST', '/v1/messaging-services/{id}/numbers', `/v1/messaging-services/${id}/numbers`, { number: '+14155550124' }), 200);
    expect(await call('POST', '/v1/messaging-services/{id}/numbers', `/v1/messaging-services/${id}/numbers`, { number: '+14155550198' }), 404);
    expect(await call('DELETE', '/v1/messaging-services/{id}', `/v1/messaging-services/${id}`), 204);
    expect(await call('DELETE', '/v1/messaging-services/{id}', `/v1/messaging-services/${id}`), 404);
  });

  test('campaigns', async () => {
    const list = expect(await call('POST', '/v1/lists', '/v1/lists', { name: 'openapi campaign' }), 201);
    const listId = String(list.body.id);
    expect(await call('POST', '/v1/contacts', '/v1/contacts', { phone: '+14155550127', lists: [listId] }), 201);
    const body = { name: 'openapi', audience: { lists: [listId] }, body: 'Hi', from: '+14155550199', draft: true };
    const created = expect(await call('POST', '/v1/campaigns', '/v1/campaigns', body), 201);
    const id = String(created.body.id);
    expect(await call('POST', '/v1/campaigns', '/v1/campaigns', { ...body, audience: { lists: ['lst_nope'] } }), 404);
    expect(await call('GET', '/v1/campaigns', '/v1/campaigns'), 200);
    expect(await call('GET', '/v1/campaigns', '/v1/campaigns?limit=0'), 400);
    expect(await call('GET', '/v1/campaigns/{id}', `/v1/campaigns/${id}`), 200);
    expect(await call('GET', '/v1/campaigns/{id}', '/v1/campaigns/cmp_nope'), 404);
    expect(await call('POST', '/v1/campaigns/{id}/dry-run', `/v1/campaigns/${id}/dry-run`), 200);
    expect(await call('POST', '/v1/campaigns/{id}/dry-run', '/v1/campaigns/cmp_nope/dry-run'), 404);
    expect(await call('POST', '/v1/campaigns/{id}/resume', `/v1/campaigns/${id}/resume`), 409);
    expect(await call('POST', '/v1/campaigns/{id}/pause', `/v1/campaigns/${id}/pause`), 409);
    expect(await call('POST', '/v1/campaigns/{id}/start', `/v1/campaigns/${id}/start`), 200);
    expect(await call('POST', '/v1/campaigns/{id}/start', `/v1/campaigns/${id}/start`), 409);
    // A campaign scheduled for tomorrow can be paused and resumed whatever the fan-out's speed.
    const later = expect(await call('POST', '/v1/campaigns', '/v1/campaigns', { ...body, name: 'openapi later', draft: false, send_at: new Date(Date.now() + 86_400_000).toISOString() }), 201);
    const laterId = String(later.body.id);
    expect(await call('POST', '/v1/campaigns/{id}/pause', `/v1/campaigns/${laterId}/pause`), 200);
    expect(await call('POST', '/v1/campaigns/{id}/resume', `/v1/campaigns/${laterId}/resume`), 200);
    expect(await call('POST', '/v1/campaigns/{id}/cancel', `/v1/campaigns/${laterId}/cancel`), 200);
    expect(await call('POST', '/v1/campaigns/{id}/cancel', `/v1/campaigns/${laterId}/cancel`), 409);
  });

  test('campaign analytics', async () => {
    const list = expect(await call('POST', '/v1/lists', '/v1/lists', { name: 'openapi analytics' }), 201);
    expect(await call('POST', '/v1/contacts', '/v1/contacts', { phone: '+14155550128', lists: [String(list.body.id)] }), 201);
    const created = expect(await call('POST', '/v1/campaigns', '/v1/campaigns', { name: 'openapi analytics', audience: { lists: [String(list.body.id)] }, body: 'Hi https://shop.example.com/a', from: '+14155550199' }), 201);
    const id = String(created.body.id);
    expect(await call('GET', '/v1/campaigns/{id}/analytics', `/v1/campaigns/${id}/analytics?interval=hour`), 200);
    expect(await call('GET', '/v1/campaigns/{id}/analytics', '/v1/campaigns/cmp_nope/analytics'), 404);
    expect(await call('GET', '/v1/campaigns/{id}/analytics', `/v1/campaigns/${id}/analytics?interval=minute`), 400);
    const csv = expect(await call('GET', '/v1/campaigns/{id}/analytics.csv', `/v1/campaigns/${id}/analytics.csv`), 200);
    assert.match(csv.text, /^"start","sent","delivered","clicks","opt_outs","conversions"\r\n/);
    expect(await call('GET', '/v1/campaigns/{id}/analytics.csv', '/v1/campaigns/cmp_nope/analytics.csv'), 404);
  });

  test('contacts and lists', async () => {
    const list = expect(await call('POST', '/v1/lists', '/v1/lists', { name: 'openapi' }), 201);
    const listId = String(list.body.id);
    expect(await call('POST', '/v1/lists', '/v1/lists', { name: 'openapi' }), 409);
    expect(await call('GET', '/v1/lists', '/v1/lists'), 200);
    expect(await call('GET', '/v1/lists', '/v1/lists?limit=0'), 400);
    expect(await call('GET', '/v1/lists/{id}', `/v1/lists/${listId}`), 200);
    expect(await call('GET', '/v1/lists/{id}', '/v1/lists/lst_nope'), 404);
    expect(await call('PATCH', '/v1/lists/{id}', `/v1/lists/${listId}`, { description: 'd' }), 200);
    expect(await call('PATCH', '/v1/lists/{id}', `/v1/lists/${listId}`, { name: '' }), 400);
    const created = expect(await call('POST', '/v1/contacts', '/v1/contacts', { phone: '+14155550124', lists: [listId] }), 201);
    const id = String(created.body.id);
    expect(await call('POST', '/v1/contacts', '/v1/contacts', { phone: '+14155550124', name: 'again' }), 200);
    expect(await call('POST', '/v1/contacts', '/v1/contacts', { phone: 'nope' }), 400);
    expect(await call('GET', '/v1/contacts', '/v1/contacts', undefined), 200);
    expect(await call('GET', '/v1/contacts', '/v1/contacts?limit=0'), 400);
    expect(await call('GET', '/v1/contacts/{id}', `/v1/contacts/${id}`), 200);
    expect(await call('GET', '/v1/contacts/{id}', '/v1/contacts/con_nope'), 404);
    expect(await call('GET', '/v1/contacts/{id}/timeline', `/v1/contacts/${id}/timeline`), 200);
    expect(await call('GET', '/v1/contacts/{id}/timeline', `/v1/contacts/${id}/timeline?cursor=forged`), 400);
    expect(await call('PATCH', '/v1/contacts/{id}', `/v1/contacts/${id}`, { tags: ['a'] }), 200);
    expect(await call('PATCH', '/v1/contacts/{id}', `/v1/contacts/${id}`, { time_zone: 'Nowhere/Land' }), 400);
    expect(await call('POST', '/v1/lists/{id}/members', `/v1/lists/${listId}/members`, { contacts: ['+14155550125'] }), 200);
    expect(await call('POST', '/v1/lists/{id}/members', '/v1/lists/lst_nope/members', { contacts: ['+14155550125'] }), 404);
    expect(await call('DELETE', '/v1/lists/{id}/members/{contact}', `/v1/lists/${listId}/members/${id}`), 204);
    expect(await call('DELETE', '/v1/lists/{id}/members/{contact}', `/v1/lists/${listId}/members/${id}`), 404);
    expect(await call('DELETE', '/v1/contacts/{id}', `/v1/contacts/${id}`), 204);
    expect(await call('DELETE', '/v1/contacts/{id}', `/v1/contacts/${id}`), 404);
    expect(await call('DELETE', '/v1/lists/{id}', `/v1/lists/${listId}`), 204);
    expect(await call('DELETE', '/v1/lists/{id}', `/v1/lists/${listId}`), 404);
  });

  test('contact imports', async () => {
    const csv = { 'content-type': 'text/csv' };
    const created = expect(await call('POST', '/v1/imports', '/v1/imports', 'phone\n+14155550126\nbad\n', csv), 202);
    const id = String(created.body.id);
    expect(await call('POST', '/v1/imports', '/v1/imports', '{}', { 'content-type': 'application/json' }), 415);
    expect(await call('GET', '/v1/imports', '/v1/imports'), 200);
    expect(await call('GET', '/v1/imports', '/v1/imports?limit=0'), 400);
    const deadline = Date.now() + 60_000;
    while ((await h.porm.services.contacts.imports.get(h.porm.bootstrap.accountId, id)).status === 'importing' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await call('GET', '/v1/imports/{id}', `/v1/imports/${id}`), 200);
    expect(await call('GET', '/v1/imports/{id}', '/v1/imports/imp_nope'), 404);
    expect(await call('GET', '/v1/imports/{id}/errors', `/v1/imports/${id}/errors`), 200);
    expect(await call('GET', '/v1/imports/{id}/errors', '/v1/imports/imp_nope/errors'), 404);
    const running = await h.porm.services.contacts.imports.create(h.porm.bootstrap.accountId, null, {});
    expect(await call('POST', '/v1/imports/{id}/cancel', `/v1/imports/${running.id}/cancel`), 200);
    expect(await call('POST', '/v1/imports/{id}/cancel', `/v1/imports/${running.id}/cancel`), 409);
  });

  test('segments', async () => {
    expect(await call('POST', '/v1/segments/preview', '/v1/segments/preview', { rule: { tag: 'vip' } }), 200);
    expect(await call('POST', '/v1/segments/preview', '/v1/segments/preview', { rule: { tag: 5 } }), 400);
    const created = expect(await call('POST', '/v1/segments', '/v1/segments', { name: 'openapi', rule: { tag: 'vip' } }), 201);
    const id = String(created.body.id);
    expect(await call('POST', '/v1/segments', '/v1/segments', { name: 'openapi', rule: { tag: 'vip' } }), 409);
    expect(await call('GET', '/v1/segments', '/v1/segments'), 200);
    expect(await call('GET', '/v1/segments', '/v1/segments?limit=0'), 400);
    expect(await call('GET', '/v1/segments/{id}', `/v1/segments/${id}`), 200);
    expect(await call('GET', '/v1/segments/{id}', '/v1/segments/seg_nope'), 404);
    expect(await call('PATCH', '/v1/segments/{id}', `/v1/segments/${id}`, { name: 'renamed' }), 200);
    expect(await call('PATCH', '/v1/segments/{id}', `/v1/segments/${id}`, { rule: { not: {} } }), 400);
    expect(await call('DELETE', '/v1/segments/{id}', `/v1/segments/${id}`), 204);
    expect(await call('DELETE', '/v1/segments/{id}', `/v1/segments/${id}`), 404);
  });

  test('templates and rich messages', async () => {
    expect(await call('POST', '/v1/templates/validate', '/v1/templates/validate', orderShipped), 200);
    expect(await call('POST', '/v1/templates/validate', '/v1/templates/validate', { version: 1 }), 200);
    expect(await call('POST', '/v1/templates/validate', '/v1/templates/validate', '{"version": 1,}', { 'content-type': 'application/json' }), 400);
    const created = expect(await call('POST', '/v1/templates', '/v1/templates', { document: orderShipped }), 201);
    const id = String(created.body.id);
    expect(await call('POST', '/v1/templates', '/v1/templates', { document: { version: 1 } }), 422);
    expect(await call('GET', '/v1/templates', '/v1/templates'), 200);
    expect(await call('GET', '/v1/templates', '/v1/templates?limit=0'), 400);
    expect(await call('GET', '/v1/templates/{id}', `/v1/templates/${id}`), 200);
    expect(await call('GET', '/v1/templates/{id}', '/v1/templates/tpl_nope'), 404);
    expect(await call('PATCH', '/v1/templates/{id}', `/v1/templates/${id}`, { document: orderShipped, note: 'again' }), 200);
    expect(await call('PATCH', '/v1/templates/{id}', '/v1/templates/tpl_nope', { document: orderShipped }), 404);
    expect(await call('GET', '/v1/templates/{id}/revisions/{revision}', `/v1/templates/${id}/revisions/2`), 200);
    expect(await call('GET', '/v1/templates/{id}/revisions/{revision}', `/v1/templates/${id}/revisions/99`), 404);
    expect(await call('POST', '/v1/templates/{id}/preview', `/v1/templates/${id}/preview`, {}), 200);
    expect(await call('POST', '/v1/templates/{id}/preview', '/v1/templates/tpl_nope/preview', {}), 404);
    expect(await call('POST', '/v1/templates/preview', '/v1/templates/preview', { template: orderShipped }), 200);
    expect(await call('POST', '/v1/templates/preview', '/v1/templates/preview', { template: { version: 1 } }), 422);
    expect(await call('GET', '/v1/templates/{id}/stats', `/v1/templates/${id}/stats`), 200);
    expect(await call('GET', '/v1/templates/{id}/stats', '/v1/templates/tpl_nope/stats'), 404);
    expect(await call('GET', '/v1/templates/{id}/answers', `/v1/templates/${id}/answers`), 200);
    expect(await call('GET', '/v1/templates/{id}/answers', '/v1/templates/tpl_nope/answers'), 404);

    const order = (orderShipped.data as Record<string, { example?: unknown }>).order!.example;
    const msg = expect(await call('POST', '/v1/messages', '/v1/messages', { to: '+14155550102', from: '+14155550199', template: id, data: { order } }), 201);
    const msgId = String(msg.body.id);
    for (const part of ['interactions', 'answers', 'stats']) {
      expect(await call('GET', `/v1/messages/{id}/${part}`, `/v1/messages/${msgId}/${part}`), 200);
      expect(await call('GET', `/v1/messages/{id}/${part}`, `/v1/messages/msg_nope/${part}`), 404);
    }
    expect(await call('GET', '/v1/schema/template.json', '/v1/schema/template.json', undefined, {}, false), 200);
  });

  test('every /v1 operation was called, with a success and an error', () => {
    // A public schema document has no error a client can cause.
    const noError = new Set(['GET /v1/schema/template.json']);
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!path.startsWith('/v1/')) continue;
      for (const method of Object.keys(ops)) {
        const k = `${method.toUpperCase()} ${path}`;
        const statuses = [...(seen.get(k) ?? [])];
        if (!statuses.some((s) => s < 300)) missing.push(`${k}: no success`);
        if (!noError.has(k) && !statuses.some((s) => s >= 400)) missing.push(`${k}: no error`);
      }
    }
    assert.deepEqual(missing, []);
  });
});
