import { after, before, describe, test } from 'node:test';
import { presentInboundMessage } from '../src/api/v1/presenters/inbound-message.ts';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';
import {
  buildMm7Message, leafParts, parseMm7Message, type Mm7DeliverReq, type Mm7DeliveryMmStatus, type Mm7Message, type Mm7SubmitReq,
} from '../src/mms/mm7/index.ts';
import { cleanup, eventually, startHarness, tempDir, waitForStatus, type Harness } from './helpers/harness.ts';
import { basicAuth, mm7Answer, Mm7Peer, postMm7, postRaw, type RawResponse } from './helpers/mm7-peer.ts';
import { WebhookReceiver } from './helpers/webhook-receiver.ts';

// porm's MM7 endpoint POST /mm7/:carrier, as a real MMSC calls it: an extra carrier `acme` of type
// mm7 (its SubmitReq answered by a fake MMSC on loopback) calls back with delivery reports, read
// replies and mobile-originated messages. Authentication, the status changes each report makes,
// inbound storage and webhooks, the third-party DeliverReq samples, and hostile bodies.

const HERE = fileURLToPath(new URL('.', import.meta.url));
const MM7_FIXTURES = resolve(HERE, '../../shared/fixtures/mm7');
const fixturesSkip = existsSync(MM7_FIXTURES) ? false : 'skipped: ../shared/fixtures not found';

const NS6 = 'http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-6-MM7-1-4';
const INBOUND = { username: 'acme-mmsc', password: 'acme-inbound-secret' };
const ACME_SENDER = '+12025550123';
const AUTH = basicAuth(INBOUND.username, INBOUND.password);
const GIF = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from([1, 0, 1, 0, 0x80, 0, 0]), randomBytes(64), Buffer.from([0x3b])]);

type Message = { id: string; status: string; carrier: string | null; carrier_message_id: string | null; error_code: string | null; events: Array<{ seq: number; type: string; status: string | null; data: Record<string, unknown> | null }> };
type Inbound = { id: string; carrier: string; from: string; to: string; subject: string | null; body: string; media: Array<{ id: string; content_type: string; size: number }>; linked_id: string | null };

