import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMm7Message, type Mm7SubmitReq } from '../src/mms/mm7/index.ts';
import { cleanup, eventually, mmsSandboxOnly, request, startHarness, tempDir, waitForStatus, type ApiResponse, type Harness } from './helpers/harness.ts';
import { WebhookReceiver } from './helpers/webhook-receiver.ts';
import { Mm7Peer, mm7Answer } from './helpers/mm7-peer.ts';
import { noisePng } from './helpers/images.ts';

// Playing the handset through the whole server: the sandbox MMSC sends porm a real MM7 DeliverReq
// (a reply) or DeliveryReportReq (a failure on demand) through porm's own /mm7/<carrier> endpoint.

const HANDSET = '+14155550123';
const MINE = '+14155550199';

function assertProblem(res: ApiResponse, status: number, code: string, field?: string): void {
  assert.equal(res.status, status, res.text);
  assert.match(String(res.headers.get('content-type')), /^application\/problem\+json/);
  assert.equal(res.body.code, code, res.text);
  if (field) assert.ok((res.body.errors as Array<{ field: string }> | undefined)?.some((e) => e.field === field), `${field} in ${res.text}`);
}

async function upload(h: Harness, bytes: Buffer, type: string, name: string, key = h.key): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await request(h.url, 'POST', '/v1/media', form, { authorization: `Bearer ${key}` });
  assert.equal(res.status, 201, res.text);
  return String(res.body.id);
}

