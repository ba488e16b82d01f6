import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { cleanup, eventually, request, startHarness, type Harness } from './helpers/harness.ts';
import { noisePng } from './helpers/images.ts';
import { loadTwilioSchemas, TWILIO_OPENAPI } from './helpers/twilio-schema.ts';
import { messageIdOf } from '../src/twilio/api/sids.ts';

// The official `twilio` npm package, unmodified, drives porm's /2010-04-01 surface over real
// HTTP: only client.api.baseUrl is pointed at porm. Responses are checked against Twilio's own
// OpenAPI schemas (read in place from ../shared/fixtures; skipped, saying so, when missing).

type Client = ReturnType<typeof twilio>;
const schemas = loadTwilioSchemas();
if (!schemas) console.log(`# skipped: Twilio schema checks (${TWILIO_OPENAPI} not found)`);

function checkSchema(kind: 'message' | 'media' | 'messageList' | 'mediaList', body: unknown): void {
  if (!schemas) return;
  const validate = schemas[kind];
  assert.ok(validate(body), `${kind} does not match Twilio's schema: ${schemas.errorsOf(validate)}\n${JSON.stringify(body).slice(0, 400)}`);
}

const MESSAGE_KEYS = ['account_sid', 'api_version', 'body', 'date_created', 'date_sent', 'date_updated', 'direction', 'error_code', 'error_message', 'from', 'messaging_service_sid', 'num_media', 'num_segments', 'price', 'price_unit', 'sid', 'status', 'subresource_uris', 'to', 'uri'];

