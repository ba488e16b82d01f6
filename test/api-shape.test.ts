import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { bootstrap, openServices } from '../src/main.ts';
import { buildServer } from '../src/api/server.ts';
import type { Services } from '../src/services.ts';
import { orderShipped } from '../src/rich/format/examples.ts';
import { cleanup, tempDir, TEST_KEY } from './helpers/harness.ts';

// The /v1 surface through Fastify inject, with no workers and no listening socket: the presenters'
// shapes, field errors mapped from domain names to /v1 JSON pointers, Idempotency-Key replay and
// mismatch, and GETs that never cross accounts. (The same rules over real HTTP, with workers, are in
// bad-input, idempotency and isolation.)

describe('/v1 shape through inject', () => {
  let dataDir: string;
  let services: Services;
  let app: FastifyInstance;
  let otherKey: string;
  const auth = (key = TEST_KEY) => ({ authorization: `Bearer ${key}` });
  const send = async (payload: Record<string, unknown>, headers: Record<string, string> = {}, key = TEST_KEY) => {
    const res = await app.inject({ method: 'POST', url: '/v1/messages', payload, headers: { ...auth(key), ...headers } });
    return { status: res.statusCode, headers: res.headers, body: res.json<Record<string, unknown>>() };
  };
  const get = async (url: string, key = TEST_KEY) => {
    const res = await app.inject({ method: 'GET', url, headers: auth(key) });
    return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
  };
  const base = { to: '+14155550100', from: '+14155550199', body: 'hi' };

  before(async () => {
    dataDir = tempDir();
    const config = loadConfig({ data: dataDir, port: 0 }, { PORM_API_KEY: TEST_KEY, PORM_LOG_LEVEL: 'silent', PORM_PUBLIC_URL: 'https://porm.example' });
    services = await openServices(config);
    await bootstrap(services);
    otherKey = (await services.accounts.create('other')).apiKey.key;
    app = await buildServer(services, { routes: [], handsets: new Map() }, createLogger(config));
    await app.ready();
  });
  after(async () => {
    await app.close();
    await services.store.close();
    cleanup(dataDir);
  });

  test('a sent message has the documented /v1 keys, in order', async () => {
    const res = await send({ ...base, metadata: { order: 1 } });
    assert.equal(res.status, 201);
    assert.deepEqual(Object.keys(res.body), [
      'id', 'object', 'account_id', 'to', 'from', 'body', 'subject', 'media', 'status', 'error_code', 'error_message', 'status_callback',
      'send_at', 'validity_period', 'expires_at', 'metadata', 'carrier', 'carrier_message_id', 'attempts', 'created_at', 'updated_at',
      'media_sent', 'template', 'channel', 'segments', 'encoding', 'fallback', 'channel_fallback', 'page_url', 'category',
    ]);
    assert.equal(res.body.object, 'message');
    assert.equal(res.body.status, 'queued');
    assert.equal(res.headers.location, `/v1/messages/${String(res.body.id)}`);
    const one = await get(`/v1/messages/${String(res.body.id)}`);
    assert.deepEqual((one.body.events as Array<{ type: string }>).map((e) => e.type), ['accepted', 'queued']);
  });

  test('domain field errors come back at /v1 JSON pointers with their codes', async () => {
    const cases: Array<[Record<string, unknown>, string, string, number?]> = [
      [{ send_at: 'tomorrow' }, '/send_at', 'PORM_INVALID_SEND_AT'],
      [{ send_at: '2999-01-01T00:00:00Z' }, '/send_at', 'PORM_INVALID_SEND_AT'],
      [{ status_callback: 'ftp://example.com/cb' }, '/status_callback', 'PORM_INVALID_URL'],
      [{ media: [{ url: 'ftp://example.com/a.jpg' }] }, '/media/0/url', 'PORM_INVALID_URL'],
      [{ to: '12' }, '/to', 'PORM_INVALID_PHONE_NUMBER'],
      [{ body: 'x'.repeat(1601) }, '/body', 'PORM_BODY_TOO_LONG'],
      [{ body: undefined, template: orderShipped, template_revision: 2 }, '/template_revision', 'PORM_VALIDATION_FAILED'],
      [{ body: undefined, template: 'tpl_00000000000000000000000000', template_revision: 1 }, '/template', 'PORM_RICH_TEMPLATE_NOT_FOUND', 404],
      [{ channel: 'porm' }, '/template', 'PORM_MISSING_FIELD'],
      [{ body: 'a'.repeat(1531) }, '/body', 'PORM_SMS_BODY_TOO_LONG'],
      [{ channel: 'sms', media: [{ url: 'https://example.com/a.jpg' }] }, '/media', 'PORM_SMS_MEDIA_NOT_SUPPORTED'],
    ];
    for (const [patch, pointer, code, status = 400] of cases) {
      const res = await send({ ...base, ...patch });
      assert.equal(res.status, status, `${pointer}: ${JSON.stringify(res.body)}`);
      const errors = res.body.errors as Array<{ field: string; code: string }>;
      assert.ok(errors.some((e) => e.field === pointer && e.code === code), `${pointer} ${code}: got ${JSON.stringify(errors)}`);
      assert.ok(errors.every((e) => !/[A-Z]/.test(e.field.split('/')[1] ?? '')), `no domain (camelCase) names leak: ${JSON.stringify(errors)}`);
    }
  });

  test('an Idempotency-Key replays the same message and refuses a different body', async () => {
    const key = 'shape-key-1';
    const first = await send({ ...base, body: 'once' }, { 'idempotency-key': key });
    assert.equal(first.status, 201);
    // Key order does not make a different request.
    const replay = await send({ body: 'once', from: base.from, to: base.to }, { 'idempotency-key': key });
    assert.equal(replay.status, 201);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.equal(replay.body.id, first.body.id);
    const other = await send({ ...base, body: 'twice' }, { 'idempotency-key': key });
    assert.equal(other.status, 409);
    assert.equal(other.body.code, 'PORM_IDEMPOTENCY_KEY_REUSED');
    // Keys are per account: the same key elsewhere is a new message.
    // (From its own number: the default account claimed base.from on its first send.)
    const elsewhere = await send({ ...base, from: '+14155550177', body: 'twice' }, { 'idempotency-key': key }, otherKey);
    assert.equal(elsewhere.status, 201);
    assert.notEqual(elsewhere.body.id, first.body.id);
  });

  test('GETs never show another account\'s messages, inbound messages, media or webhooks', async () => {
    const mine = await send({ ...base, body: 'mine' });
    const id = String(mine.body.id);
    assert.equal((await get(`/v1/messages/${id}`, otherKey)).body.code, 'PORM_MESSAGE_NOT_FOUND');
    const list = await get('/v1/messages?limit=100', otherKey);
    assert.ok(!(list.body.data as Array<{ id: string }>).some((m) => m.id === id));
    const cancel = await app.inject({ method: 'POST', url: `/v1/messages/${id}/cancel`, headers: auth(otherKey) });
    assert.equal(cancel.json<{ code: string }>().code, 'PORM_MESSAGE_NOT_FOUND');
    const hook = await app.inject({ method: 'POST', url: '/v1/webhooks', headers: auth(), payload: { url: 'https://example.com/h' } });
    assert.equal(hook.statusCode, 201);
    const hookId = hook.json<{ id: string }>().id;
    assert.equal((await get(`/v1/webhooks/${hookId}`, otherKey)).body.code, 'PORM_WEBHOOK_NOT_FOUND');
    assert.deepEqual((await get('/v1/webhooks', otherKey)).body.data, []);
    const inbound = await services.inbound.receive({ carrier: 'sandbox', from: '+14155550111', to: base.from, subject: null, text: 'hello', attachments: [], linkedId: null, dedupeKey: null });
    const owner = (await get(`/v1/inbound-messages/${inbound.id}`)).status === 200 ? TEST_KEY : otherKey;
    const stranger = owner === TEST_KEY ? otherKey : TEST_KEY;
    const shown = await get(`/v1/inbound-messages/${inbound.id}`, owner);
    assert.deepEqual(Object.keys(shown.body), ['id', 'object', 'carrier', 'from', 'to', 'subject', 'body', 'media', 'linked_id', 'received_at']);
    assert.equal((await get(`/v1/inbound-messages/${inbound.id}`, stranger)).body.code, 'PORM_INBOUND_MESSAGE_NOT_FOUND');
  });

  test('page_url uses the public base URL the server was given', async () => {
    const res = await send({ to: base.to, from: base.from, template: orderShipped, data: { order: { id: 'A1', carrier: 'UPS', eta: '2026-03-02', tracking_url: 'https://ups.example/t/1', items: [] } }, channel: 'porm' });
    if (res.status !== 201) assert.fail(JSON.stringify(res.body));
    assert.match(String(res.body.page_url), /^https:\/\/porm\.example\/m\/[0-9A-Za-z]{22}$/);
  });
});