describe('POST /v1/sandbox/inbound and /v1/sandbox/delivery-reports', () => {
  let h: Harness;
  const hooks = new WebhookReceiver();
  let keyB: string;
  let otherNumber: string;
  const b = (method: string, path: string, body?: unknown): Promise<ApiResponse> => request(h.url, method, path, body, { authorization: `Bearer ${keyB}` });

  before(async () => {
    // Reports are held back a minute, so sent messages stay `sent` until a failure is asked for.
    h = await startHarness({ ...mmsSandboxOnly(), PORM_SANDBOX_DELIVERY_DELAY_MS: '60000' });
    await hooks.start();
    const endpoint = await h.api('POST', '/v1/webhooks', { url: hooks.url, events: ['inbound.received'] });
    assert.equal(endpoint.status, 201, endpoint.text);
    for (const number of [MINE, '72345']) {
      const registered = await h.api('POST', '/v1/numbers', { number });
      assert.equal(registered.status, 201, registered.text);
    }
    const other = await h.porm.services.accounts.create('other');
    keyB = other.apiKey.key;
    // B sends from a number of its own: on the sandbox route its first send claims it.
    otherNumber = '+14155550177';
    const sent = await b('POST', '/v1/messages', { to: '+14155550100', from: otherNumber, body: 'from B' });
    assert.equal(sent.status, 201, sent.text);
  });
  after(async () => {
    await h?.stop();
    await hooks.stop();
    cleanup(h.dataDir);
  });

  test('a reply arrives as an inbound message of the account, with its media, and an inbound.received webhook', async () => {
    const png = await noisePng(40, 30);
    const mediaId = await upload(h, png, 'image/png', 'photo.png');
    const vcard = Buffer.from('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEND:VCARD\r\n');
    const res = await h.api('POST', '/v1/sandbox/inbound', {
      from: HANDSET, to: MINE, body: 'STOP ✋', subject: 'Re: hi',
      media: [{ id: mediaId }, { content_type: 'text/vcard', data: vcard.toString('base64'), filename: 'ann.vcf' }],
    });
    assert.equal(res.status, 201, res.text);
    const inbound = res.body as { id: string; object: string; carrier: string; from: string; to: string; body: string; subject: string; media: Array<{ id: string; content_type: string; size: number }> };
    assert.equal(inbound.object, 'inbound_message');
    assert.match(inbound.id, /^inb_/);
    assert.equal(res.headers.get('location'), `/v1/inbound-messages/${inbound.id}`);
    assert.deepEqual([inbound.carrier, inbound.from, inbound.to, inbound.body, inbound.subject], ['sandbox', HANDSET, MINE, 'STOP ✋', 'Re: hi']);
    assert.deepEqual(inbound.media.map((m) => [m.content_type, m.size]), [['image/png', png.length], ['text/vcard', vcard.length]]);
    const stored = await h.api('GET', `/v1/inbound-messages/${inbound.id}`);
    assert.deepEqual(stored.body, res.body);
    const picture = await fetch(`${h.url}/v1/media/${inbound.media[0]!.id}/content`, { headers: { authorization: `Bearer ${h.key}` } });
    assert.deepEqual(Buffer.from(await picture.arrayBuffer()), png);
    const hook = await eventually(async () => hooks.received.find((r) => r.json.type === 'inbound.received' && r.json.data.id === inbound.id), 10_000, 'inbound.received');
    assert.equal(hook.json.data.body, 'STOP ✋');
    // B does not see it.
    assert.equal((await b('GET', `/v1/inbound-messages/${inbound.id}`)).status, 404);
  });

  test('a text-only reply to a short code', async () => {
    const res = await h.api('POST', '/v1/sandbox/inbound', { from: HANDSET, to: '72345', body: 'HELP' });
    assert.equal(res.status, 201, res.text);
    assert.deepEqual([res.body.to, res.body.body, res.body.media], ['72345', 'HELP', []]);
  });

  test('a failure on demand turns a sent message into undelivered with the error', async () => {
    const sent = await h.api('POST', '/v1/messages', { to: '+14155550100', from: MINE, body: 'will expire' });
    const id = String(sent.body.id);
    await waitForStatus(h, id, 'sent');
    const res = await h.api('POST', '/v1/sandbox/delivery-reports', { message_id: id, status: 'expired' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.status, 'undelivered');
    assert.equal(res.body.error_code, 'PORM_UNDELIVERED');
    assert.equal(res.body.error_message, 'sandbox: the message expired before the handset fetched it');
    const events = res.body.events as Array<{ type: string; data: Record<string, unknown> | null }>;
    assert.equal(events.at(-1)!.type, 'undelivered');
    assert.equal(events.at(-1)!.data!.carrier_status, 'Expired');
    // Once final, a second failure is refused.
    assertProblem(await h.api('POST', '/v1/sandbox/delivery-reports', { message_id: id }), 409, 'PORM_SANDBOX_MESSAGE_FINAL');
  });

  test('default status and own description', async () => {
    const sent = await h.api('POST', '/v1/messages', { to: '+14155550100', from: MINE, body: 'refuse me' });
    const id = String(sent.body.id);
    await waitForStatus(h, id, 'sent');
    const res = await h.api('POST', '/v1/sandbox/delivery-reports', { message_id: id, description: 'phone switched off' });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual([res.body.status, res.body.error_message], ['undelivered', 'phone switched off']);
  });

  test('hostile and malformed replies get codes and store nothing', async () => {
    const before = (await h.api('GET', '/v1/inbound-messages?limit=200')).body.data as unknown[];
    const reply = (body: Record<string, unknown>): Promise<ApiResponse> => h.api('POST', '/v1/sandbox/inbound', { from: HANDSET, to: MINE, body: 'x', ...body });
    assertProblem(await reply({ from: '4155550123' }), 400, 'PORM_INVALID_PHONE_NUMBER', '/from');
    assertProblem(await reply({ from: '+1415<script>' }), 400, 'PORM_INVALID_PHONE_NUMBER', '/from');
    assertProblem(await reply({ to: 'acme' }), 400, 'PORM_INVALID_PHONE_NUMBER', '/to');
    assertProblem(await reply({ to: otherNumber }), 422, 'PORM_SANDBOX_NUMBER_NOT_OWNED', '/to');
    assertProblem(await reply({ carrier: 'acme' }), 422, 'PORM_SANDBOX_CARRIER_UNKNOWN', '/carrier');
    assertProblem(await reply({ carrier: '../../etc' }), 422, 'PORM_SANDBOX_CARRIER_UNKNOWN', '/carrier');
    assertProblem(await reply({ body: '' }), 400, 'PORM_SANDBOX_REPLY_EMPTY');
    assertProblem(await reply({ body: 'x'.repeat(1601) }), 400, 'PORM_BODY_TOO_LONG', '/body');
    assertProblem(await reply({ subject: 'a\u0000b' }), 400, 'PORM_INVALID_FIELD', '/subject');
    assertProblem(await reply({ body: 'bad \ud800' }), 400, 'PORM_INVALID_FIELD', '/body');
    assertProblem(await reply({ extra: 1 }), 400, 'PORM_UNKNOWN_FIELD', '/extra');
    assertProblem(await h.api('POST', '/v1/sandbox/inbound', { from: HANDSET, body: 'x' }), 400, 'PORM_MISSING_FIELD', '/to');
    assertProblem(await reply({ media: [{ content_type: 'image/png', data: '***' }] }), 400, 'PORM_INVALID_FIELD', '/media/0/data');
    assertProblem(await reply({ media: [{ content_type: 'multipart/mixed', data: 'AAAA' }] }), 400, 'PORM_INVALID_FIELD', '/media/0/content_type');
    assertProblem(await reply({ media: [{ content_type: 'text/plain', data: 'AAAA', filename: '../x' }] }), 400, 'PORM_INVALID_FIELD', '/media/0/filename');
    assertProblem(await reply({ media: [{ id: 'med_x', data: 'AAAA' }] }), 400, 'PORM_INVALID_FIELD', '/media/0');
    assertProblem(await reply({ media: Array.from({ length: 11 }, () => ({ content_type: 'text/plain', data: 'AAAA' })) }), 400, 'PORM_TOO_MANY_MEDIA', '/media');
    const mediaOfB = await upload(h, await noisePng(8, 8), 'image/png', 'b.png', keyB);
    assertProblem(await reply({ media: [{ id: mediaOfB }] }), 400, 'PORM_INVALID_MEDIA_REFERENCE', '/media/0/id');
    const big = await upload(h, Buffer.from('a'.repeat(700_000)), 'text/plain', 'big.txt');
    assertProblem(await reply({ media: [{ id: big }, { id: big }] }), 413, 'PORM_SANDBOX_REPLY_TOO_LARGE', '/media/1');
    assertProblem(await reply({ media: [{ content_type: 'image/png', data: Buffer.alloc(800_000).toString('base64') }] }), 413, 'PORM_PAYLOAD_TOO_LARGE');
    assertProblem(await request(h.url, 'POST', '/v1/sandbox/inbound', { from: HANDSET, to: MINE, body: 'x' }), 401, 'PORM_AUTH_MISSING');
    const after = (await h.api('GET', '/v1/inbound-messages?limit=200')).body.data as unknown[];
    assert.equal(after.length, before.length, 'nothing stored');
  });

  test("the MMSC's control endpoint takes orders only with its secret, as JSON; the secret is in a 0600 file", async () => {
    const mmsc = h.porm.carriers.sandboxes.get('sandbox')!;
    const file = join(h.dataDir, 'sandbox-mmsc-sandbox.control.json');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const control = JSON.parse(readFileSync(file, 'utf8')) as { url: string; secret: string };
    assert.equal(control.url, mmsc.url);
    const order = JSON.stringify({ from: HANDSET, to: MINE, subject: null, text: 'x', parts: [] });
    const post = (headers: Record<string, string>, body = order): Promise<Response> => fetch(`${mmsc.url}/control/deliver`, { method: 'POST', headers, body });
    assert.equal((await post({ 'content-type': 'application/json' })).status, 401);
    assert.equal((await post({ 'content-type': 'application/json', authorization: 'Bearer wrong-secret-wrong-secret-wrong-se' })).status, 401);
    assert.equal((await post({ 'content-type': 'text/plain', authorization: `Bearer ${control.secret}` })).status, 400);
    assert.equal((await post({ 'content-type': 'application/json', authorization: `Bearer ${control.secret}` }, '{"from": 1}')).status, 400);
    const unknown = await fetch(`${mmsc.url}/control/report`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${control.secret}` },
      body: JSON.stringify({ carrierMessageId: 'SBX000000000000000000000000', mmStatus: 'Expired', statusText: 'x' }),
    });
    assert.equal(unknown.status, 404);
  });

  test('failure on demand refuses what it cannot fail', async () => {
    const fail = (body: Record<string, unknown>): Promise<ApiResponse> => h.api('POST', '/v1/sandbox/delivery-reports', body);
    assertProblem(await fail({ message_id: 'msg_nope' }), 404, 'PORM_MESSAGE_NOT_FOUND');
    // Another account's message is not found, whatever its state.
    const ofB = ((await b('GET', '/v1/messages')).body.data as Array<{ id: string }>)[0]!.id;
    assertProblem(await fail({ message_id: ofB }), 404, 'PORM_MESSAGE_NOT_FOUND');
    const sent = await h.api('POST', '/v1/messages', { to: '+14155550100', from: MINE, body: 'x' });
    assertProblem(await fail({ message_id: String(sent.body.id), status: 'delivered' }), 400, 'PORM_INVALID_FIELD', '/status');
    assertProblem(await fail({ message_id: String(sent.body.id), description: 'x'.repeat(201) }), 400, 'PORM_INVALID_FIELD', '/description');
    assertProblem(await fail({ message_id: String(sent.body.id), extra: true }), 400, 'PORM_UNKNOWN_FIELD');
    const rejected = await h.api('POST', '/v1/messages', { to: '+15005550001', from: MINE, body: 'x' });
    await waitForStatus(h, String(rejected.body.id), 'failed');
    assertProblem(await fail({ message_id: String(rejected.body.id) }), 409, 'PORM_SANDBOX_MESSAGE_FINAL');
    const later = await h.api('POST', '/v1/messages', { to: '+14155550100', from: MINE, body: 'x', send_at: new Date(Date.now() + 3_600_000).toISOString() });
    assertProblem(await fail({ message_id: String(later.body.id) }), 409, 'PORM_SANDBOX_MESSAGE_NOT_ACCEPTED');
  });
});

describe('sandbox handset with several carriers, or none', () => {
  test('several sandboxes: the carrier must be named; a message of an mm7 carrier cannot be failed', async () => {
    const acme = await new Mm7Peer((req) => {
      const tx = (parseMm7Message(req.headers['content-type'], req.body).message as Mm7SubmitReq).transactionId;
      return mm7Answer({ type: 'SubmitRsp', transactionId: tx, status: { code: 1000 }, messageId: `ACME-${tx}` });
    }).start();
    const dir = tempDir('porm-sandboxes-');
    const configFile = join(dir, 'config.json');
    writeFileSync(configFile, JSON.stringify({
      carriers: {
        sandbox: { type: 'sandbox' }, second: { type: 'sandbox' },
        acme: { type: 'mm7', url: `${acme.url}/mm7`, username: 'u', password: 'password1', deliveryReport: false },
      },
      routes: [{ from: '+1212', carrier: 'acme' }, { from: '*', carrier: 'sandbox' }],
    }));
    const h = await startHarness({ PORM_CONFIG: configFile }, dir);
    try {
      // MINE is served by a sandbox and +1212… by acme (mm7), where a number is registered before it sends.
      for (const number of [MINE, '+12125550100']) assert.equal((await h.api('POST', '/v1/numbers', { number })).status, 201);
      assertProblem(await h.api('POST', '/v1/sandbox/inbound', { from: HANDSET, to: MINE, body: 'x' }), 422, 'PORM_SANDBOX_CARRIER_REQUIRED', '/carrier');
      const res = await h.api('POST', '/v1/sandbox/inbound', { from: HANDSET, to: MINE, body: 'via second', carrier: 'second' });
      assert.equal(res.status, 201, res.text);
      assert.equal(res.body.carrier, 'second');
      assertProblem(await h.api('POST', '/v1/sandbox/inbound', { from: HANDSET, to: MINE, body: 'x', carrier: 'acme' }), 422, 'PORM_SANDBOX_CARRIER_UNKNOWN');
      const viaAcme = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+12125550100', body: 'x' });
      await waitForStatus(h, String(viaAcme.body.id), 'sent');
      assertProblem(await h.api('POST', '/v1/sandbox/delivery-reports', { message_id: String(viaAcme.body.id) }), 409, 'PORM_SANDBOX_MESSAGE_NOT_SANDBOX');
    } finally {
      await h.stop();
      await acme.stop();
      cleanup(dir);
    }
  });

  test('no sandbox carrier configured (only mm7): PORM_SANDBOX_NOT_CONFIGURED', async () => {
    const dir = tempDir('porm-nosandbox-');
    const configFile = join(dir, 'config.json');
    writeFileSync(configFile, JSON.stringify({
      carriers: { acme: { type: 'mm7', url: 'http://127.0.0.1:9/mm7', username: 'u', password: 'password1' } },
      routes: [{ from: '*', carrier: 'acme' }],
    }));
    const h = await startHarness({ PORM_CONFIG: configFile }, dir);
    try {
      assertProblem(await h.api('POST', '/v1/sandbox/inbound', { from: HANDSET, to: MINE, body: 'x' }), 409, 'PORM_SANDBOX_NOT_CONFIGURED');
      assert.equal((await h.api('POST', '/v1/numbers', { number: MINE })).status, 201);
      const queued = await h.api('POST', '/v1/messages', { to: '+14155550100', from: MINE, body: 'x' });
      assert.equal(queued.status, 201, queued.text);
      assertProblem(await h.api('POST', '/v1/sandbox/delivery-reports', { message_id: String(queued.body.id) }), 409, 'PORM_SANDBOX_NOT_CONFIGURED');
    } finally {
      await h.stop();
      cleanup(dir);
    }
  });
});
