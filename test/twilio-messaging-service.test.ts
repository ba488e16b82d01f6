import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn, spawnSync } from 'node:child_process';
import twilio from 'twilio';
import { cleanup, eventually, startHarness, type Harness } from './helpers/harness.ts';
import { loadTwilioSchemas } from './helpers/twilio-schema.ts';

// Sending through a messaging service (porm's sender pool) with the official clients, unmodified,
// over loopback: twilio-node's messages.create({ messagingServiceSid }) and Debian's
// python3-twilio (test/peers/twilio_messaging_service.py), pointed at porm with the one line.

type Client = ReturnType<typeof twilio>;
const schemas = loadTwilioSchemas();
const PYTHON = '/usr/bin/python3';
const probe = spawnSync(PYTHON, ['-c', 'import twilio.rest'], { encoding: 'utf8' });
const pythonSkip = probe.status === 0 ? false : `python3-twilio cannot be imported with ${PYTHON}; install the Debian package python3-twilio`;

const SMS_ONLY = '+14155550170';
const MMS_ONLY = '+14155550171';
const OUTSIDE = '+14155550172';
const HANDSET = '+14155550100';
const THEIRS = '+14155550173';

describe('MessagingServiceSid through the official twilio clients', () => {
  let h: Harness;
  let app: Server;
  let appBase: string;
  let client: Client;
  let accountSid: string;
  let authToken: string;
  let serviceSid: string;
  let otherServiceSid: string;
  let emptyServiceSid: string;
  const posts: Array<{ url: string; signature: string; params: Record<string, string> }> = [];
  const messageCount = async (): Promise<number> => Number((await h.porm.services.store.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rest = async (run: () => Promise<unknown>, code: number, status: number): Promise<void> => {
    await assert.rejects(run, (err: unknown) => {
      assert.ok(err instanceof twilio.RestException, `a RestException, not ${String(err)}`);
      assert.equal(err.code, code, err.message);
      assert.equal(err.status, status);
      return true;
    });
  };

  before(async () => {
    app = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        posts.push({ url: `${appBase}${req.url}`, signature: String(req.headers['x-twilio-signature'] ?? ''), params: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) });
        res.writeHead(200, { 'content-type': 'text/xml' }).end('<Response/>');
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    appBase = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    h = await startHarness({ PORM_MEDIA_ALLOW_PRIVATE_NETWORKS: 'true' });
    const first = await h.porm.services.twilio.ensure(h.porm.bootstrap.accountId);
    accountSid = first.account.accountSid;
    authToken = first.createdToken!;
    client = twilio(accountSid, authToken);
    client.api.baseUrl = h.url;
    assert.equal((await h.api('POST', '/v1/numbers', { number: SMS_ONLY, capabilities: ['sms'] })).status, 201);
    assert.equal((await h.api('POST', '/v1/numbers', { number: MMS_ONLY, capabilities: ['mms'] })).status, 201);
    assert.equal((await h.api('POST', '/v1/numbers', { number: OUTSIDE })).status, 201);
    const svc = await h.api('POST', '/v1/messaging-services', {
      name: 'Store', numbers: [SMS_ONLY, MMS_ONLY], status_callback: `${appBase}/status`, inbound_webhook: { url: `${appBase}/sms` },
    });
    assert.equal(svc.status, 201, svc.text);
    serviceSid = String(svc.body.twilio_sid);
    emptyServiceSid = String((await h.api('POST', '/v1/messaging-services', { name: 'Empty' })).body.twilio_sid);
    const other = await h.porm.services.accounts.create('other');
    await h.porm.services.numbers.create(other.account.id, { number: THEIRS });
    const otherService = await h.porm.services.messagingServices.create(other.account.id, { name: 'Theirs', numbers: [THEIRS] });
    otherServiceSid = `MG${(await import('../src/twilio/sids.ts')).hexOfId(otherService.id)!}`;
  });
  after(async () => {
    await h.stop();
    cleanup(h.dataDir);
    await new Promise((resolve) => app.close(resolve));
  });

  test('twilio-node: messagingServiceSid without from picks from the pool, sticky per recipient, by capability', async () => {
    const message = await client.messages.create({ to: HANDSET, messagingServiceSid: serviceSid, body: 'from the pool' });
    assert.equal(message.messagingServiceSid, serviceSid);
    assert.equal(message.from, SMS_ONLY, 'text from the SMS number');
    assert.equal(message.status, 'accepted', 'Twilio answers a message sent through a service as accepted');
    if (schemas) {
      const raw = await fetch(`${h.url}/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}.json`, { headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}` } });
      const body: unknown = await raw.json();
      assert.ok(schemas.message(body), schemas.errorsOf(schemas.message));
    }
    const fetched = await client.messages(message.sid).fetch();
    assert.equal(fetched.messagingServiceSid, serviceSid);
    assert.ok((await client.messages.list({ to: HANDSET })).some((m) => m.sid === message.sid && m.messagingServiceSid === serviceSid));

    const concurrent = await Promise.all(Array.from({ length: 6 }, (_, i) => client.messages.create({ to: '+14155550101', messagingServiceSid: serviceSid, body: `c${i}` })));
    assert.deepEqual(new Set(concurrent.map((m) => m.from)), new Set([SMS_ONLY]));
    const mms = await client.messages.create({ to: HANDSET, messagingServiceSid: serviceSid, body: 'pic', mediaUrl: [`${appBase}/a.png`] });
    assert.match(mms.sid, /^MM/);
    assert.equal(mms.from, MMS_ONLY, 'media from the MMS number');

    // From wins when given (a number of the account), and the message still names the service.
    const given = await client.messages.create({ to: HANDSET, from: OUTSIDE, messagingServiceSid: serviceSid, body: 'chosen sender' });
    assert.equal(given.from, OUTSIDE);
    assert.equal(given.messagingServiceSid, serviceSid);
    const plain = await client.messages.create({ to: HANDSET, from: OUTSIDE, body: 'no service' });
    assert.equal(plain.messagingServiceSid, null);
  });

  test('twilio-node: refusals with Twilio\'s codes, nothing stored, never another account\'s service', async () => {
    const before = await messageCount();
    await rest(() => client.messages.create({ to: HANDSET, messagingServiceSid: otherServiceSid, body: 'x' }), 21701, 400);
    await rest(() => client.messages.create({ to: HANDSET, from: OUTSIDE, messagingServiceSid: otherServiceSid, body: 'x' }), 21701, 400);
    await rest(() => client.messages.create({ to: HANDSET, messagingServiceSid: `MG${'0'.repeat(32)}`, body: 'x' }), 21701, 400);
    await rest(() => client.messages.create({ to: HANDSET, messagingServiceSid: 'MG123', body: 'x' }), 21701, 400);
    await rest(() => client.messages.create({ to: HANDSET, messagingServiceSid: emptyServiceSid, body: 'x' }), 21704, 400);
    await rest(() => client.messages.create({ to: HANDSET, body: 'x' }), 21603, 400);
    await rest(() => client.messages.create({ to: HANDSET, from: THEIRS, messagingServiceSid: serviceSid, body: 'x' }), 21606, 400);
    assert.equal(await messageCount(), before);
  });

  test('the service\'s status callback and inbound webhook are the defaults, signed, with MessagingServiceSid', async () => {
    const message = await client.messages.create({ to: HANDSET, messagingServiceSid: serviceSid, body: 'callback default' });
    const delivered = await eventually(async () => posts.find((p) => p.params.MessageSid === message.sid && p.params.MessageStatus === 'delivered'), 20_000, 'the delivered callback');
    assert.equal(delivered.url, `${appBase}/status`);
    assert.equal(delivered.params.MessagingServiceSid, serviceSid);
    assert.ok(twilio.validateRequest(authToken, delivered.signature, delivered.url, delivered.params));

    const mo = await h.api('POST', '/v1/sandbox/inbound', { from: HANDSET, to: SMS_ONLY, body: 'hello pool' });
    assert.equal(mo.status, 201, mo.text);
    const inbound = await eventually(async () => posts.find((p) => p.url === `${appBase}/sms` && p.params.Body === 'hello pool'), 20_000, 'the inbound request');
    assert.equal(inbound.params.To, SMS_ONLY);
    assert.equal(inbound.params.MessagingServiceSid, serviceSid);
    assert.ok(twilio.validateRequest(authToken, inbound.signature, inbound.url, inbound.params));
  });

  test('twilio-node: the Messaging API\'s services and their phone numbers, with client.messaging.baseUrl pointed at porm', async () => {
    client.messaging.baseUrl = h.url;
    const created = await client.messaging.v1.services.create({ friendlyName: 'From the SDK', stickySender: true, statusCallback: `${appBase}/status` });
    assert.match(created.sid, /^MG[0-9a-f]{32}$/);
    assert.equal(created.accountSid, accountSid);
    assert.equal(created.friendlyName, 'From the SDK');
    assert.equal(created.stickySender, true);
    assert.ok(created.dateCreated instanceof Date && !Number.isNaN(created.dateCreated.getTime()));
    const native = await h.api('GET', '/v1/messaging-services');
    const mine = (native.body.data as Array<{ id: string; twilio_sid: string; name: string }>).find((x) => x.twilio_sid === created.sid);
    assert.equal(mine?.name, 'From the SDK', 'the same service on /v1');

    const updated = await client.messaging.v1.services(created.sid).update({ friendlyName: 'Renamed', stickySender: false, inboundRequestUrl: `${appBase}/sms`, inboundMethod: 'POST' });
    assert.equal(updated.friendlyName, 'Renamed');
    assert.equal(updated.stickySender, false);
    assert.equal(updated.inboundRequestUrl, `${appBase}/sms`);
    assert.equal((await client.messaging.v1.services(created.sid).fetch()).friendlyName, 'Renamed');
    const all = await client.messaging.v1.services.list({ pageSize: 1 });
    assert.ok(all.length >= 3, 'paged one by one through next_page_url');
    assert.equal(new Set(all.map((x) => x.sid)).size, all.length);
    assert.ok(all.some((x) => x.sid === created.sid) && all.some((x) => x.sid === serviceSid));

    const numberSid = String(((await h.api('GET', `/v1/numbers/${encodeURIComponent(OUTSIDE)}`)).body.id));
    const pn = `PN${(await import('../src/twilio/sids.ts')).hexOfId(numberSid)!}`;
    const added = await client.messaging.v1.services(created.sid).phoneNumbers.create({ phoneNumberSid: pn });
    assert.equal(added.sid, pn);
    assert.equal(added.phoneNumber, OUTSIDE);
    assert.equal(added.serviceSid, created.sid);
    assert.equal(added.countryCode, 'US');
    assert.deepEqual((await client.messaging.v1.services(created.sid).phoneNumbers.list()).map((x) => x.sid), [pn]);
    assert.equal((await client.messaging.v1.services(created.sid).phoneNumbers(pn).fetch()).phoneNumber, OUTSIDE);
    const sent = await client.messages.create({ to: HANDSET, messagingServiceSid: created.sid, body: 'via an SDK-made service' });
    assert.equal(sent.from, OUTSIDE);

    await rest(() => client.messaging.v1.services(created.sid).phoneNumbers.create({ phoneNumberSid: `PN${'0'.repeat(32)}` }), 20404, 404);
    await rest(() => client.messaging.v1.services(serviceSid).phoneNumbers.create({ phoneNumberSid: pn }), 21710, 409);
    await rest(() => client.messaging.v1.services(otherServiceSid).fetch(), 20404, 404);
    await rest(() => client.messaging.v1.services(otherServiceSid).update({ friendlyName: 'stolen' }), 20404, 404);
    await rest(() => client.messaging.v1.services(otherServiceSid).remove(), 20404, 404);
    await rest(() => client.messaging.v1.services.create({ friendlyName: 'x', areaCodeGeomatch: true }), 20001, 400);
    await rest(() => client.messaging.v1.services.create({ friendlyName: '   ' }), 20001, 400);
    await rest(() => client.messaging.v1.services.create({ friendlyName: 'x', statusCallback: 'not a url' }), 20001, 400);
    const wrong = twilio(accountSid, '0'.repeat(32));
    wrong.messaging.baseUrl = h.url;
    await rest(() => wrong.messaging.v1.services.list(), 20003, 401);

    // Raw hostile requests: Twilio's error body each time, nothing created.
    const basic = { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}` };
    const raw = async (method: string, path: string, body?: string, headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' }) => {
      const res = await fetch(`${h.url}${path}`, { method, headers: { ...basic, ...headers }, ...(body !== undefined ? { body } : {}) });
      return { status: res.status, body: (await res.json()) as { code: number; status: number } };
    };
    const count = async () => (await h.api('GET', '/v1/messaging-services?limit=200')).body.data as unknown[];
    const before = (await count()).length;
    for (const [method, path, body, headers, status, code] of [
      ['POST', '/v1/Services', '{"FriendlyName": "json"}', { 'content-type': 'application/json' }, 400, 20001],
      ['POST', '/v1/Services', 'FriendlyName=x&Evil=1', undefined, 400, 20001],
      ['POST', '/v1/Services', 'FriendlyName=x&FriendlyName=y', undefined, 400, 20001],
      ['POST', '/v1/Services', 'FriendlyName=%E0%A4%A', undefined, 400, 20001],
      ['POST', '/v1/Services', 'StickySender=maybe&FriendlyName=x', undefined, 400, 20001],
      ['POST', '/v1/Services', '', undefined, 400, 20001],
      ['GET', '/v1/Services/MG123', undefined, undefined, 404, 20404],
      ['GET', `/v1/Services/${created.sid}/PhoneNumbers/PN123`, undefined, undefined, 404, 20404],
      ['GET', '/v1/Services?PageSize=0', undefined, undefined, 400, 20001],
      ['GET', '/v1/Services?PageToken=bm9wZQ', undefined, undefined, 400, 20001],
      ['POST', `/v1/Services/${created.sid}/PhoneNumbers`, 'PhoneNumberSid=%2B14155550172', undefined, 400, 20001],
      ['GET', '/v1/Services', undefined, { authorization: 'Basic Zm9vOmJhcg==' }, 401, 20003],
    ] as const) {
      const res = await raw(method, path, body, headers);
      assert.deepEqual([res.status, res.body.code, res.body.status], [status, code, status], `${method} ${path} ${body ?? ''}`);
    }
    assert.equal((await count()).length, before);

    assert.equal(await client.messaging.v1.services(created.sid).phoneNumbers(pn).remove(), true);
    assert.deepEqual(await client.messaging.v1.services(created.sid).phoneNumbers.list(), []);
    assert.equal(await client.messaging.v1.services(created.sid).remove(), true);
    await rest(() => client.messaging.v1.services(created.sid).fetch(), 20404, 404);
  });

  test('python3-twilio: messaging_service_sid picks from the pool; another account\'s is 21701', { skip: pythonSkip }, async () => {
    const spare = '+14155550174';
    const registered = await h.api('POST', '/v1/numbers', { number: spare });
    assert.equal(registered.status, 201);
    const poolNumberSid = `PN${(await import('../src/twilio/sids.ts')).hexOfId(String(registered.body.id))!}`;
    // Asynchronously: porm answers Python from this very process.
    const child = spawn(PYTHON, ['test/peers/twilio_messaging_service.py'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORM_URL: h.url, TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken, SERVICE_SID: serviceSid, OTHER_SERVICE_SID: otherServiceSid, POOL_NUMBER_SID: poolNumberSid, TO: '+14155550102' },
    });
    const run = { stdout: '', stderr: '', status: null as number | null };
    child.stdout.on('data', (c: Buffer) => (run.stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (run.stderr += c.toString()));
    const timer = setTimeout(() => child.kill(), 90_000);
    run.status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    clearTimeout(timer);
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    const out = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { created: Array<{ sid: string; from: string; messaging_service_sid: string }>; fetched: { messaging_service_sid: string }; refused: { code: number; status: number }; managed: { sid: string; name: string; numbers: string[]; from: string; deleted: boolean } };
    assert.equal(out.created.length, 3);
    for (const m of out.created) {
      assert.equal(m.messaging_service_sid, serviceSid);
      assert.equal(m.from, SMS_ONLY);
    }
    assert.equal(out.fetched.messaging_service_sid, serviceSid);
    assert.deepEqual(out.refused, { code: 21701, status: 400 });
    assert.match(out.managed.sid, /^MG[0-9a-f]{32}$/);
    assert.deepEqual([out.managed.name, out.managed.numbers, out.managed.from, out.managed.deleted], ['From Python', [spare], spare, true]);
    assert.ok(!((await h.api('GET', '/v1/messaging-services')).body.data as Array<{ twilio_sid: string }>).some((x) => x.twilio_sid === out.managed.sid), 'deleted');
  });
});