describe('MM7 endpoint POST /mm7/:carrier', () => {
  let h: Harness;
  let acme: Mm7Peer;
  const dataDir = tempDir('porm-mm7-endpoint-');
  const configDir = tempDir('porm-mm7-config-');
  let issued = 0;

  /** `authorization` null sends no Authorization header at all. */
  const post = (message: Mm7Message, authorization: string | null = AUTH, carrier = 'acme'): Promise<RawResponse> => postMm7(`${h.url}/mm7/${carrier}`, message, authorization ?? undefined);
  const getMessage = async (id: string): Promise<Message> => (await h.api('GET', `/v1/messages/${id}`)).body as unknown as Message;
  const inboundList = async (): Promise<Inbound[]> => {
    const res = await h.api('GET', '/v1/inbound-messages?limit=100');
    assert.equal(res.status, 200, res.text);
    return res.body.data as Inbound[];
  };

  /** Rows that a request could have written: inbound messages, parked reports, events. */
  async function recorded(): Promise<{ inbound: number; pending: number; events: number }> {
    const db = h.porm.services.store.db;
    const [inbound, pending, events] = await Promise.all([
      db.selectFrom('inbound_messages').select('id').execute(),
      db.selectFrom('pending_reports').select('id').execute(),
      db.selectFrom('message_events').select('seq').execute(),
    ]);
    return { inbound: inbound.length, pending: pending.length, events: events.length };
  }

  /** Sends a message through acme and waits until porm has recorded `sent`. */
  async function sentViaAcme(): Promise<Message> {
    const res = await h.api('POST', '/v1/messages', { to: '+14155550100', from: ACME_SENDER, body: 'via acme' });
    assert.equal(res.status, 201, res.text);
    const sent = (await waitForStatus(h, String(res.body.id), 'sent')) as unknown as Message;
    assert.equal(sent.carrier, 'acme');
    assert.match(String(sent.carrier_message_id), /^ACME-\d+$/);
    return sent;
  }

  function report(carrierMessageId: string, mmStatus: Mm7DeliveryMmStatus, transactionId = `dr-${randomBytes(4).toString('hex')}`): Mm7Message {
    return {
      type: 'DeliveryReportReq', transactionId, messageId: carrierMessageId, mmStatus,
      recipient: { kind: 'Number', value: '+14155550100' }, sender: { kind: 'Number', value: ACME_SENDER }, date: '2026-01-02T03:04:05Z',
      ...(mmStatus === 'Rejected' ? { statusText: 'handset refused it' } : {}),
    };
  }

  function answerOf(res: RawResponse): Mm7Message {
    return parseMm7Message(res.headers.get('content-type') ?? undefined, res.body).message;
  }

  function assertRsp(res: RawResponse, type: Mm7Message['type'], transactionId: string): void {
    assert.equal(res.status, 200, res.body.toString('utf8').slice(0, 500));
    const answer = answerOf(res);
    assert.equal(answer.type, type);
    assert.equal(answer.transactionId, transactionId);
    assert.equal('status' in answer && answer.status.code, 1000);
  }

  before(async () => {
    acme = await new Mm7Peer((req) => {
      const submit = parseMm7Message(req.headers['content-type'], req.body).message as Mm7SubmitReq;
      issued += 1;
      return mm7Answer({ type: 'SubmitRsp', transactionId: submit.transactionId, status: { code: 1000 }, messageId: `ACME-${issued}` });
    }).start();
    const configFile = join(configDir, 'porm.json');
    writeFileSync(configFile, JSON.stringify({
      carriers: {
        sandbox: { type: 'sandbox' },
        acme: { type: 'mm7', url: `${acme.url}/mm7`, username: 'porm', password: 'to-acme-secret', inbound: INBOUND },
      },
      routes: [{ from: '*', carrier: 'sandbox' }, { from: '+1202', carrier: 'acme' }],
    }));
    h = await startHarness({ PORM_CONFIG: configFile }, dataDir);
    // acme is a real carrier route: its sender must be registered before porm sends from it.
    const registered = await h.api('POST', '/v1/numbers', { number: ACME_SENDER });
    assert.equal(registered.status, 201, registered.text);
  });
  after(async () => {
    await h?.stop();
    await acme?.stop();
    cleanup(dataDir);
    cleanup(configDir);
  });

  describe('authentication', () => {
    test('no credentials, wrong password, wrong user, an API key: 401 with WWW-Authenticate, nothing recorded', async () => {
      const msg = await sentViaAcme();
      const before = await recorded();
      const attempts: Array<[string, string | null]> = [
        ['none', null],
        ['wrong password', basicAuth(INBOUND.username, 'acme-inbound-secreT')],
        ['wrong user', basicAuth('someone', INBOUND.password)],
        ['api key', `Bearer ${h.key}`],
        ['malformed basic', 'Basic !!!notbase64'],
      ];
      for (const [what, authorization] of attempts) {
        const res = await post(report(msg.carrier_message_id!, 'Retrieved'), authorization);
        assert.equal(res.status, 401, what);
        assert.match(String(res.headers.get('www-authenticate')), /^Basic realm=/, what);
        const deliver = await post(deliverReq('unauthorised'), authorization);
        assert.equal(deliver.status, 401, what);
      }
      assert.deepEqual(await recorded(), before);
      assert.equal((await getMessage(msg.id)).status, 'sent');
    });

    test('the sandbox carrier\'s endpoint does not take acme\'s credentials', async () => {
      const msg = await sentViaAcme();
      const res = await post(report(msg.carrier_message_id!, 'Retrieved'), AUTH, 'sandbox');
      assert.equal(res.status, 401);
      assert.equal((await getMessage(msg.id)).status, 'sent');
    });

    test('an unknown carrier name is a 404 problem', async () => {
      const before = await recorded();
      const res = await post(report('ACME-1', 'Retrieved'), AUTH, 'nosuchcarrier');
      assert.equal(res.status, 404);
      assert.match(String(res.headers.get('content-type')), /^application\/problem\+json/);
      const problem = JSON.parse(res.body.toString('utf8')) as { code: string; status: number };
      assert.equal(problem.code, 'PORM_NOT_FOUND');
      assert.equal(problem.status, 404);
      assert.deepEqual(await recorded(), before);
    });
  });

  describe('delivery reports', () => {
    test('Retrieved → delivered; the same report again changes nothing and is kept as a late_report event', async () => {
      const msg = await sentViaAcme();
      const first = await post(report(msg.carrier_message_id!, 'Retrieved', 'dr-first'));
      assertRsp(first, 'DeliveryReportRsp', 'dr-first');
      const delivered = await getMessage(msg.id);
      assert.equal(delivered.status, 'delivered');
      assert.equal(delivered.events.at(-1)?.data?.carrier_status, 'Retrieved');
      const again = await post(report(msg.carrier_message_id!, 'Retrieved', 'dr-first'));
      assertRsp(again, 'DeliveryReportRsp', 'dr-first');
      const after = await getMessage(msg.id);
      assert.equal(after.status, 'delivered');
      assert.deepEqual(after.events.slice(0, -1), delivered.events);
      assert.equal(after.events.at(-1)?.type, 'late_report');
      assert.equal(after.events.at(-1)?.status, null);
      assert.equal(after.events.at(-1)?.data?.outcome, 'delivered');
      assert.equal(after.events.filter((e) => e.status === 'delivered').length, 1);
    });

    test('Rejected → undelivered with PORM_UNDELIVERED', async () => {
      const msg = await sentViaAcme();
      assertRsp(await post(report(msg.carrier_message_id!, 'Rejected', 'dr-rej')), 'DeliveryReportRsp', 'dr-rej');
      const after = await getMessage(msg.id);
      assert.equal(after.status, 'undelivered');
      assert.equal(after.error_code, 'PORM_UNDELIVERED');
      assert.equal(after.events.at(-1)?.data?.carrier_status, 'Rejected');
    });

    test('Deferred → stays sent (acknowledged, nothing recorded); a later Retrieved still settles it', async () => {
      const msg = await sentViaAcme();
      const before = await getMessage(msg.id);
      assertRsp(await post(report(msg.carrier_message_id!, 'Deferred', 'dr-def')), 'DeliveryReportRsp', 'dr-def');
      const after = await getMessage(msg.id);
      assert.equal(after.status, 'sent');
      assert.deepEqual(after.events, before.events);
      assertRsp(await post(report(msg.carrier_message_id!, 'Retrieved', 'dr-def2')), 'DeliveryReportRsp', 'dr-def2');
      assert.equal((await getMessage(msg.id)).status, 'delivered');
    });

    test('a ReadReplyReq adds a read_report event and leaves the status alone', async () => {
      const msg = await sentViaAcme();
      assertRsp(await post(report(msg.carrier_message_id!, 'Retrieved', 'dr-rr')), 'DeliveryReportRsp', 'dr-rr');
      const rr = await post({
        type: 'ReadReplyReq', transactionId: 'rr-1', messageId: msg.carrier_message_id!, mmStatus: 'Read', timeStamp: '2026-01-02T03:05:00Z',
        recipient: { kind: 'Number', value: '+14155550100' }, sender: { kind: 'Number', value: ACME_SENDER },
      });
      assertRsp(rr, 'ReadReplyRsp', 'rr-1');
      const after = await getMessage(msg.id);
      assert.equal(after.status, 'delivered');
      const last = after.events.at(-1)!;
      assert.equal(last.type, 'read_report');
      assert.equal(last.status, null);
      assert.equal(last.data?.outcome, 'read');
      assert.equal(last.data?.reported_at, '2026-01-02T03:05:00.000Z');
    });
  });

  function deliverReq(transactionId: string, text = 'Hello porm, see the picture'): Mm7DeliverReq {
    const smil = '<smil><head><layout><root-layout/><region id="Image" top="0" left="0" height="80%" width="100%"/>'
      + '<region id="Text" top="80%" left="0" height="20%" width="100%"/></layout></head>'
      + '<body><par dur="5000ms"><img src="cid:pic.gif" region="Image"/><text src="cid:msg.txt" region="Text"/></par></body></smil>';
    return {
      type: 'DeliverReq', transactionId, mmsRelayServerId: 'acme-relay', linkedId: 'link-42',
      sender: { kind: 'Number', value: '+14155550111/TYPE=PLMN' }, recipients: { to: [{ kind: 'Number', value: ACME_SENDER }] },
      timeStamp: '2026-01-02T03:04:05Z', priority: 'Normal', subject: 'Reply with a picture',
      content: {
        part: {
          contentType: 'multipart/related', contentId: 'mo-content', params: { type: 'application/smil', start: '<smil.smil>' },
          parts: [
            { contentType: 'application/smil', contentId: 'smil.smil', contentLocation: 'smil.smil', data: Buffer.from(smil) },
            { contentType: 'image/gif', contentId: 'pic.gif', contentLocation: 'pic.gif', data: GIF },
            { contentType: 'text/plain', params: { charset: 'utf-8' }, contentId: 'msg.txt', contentLocation: 'msg.txt', data: Buffer.from(text) },
          ],
        },
      },
    };
  }

  describe('inbound messages (DeliverReq)', () => {
    test('a DeliverReq with SMIL + image + text is stored, its media byte-identical, and a signed inbound.received webhook is sent', async () => {
      const receiver = await new WebhookReceiver().start();
      try {
        const created = await h.api('POST', '/v1/webhooks', { url: receiver.url, events: ['inbound.received'] });
        assert.equal(created.status, 201, created.text);
        const secret = String(created.body.secret);
        const text = 'Hello porm — see the picture ✓';
        const res = await post(deliverReq('mo-1', text));
        assertRsp(res, 'DeliverRsp', 'mo-1');

        const inbound = (await inboundList()).find((m) => m.subject === 'Reply with a picture' && m.body === text);
        assert.ok(inbound, 'listed at GET /v1/inbound-messages');
        assert.match(inbound.id, /^inb_/);
        assert.equal(inbound.carrier, 'acme');
        assert.equal(inbound.from, '+14155550111');
        assert.equal(inbound.to, ACME_SENDER);
        assert.equal(inbound.linked_id, 'link-42');
        assert.deepEqual(inbound.media.map((m) => [m.content_type, m.size]), [['image/gif', GIF.length]]);
        assert.deepEqual((await h.api('GET', `/v1/inbound-messages/${inbound.id}`)).body, inbound);
        const media = await fetch(`${h.url}/v1/media/${inbound.media[0]!.id}/content`, { headers: { authorization: `Bearer ${h.key}` } });
        assert.equal(media.status, 200);
        assert.ok(Buffer.from(await media.arrayBuffer()).equals(GIF), 'media bytes identical');

        const hook = await eventually(async () => receiver.received.find((r) => r.json.type === 'inbound.received'), 10_000, 'the inbound.received webhook');
        const payload = new Webhook(secret).verify(hook.body, hook.headers as Record<string, string>) as { type: string; data: Inbound };
        assert.equal(payload.type, 'inbound.received');
        assert.equal(payload.data.id, inbound.id);
        assert.equal(payload.data.body, text);
        await new Promise((r) => setTimeout(r, 100));
        assert.deepEqual(receiver.received.map((r) => r.json.type), ['inbound.received'], 'one webhook, nothing for other event types');
      } finally {
        await receiver.stop();
      }
    });

    const fixtureFiles = fixturesSkip ? [] : readdirSync(MM7_FIXTURES).filter((f) => /^deliver-req.*\.txt$/.test(f)).sort();
    test(`every DeliverReq sample in ../shared/fixtures/mm7 gets DeliverRsp 1000 and becomes an inbound message${fixturesSkip ? ` (${fixturesSkip})` : ''}`, { skip: fixturesSkip }, async (t) => {
      assert.ok(fixtureFiles.length >= 6, `found ${fixtureFiles.join(', ')}`);
      for (const file of fixtureFiles) {
        const raw = readFileSync(join(MM7_FIXTURES, file));
        let headers: Record<string, string> = {};
        let body = raw;
        if (raw.subarray(0, 5).toString('latin1') === 'POST ') {
          // A full HTTP request: the request line and headers, a blank line, the body.
          const crlf = raw.indexOf('\r\n\r\n');
          const lf = raw.indexOf('\n\n');
          const end = crlf !== -1 && (lf === -1 || crlf < lf) ? crlf + 4 : lf + 2;
          const lines = raw.subarray(0, end).toString('latin1').split(/\r?\n/).slice(1).filter((l) => l !== '');
          headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()])
            .filter(([name]) => name === 'content-type' || name === 'soapaction'));
          body = raw.subarray(end);
        }
        const expected = parseMm7Message(headers['content-type'], body).message as Mm7DeliverReq;
        assert.equal(expected.type, 'DeliverReq', file);
        // A sample's recipient that is a number becomes one of the account's numbers, so the MO is
        // attributed to it; any other (missing, alphanumeric) is stored unattributed, for the operator.
        const to = (expected.recipients?.to?.[0]?.value ?? 'unknown').replace(/\/TYPE=\w+$/i, '');
        const attributed = /^(\+[1-9]\d{7,14}|\d{3,8})$/.test(to);
        if (attributed && (await h.porm.services.numbers.ownerOf(to)) === null) await h.porm.services.numbers.create(h.porm.bootstrap.accountId, { number: to });
        const before = (await recorded()).inbound;
        const res = await postRaw(`${h.url}/mm7/acme`, body, { ...headers, authorization: AUTH });
        assert.equal(res.status, 200, `${file}: HTTP ${res.status} ${res.body.toString('utf8').slice(0, 400)}`);
        const answer = answerOf(res);
        assert.equal(answer.type, 'DeliverRsp', file);
        assert.equal('status' in answer && answer.status.code, 1000, file);
        assert.equal(answer.transactionId, expected.transactionId, file);
        assert.equal((await recorded()).inbound, before + 1, `${file}: one inbound message`);
        const stored = attributed ? (await inboundList())[0]! : presentInboundMessage((await h.porm.services.inbound.listUnattributed(1)).data[0]!);
        assert.equal(stored.carrier, 'acme');
        assert.equal(stored.subject, expected.subject ?? null, file);
        assert.equal(stored.from, (expected.sender?.value ?? 'unknown').replace(/\/TYPE=\w+$/i, ''), file);
        const expectedMedia = (expected.content ? leafParts(expected.content.part) : []).filter((p) => p.contentType !== 'text/plain' && p.contentType !== 'application/smil');
        assert.deepEqual(stored.media.map((m) => m.content_type), expectedMedia.map((p) => p.contentType), file);
        // Media of an unattributed message belong to no account, so no API key reads them.
        for (const [i, m] of attributed ? stored.media.entries() : []) {
          const got = await fetch(`${h.url}/v1/media/${m.id}/content`, { headers: { authorization: `Bearer ${h.key}` } });
          assert.ok(Buffer.from(await got.arrayBuffer()).equals(expectedMedia[i]!.data), `${file}: media ${i} byte-identical`);
        }
        t.diagnostic(`${file}: from ${stored.from}, ${stored.media.length} media (${stored.media.map((m) => m.content_type).join(', ')}), ${stored.body.length} chars of text`);
      }
    });
  });

  describe('hostile bodies', () => {
    const envelope = (inner: string, prolog = ''): string => `<?xml version="1.0"?>${prolog}<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/">`
      + `<env:Header><mm7:TransactionID xmlns:mm7="${NS6}" env:mustUnderstand="1">evil</mm7:TransactionID></env:Header><env:Body>${inner}</env:Body></env:Envelope>`;
    const drBody = (statusText: string): string => `<DeliveryReportReq xmlns="${NS6}"><MM7Version>6.8.0</MM7Version><MessageID>ACME-1</MessageID>`
      + `<Recipient><Number>+14155550100</Number></Recipient><Sender><Number>${ACME_SENDER}</Number></Sender><Date>2026-01-02T03:04:05Z</Date>`
      + `<MMStatus>Retrieved</MMStatus><StatusText>${statusText}</StatusText></DeliveryReportReq>`;
    const laughs = ['<!ENTITY lol0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`)].join('');
    const soapPart = (xml: string): string => `Content-Type: text/xml; charset="utf-8"\r\nContent-ID: <soap>\r\n\r\n${xml}\r\n`;
    const TEXT_XML = 'text/xml; charset="utf-8"';
    const MULTI = 'multipart/related; boundary="b-evil"; type="text/xml"; start="<soap>"';

    const cases: Array<{ name: string; contentType: string; body: () => Buffer | string }> = [
      { name: 'XXE: DOCTYPE with an external ENTITY', contentType: TEXT_XML, body: () => envelope(drBody('&xxe;'), '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>') },
      { name: 'XXE inside the SOAP part of a multipart', contentType: MULTI, body: () => `--b-evil\r\n${soapPart(envelope(drBody('&xxe;'), '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'))}--b-evil--\r\n` },
      { name: 'billion laughs', contentType: TEXT_XML, body: () => envelope(drBody('&lol9;'), `<!DOCTYPE lolz [${laughs}]>`) },
      { name: '10,000-deep nesting', contentType: TEXT_XML, body: () => envelope(`<DeliveryReportReq xmlns="${NS6}">${'<a>'.repeat(10_000)}x${'</a>'.repeat(10_000)}</DeliveryReportReq>`) },
      { name: '10,000 unclosed elements', contentType: TEXT_XML, body: () => envelope('<a>'.repeat(10_000)) },
      { name: '9 MB body', contentType: TEXT_XML, body: () => envelope(drBody('x'.repeat(9 * 1024 * 1024))) },
      { name: 'broken multipart: no closing delimiter, SOAP part cut short', contentType: MULTI, body: () => `--b-evil\r\n${soapPart(envelope(drBody('ok')).slice(0, 200))}` },
      { name: 'broken multipart: the boundary never appears', contentType: MULTI, body: () => envelope(drBody('ok')) },
      { name: 'broken multipart: no boundary parameter, nothing to sniff', contentType: 'multipart/related', body: () => randomBytes(2048) },
      // The parser's error message quotes the offending character; the fault must still be valid XML.
      { name: 'a control character where markup should start', contentType: TEXT_XML, body: () => Buffer.from('\u0002<a/>', 'latin1') },
      { name: 'a control character in an element name', contentType: TEXT_XML, body: () => envelope(`<DeliveryReportReq\u0001 xmlns="${NS6}"/>`) },
      { name: 'random bytes as text/xml', contentType: TEXT_XML, body: () => randomBytes(64 * 1024) },
      { name: 'random bytes without a Content-Type', contentType: '', body: () => randomBytes(64 * 1024) },
      { name: 'an empty body', contentType: TEXT_XML, body: () => '' },
    ];

    for (const c of cases) {
      test(`${c.name}: a fault (VASPErrorRsp 2007) or 413, quickly; still healthy; nothing recorded`, async () => {
        const msg = await sentViaAcme();
        const before = await recorded();
        const body = c.body();
        const res = await postRaw(`${h.url}/mm7/acme`, body, { ...(c.contentType ? { 'content-type': c.contentType } : {}), authorization: AUTH, soapaction: '""' });
        assert.ok(res.ms < 3000, `answered in ${Math.round(res.ms)} ms`);
        if (res.status !== 413) {
          assert.equal(res.status, 500, `HTTP ${res.status}: ${res.body.toString('utf8').slice(0, 300)}`);
          assert.match(String(res.headers.get('content-type')), /^text\/xml/, `a SOAP fault, not ${res.headers.get('content-type')}: ${res.body.toString('utf8').slice(0, 300)}`);
          const fault = answerOf(res);
          assert.equal(fault.type, 'VASPErrorRsp');
          assert.equal('status' in fault && fault.status.code, 2007);
        }
        assert.ok(!res.body.toString('utf8').includes('root:'), 'no file content echoed');
        const health = await h.api('GET', '/healthz');
        assert.equal(health.status, 200);
        assert.deepEqual(await recorded(), before);
        assert.equal((await getMessage(msg.id)).status, 'sent');
      });
    }

    test('an MM7 operation porm does not take (SubmitReq) is a 4003 fault, nothing recorded', async () => {
      const before = await recorded();
      const res = await post({ type: 'SubmitReq', transactionId: 'not-here', senderIdentification: { vaspId: 'x' }, recipients: { to: [{ kind: 'Number', value: ACME_SENDER }] } });
      assert.equal(res.status, 500);
      const fault = answerOf(res);
      assert.equal(fault.type, 'VASPErrorRsp');
      assert.equal('status' in fault && fault.status.code, 4003);
      assert.equal(fault.transactionId, 'not-here');
      assert.deepEqual(await recorded(), before);
    });
  });

  test('the endpoint answers in the caller\'s MM7 release', async () => {
    const msg = await sentViaAcme();
    const built = buildMm7Message(report(msg.carrier_message_id!, 'Retrieved', 'dr-rel5'), { release: 'REL-5-MM7-1-3' });
    const res = await postRaw(`${h.url}/mm7/acme`, built.body, { 'content-type': built.contentType, authorization: AUTH });
    assert.equal(res.status, 200);
    const parsed = parseMm7Message(res.headers.get('content-type') ?? undefined, res.body);
    assert.equal(parsed.release, 'REL-5-MM7-1-3');
    assert.equal(parsed.message.type, 'DeliveryReportRsp');
    assert.equal((await getMessage(msg.id)).status, 'delivered');
  });
});