describe('the official twilio SDK against porm', () => {
  let h: Harness;
  let media: Server;
  let mediaBase: string;
  let png: Buffer;
  let accountSid: string;
  let authToken: string;
  let client: Client;
  let other: { sid: string; token: string };
  const callbacks: Array<{ url: string; signature: string; params: Record<string, string> }> = [];

  const raw = (method: string, path: string, body?: string, headers: Record<string, string> = {}, user = `${accountSid}:${authToken}`) =>
    request(h.url, method, path, body, { authorization: `Basic ${Buffer.from(user).toString('base64')}`, ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...headers });
  const messageCount = async (): Promise<number> => Number((await h.porm.services.store.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rest = async (run: () => Promise<unknown>, code: number, status: number): Promise<void> => {
    await assert.rejects(run, (err: unknown) => {
      assert.ok(err instanceof twilio.RestException, `a RestException, not ${String(err)}`);
      assert.equal(err.code, code, err.message);
      assert.equal(err.status, status);
      assert.equal(err.moreInfo, `https://www.twilio.com/docs/errors/${code}`);
      return true;
    });
  };

  before(async () => {
    png = await noisePng(40, 30);
    media = createServer((req, res) => {
      if (req.url === '/a.png' || req.url === '/b.png') res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length }).end(png);
      else if (req.url?.startsWith('/cb') && req.method === 'POST') {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          callbacks.push({ url: `${mediaBase}${req.url}`, signature: String(req.headers['x-twilio-signature'] ?? ''), params: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) });
          res.writeHead(200).end();
        });
      } else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve));
    mediaBase = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
    h = await startHarness({ PORM_MEDIA_ALLOW_PRIVATE_NETWORKS: 'true' });
    const creds = h.porm.services.twilio;
    const first = await creds.ensure(h.porm.bootstrap.accountId);
    accountSid = first.account.accountSid;
    authToken = first.createdToken!;
    client = twilio(accountSid, authToken);
    client.api.baseUrl = h.url;
    const otherAccount = (await h.porm.services.accounts.create('other')).account.id;
    const second = await creds.ensure(otherAccount);
    other = { sid: second.account.accountSid, token: second.createdToken! };
  });
  after(async () => {
    await h.stop();
    cleanup(h.dataDir);
    await new Promise((resolve) => media.close(resolve));
  });

  test('create with two media: 201 in Twilio\'s shape, then fetch, media list, media fetch and the bytes', async () => {
    const created = await raw('POST', `/2010-04-01/Accounts/${accountSid}/Messages.json`,
      new URLSearchParams([['To', '+14155550100'], ['From', '+14155550199'], ['Body', 'hello from twilio-node'], ['MediaUrl', `${mediaBase}/a.png`], ['MediaUrl', `${mediaBase}/b.png`]]).toString());
    assert.equal(created.status, 201, created.text);
    assert.deepEqual(Object.keys(created.body).sort(), MESSAGE_KEYS);
    checkSchema('message', created.body);
    assert.match(String(created.body.sid), /^MM[0-9a-f]{32}$/);
    assert.equal(created.body.num_media, '2');
    assert.equal(created.body.num_segments, '1');
    assert.equal(created.body.status, 'queued');
    assert.equal(created.body.direction, 'outbound-api');
    assert.equal(created.body.uri, `/2010-04-01/Accounts/${accountSid}/Messages/${String(created.body.sid)}.json`);

    const message = await client.messages.create({ to: '+14155550100', from: '+14155550199', body: 'sdk', mediaUrl: [`${mediaBase}/a.png`, `${mediaBase}/b.png`] });
    assert.match(message.sid, /^MM[0-9a-f]{32}$/);
    assert.equal(message.accountSid, accountSid);
    assert.equal(message.numMedia, '2');
    assert.ok(message.dateCreated instanceof Date && !Number.isNaN(message.dateCreated.getTime()), 'the SDK parses the RFC 2822 date');
    const sent = await eventually(async () => {
      const m = await client.messages(message.sid).fetch();
      return m.status === 'delivered' ? m : undefined;
    }, 15_000, 'delivered');
    assert.equal(sent.body, 'sdk');
    assert.ok(sent.dateSent instanceof Date);
    checkSchema('message', (await raw('GET', `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}.json`)).body);

    const items = await client.messages(message.sid).media.list();
    assert.equal(items.length, 2);
    assert.deepEqual(items.map((i) => i.contentType), ['image/png', 'image/png']);
    assert.ok(items.every((i) => /^ME[0-9a-f]{32}$/.test(i.sid) && i.parentSid === message.sid));
    const list = await raw('GET', `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}/Media.json`);
    assert.equal(list.status, 200);
    checkSchema('mediaList', list.body);
    const one = await client.messages(message.sid).media(items[0]!.sid).fetch();
    assert.equal(one.sid, items[0]!.sid);
    checkSchema('media', (await raw('GET', `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}/Media/${one.sid}.json`)).body);

    const bytes = await fetch(`${h.url}/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}/Media/${one.sid}`, { headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}` } });
    assert.equal(bytes.status, 200);
    assert.equal(bytes.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await bytes.arrayBuffer()), png);

    assert.equal(await client.messages(message.sid).media(items[1]!.sid).remove(), true);
    assert.deepEqual((await client.messages(message.sid).media.list()).map((i) => i.sid), [items[0]!.sid]);
    assert.equal((await client.messages(message.sid).fetch()).numMedia, '1');
    await rest(() => client.messages(message.sid).media(items[1]!.sid).fetch(), 20404, 404);
  });

  test('status callbacks of a message made here are Twilio\'s signed form posts, accepted by twilio.validateRequest', async () => {
    const message = await client.messages.create({ to: '+14155550100', from: '+14155550199', body: 'with callback', statusCallback: `${mediaBase}/cb?order=7` });
    const got = await eventually(async () => {
      const mine = callbacks.filter((c) => c.params.MessageSid === message.sid);
      return mine.some((c) => c.params.MessageStatus === 'delivered') ? mine : undefined;
    }, 15_000, 'the delivered callback');
    for (const callback of got) {
      assert.equal(callback.params.AccountSid, accountSid);
      assert.equal(callback.params.SmsSid, message.sid);
      assert.ok(twilio.validateRequest(authToken, callback.signature, callback.url, callback.params), `signature of the ${callback.params.MessageStatus} callback`);
      assert.equal(twilio.validateRequest(other.token, callback.signature, callback.url, callback.params), false);
    }
    assert.ok(!got.some((c) => c.params.MessageStatus === 'queued'), 'no callback for the initial status');
  });

  test('ShortenUrls: the body goes with porm tracked links, and a tap redirects to the written URL', async () => {
    const message = await client.messages.create({ to: '+14155550100', from: '+14155550199', body: 'Track: https://shop.example.com/o/1', shortenUrls: true });
    const short = /(http\S+\/l\/[0-9A-Za-z]{10})$/.exec(message.body)?.[1];
    assert.ok(short, message.body);
    const tap = await fetch(short, { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 (iPhone) Safari/604.1' } });
    assert.equal(tap.status, 302);
    assert.equal(tap.headers.get('location'), 'https://shop.example.com/o/1');
  });

  test('list across pages with pageSize: each, list and the raw paging keys', async () => {
    const from = '+14155550142';
    const sids: string[] = [];
    for (let i = 0; i < 5; i++) sids.push((await client.messages.create({ to: '+14155550100', from, body: `page ${i}` })).sid);
    const newestFirst = [...sids].reverse();
    assert.deepEqual((await client.messages.list({ from, pageSize: 2 })).map((m) => m.sid), newestFirst);
    const seen: string[] = [];
    await client.messages.each({ from, pageSize: 2 }, (m) => {
      seen.push(m.sid);
    });
    assert.deepEqual(seen, newestFirst);
    assert.deepEqual((await client.messages.list({ from, pageSize: 2, limit: 3 })).map((m) => m.sid), newestFirst.slice(0, 3));

    const first = await raw('GET', `/2010-04-01/Accounts/${accountSid}/Messages.json?From=${encodeURIComponent(from)}&PageSize=2`);
    assert.equal(first.status, 200);
    checkSchema('messageList', first.body);
    assert.equal(first.body.page, 0);
    assert.equal(first.body.page_size, 2);
    assert.equal(first.body.start, 0);
    assert.equal(first.body.end, 1);
    assert.equal(first.body.previous_page_uri, null);
    assert.equal(first.body.first_page_uri, `/2010-04-01/Accounts/${accountSid}/Messages.json?From=%2B14155550142&PageSize=2&Page=0`);
    assert.equal(first.body.next_page_uri, `/2010-04-01/Accounts/${accountSid}/Messages.json?From=%2B14155550142&PageSize=2&Page=1&PageToken=PA${newestFirst[1]}`);
    const second = await raw('GET', String(first.body.next_page_uri));
    assert.deepEqual((second.body.messages as Array<{ sid: string }>).map((m) => m.sid), newestFirst.slice(2, 4));
    assert.equal(second.body.page, 1);
    assert.equal(second.body.start, 2);
    const back = await raw('GET', String(second.body.previous_page_uri));
    assert.deepEqual((back.body.messages as Array<{ sid: string }>).map((m) => m.sid), newestFirst.slice(0, 2));
    assert.equal(back.body.previous_page_uri, null);
    const last = await raw('GET', String((await raw('GET', String(second.body.next_page_uri))).body.uri));
    assert.deepEqual((last.body.messages as Array<{ sid: string }>).map((m) => m.sid), newestFirst.slice(4));
    assert.equal(last.body.next_page_uri, null);

    const today = new Date().toISOString().slice(0, 10);
    assert.equal((await client.messages.list({ from, dateSent: new Date(`${today}T00:00:00Z`) })).length, 5);
    assert.equal((await client.messages.list({ from, dateSentBefore: new Date('2001-01-01T00:00:00Z') })).length, 0);
    assert.equal((await client.messages.list({ from, dateSentAfter: new Date(`${today}T00:00:00Z`) })).length, 5);
  });

  test('cancel a scheduled message; redact and delete a delivered one', async () => {
    const sendAt = new Date(Date.now() + 3600_000);
    const scheduled = await client.messages.create({ to: '+14155550100', from: '+14155550199', body: 'later', sendAt, scheduleType: 'fixed' });
    assert.equal(scheduled.status, 'scheduled');
    const canceled = await client.messages(scheduled.sid).update({ status: 'canceled' });
    assert.equal(canceled.status, 'canceled');

    const m = await client.messages.create({ to: '+14155550100', from: '+14155550199', body: 'secret text' });
    await eventually(async () => ((await client.messages(m.sid).fetch()).status === 'delivered' ? true : undefined), 15_000, 'delivered');
    await rest(() => client.messages(m.sid).update({ status: 'canceled' }), 30409, 400);
    const redacted = await client.messages(m.sid).update({ body: '' });
    assert.equal(redacted.body, '');
    const row = await h.porm.services.store.db.selectFrom('messages').select('body').where('id', '=', messageIdOf(m.sid)!).executeTakeFirstOrThrow();
    assert.equal(row.body, '', 'the body is gone from porm\'s store');
    assert.equal(await client.messages(m.sid).remove(), true);
    await rest(() => client.messages(m.sid).fetch(), 20404, 404);
    await rest(() => client.messages(m.sid).remove(), 20404, 404);

    const queued = await client.messages.create({ to: '+14155550100', from: '+14155550199', body: 'not yet', sendAt, scheduleType: 'fixed' });
    await rest(() => client.messages(queued.sid).remove(), 20009, 400);
    await rest(() => client.messages(queued.sid).update({ body: '' }), 20009, 400);
  });

  test('SK API keys authenticate for their account; a revoked key or a promoted-away token stops working', async () => {
    const creds = h.porm.services.twilio;
    const key = await creds.createApiKey(h.porm.bootstrap.accountId, 'sdk');
    const keyed = twilio(key.sid, key.secret, { accountSid });
    keyed.api.baseUrl = h.url;
    assert.equal((await keyed.messages.create({ to: '+14155550100', from: '+14155550199', body: 'by key' })).accountSid, accountSid);
    await creds.revokeApiKey(h.porm.bootstrap.accountId, key.sid);
    await rest(() => keyed.messages.list({ limit: 1 }), 20003, 401);

    const secondary = await creds.createSecondaryToken(h.porm.bootstrap.accountId);
    const next = twilio(accountSid, secondary);
    next.api.baseUrl = h.url;
    assert.ok(Array.isArray(await next.messages.list({ limit: 1 })), 'the secondary token works before promotion');
    await creds.promoteSecondaryToken(h.porm.bootstrap.accountId);
    await rest(() => client.messages.list({ limit: 1 }), 20003, 401);
    authToken = secondary;
    client = next;
  });

  test('bad input: Twilio\'s error body and code, and nothing stored', async () => {
    const before = await messageCount();
    const path = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
    const form = (pairs: Array<[string, string]>): string => new URLSearchParams(pairs).toString();
    const cases: Array<[string, string | undefined, Record<string, string>, number, number]> = [
      ['missing To', form([['From', '+14155550199'], ['Body', 'x']]), {}, 21604, 400],
      ['both From and MessagingServiceSid', form([['To', '+14155550100'], ['From', '+14155550199'], ['MessagingServiceSid', `MG${'a'.repeat(32)}`], ['Body', 'x']]), {}, 21701, 400],
      ['no From', form([['To', '+14155550100'], ['Body', 'x']]), {}, 21603, 400],
      ['unknown parameter', form([['To', '+14155550100'], ['From', '+14155550199'], ['Body', 'x'], ['Colour', 'red']]), {}, 20001, 400],
      ['bad media URL', form([['To', '+14155550100'], ['From', '+14155550199'], ['MediaUrl', 'ftp://example.com/a.png']]), {}, 21620, 400],
      ['eleven media', form([['To', '+14155550100'], ['From', '+14155550199'], ...Array.from({ length: 11 }, (_, i): [string, string] => ['MediaUrl', `${mediaBase}/${i}.png`])]), {}, 21623, 400],
      ['invalid To', form([['To', '+1234'], ['From', '+14155550199'], ['Body', 'x']]), {}, 21211, 400],
      ['invalid From', form([['To', '+14155550100'], ['From', 'not a number!'], ['Body', 'x']]), {}, 21212, 400],
      ['no body nor media', form([['To', '+14155550100'], ['From', '+14155550199']]), {}, 21602, 400],
      ['body over 1600', form([['To', '+14155550100'], ['From', '+14155550199'], ['Body', 'x'.repeat(1601)]]), {}, 21617, 400],
      ['ShortenUrls', form([['To', '+14155550100'], ['From', '+14155550199'], ['Body', 'x'], ['ShortenUrls', 'maybe']]), {}, 20001, 400],
      ['ContentSid', form([['To', '+14155550100'], ['From', '+14155550199'], ['ContentSid', `HX${'a'.repeat(32)}`]]), {}, 21655, 400],
      ['SendAt without ScheduleType', form([['To', '+14155550100'], ['From', '+14155550199'], ['Body', 'x'], ['SendAt', new Date(Date.now() + 3600_000).toISOString()]]), {}, 35111, 400],
      ['SendAt too soon', form([['To', '+14155550100'], ['From', '+14155550199'], ['Body', 'x'], ['ScheduleType', 'fixed'], ['SendAt', new Date(Date.now() + 60_000).toISOString()]]), {}, 35114, 400],
      ['bad StatusCallback', form([['To', '+14155550100'], ['From', '+14155550199'], ['Body', 'x'], ['StatusCallback', 'not a url']]), {}, 21609, 400],
      ['ValidityPeriod out of range', form([['To', '+14155550100'], ['From', '+14155550199'], ['Body', 'x'], ['ValidityPeriod', '36001']]), {}, 20001, 400],
      ['JSON instead of form', JSON.stringify({ To: '+14155550100', From: '+14155550199', Body: 'x' }), { 'content-type': 'application/json' }, 20001, 400],
    ];
    for (const [what, body, headers, code, status] of cases) {
      const res = await raw('POST', path, body, headers);
      assert.equal(res.status, status, `${what}: ${res.text}`);
      assert.deepEqual(Object.keys(res.body).sort(), ['code', 'message', 'more_info', 'status'], what);
      assert.equal(res.body.code, code, `${what}: ${res.text}`);
      assert.equal(res.body.status, status, what);
    }
    const wrongAuth = await raw('POST', path, form([['To', '+14155550100'], ['From', '+14155550199'], ['Body', 'x']]), {}, `${accountSid}:${other.token}`);
    assert.equal(wrongAuth.status, 401);
    assert.equal(wrongAuth.body.code, 20003);
    const noAuth = await request(h.url, 'GET', path);
    assert.equal(noAuth.status, 401);
    assert.equal(noAuth.body.code, 20003);
    assert.equal(await messageCount(), before, 'nothing was stored');

    // The SDK raises the same errors as RestException.
    await rest(() => client.messages.create({ to: '+14155550100', from: '+14155550199', body: 'x', messagingServiceSid: `MG${'a'.repeat(32)}` }), 21701, 400);
    await rest(() => client.messages.create({ to: '+14155550100', from: '+14155550199', mediaUrl: ['javascript:alert(1)'] }), 21620, 400);
  });

  test('another account\'s SID in the path: 20404, never its data', async () => {
    const mine = await client.messages.create({ to: '+14155550100', from: '+14155550199', body: 'mine' });
    const theirs = twilio(other.sid, other.token);
    theirs.api.baseUrl = h.url;
    // Their credentials, my account's path.
    const stolen = twilio(other.sid, other.token, { accountSid });
    stolen.api.baseUrl = h.url;
    await rest(() => stolen.messages(mine.sid).fetch(), 20404, 404);
    await rest(() => stolen.messages.list({ limit: 5 }), 20404, 404);
    // Their own path, my message's SID.
    await rest(() => theirs.messages(mine.sid).fetch(), 20404, 404);
    await rest(() => theirs.messages(mine.sid).update({ status: 'canceled' }), 20404, 404);
    assert.deepEqual(await theirs.messages.list({ limit: 50 }), []);
    // My credentials, their path.
    const res = await raw('GET', `/2010-04-01/Accounts/${other.sid}/Messages.json`);
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 20404);
    assert.equal((await client.messages(mine.sid).fetch()).status !== 'canceled', true);
  });
});
