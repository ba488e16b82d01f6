import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Mm7Carrier, type Mm7ConnectionConfig } from '../src/carriers/mm7/mm7-carrier.ts';
import { createLogger } from '../src/logger.ts';
import type { OutboundMessage, SubmitResult } from '../src/carriers/carrier.ts';
import { isMultipart, leafParts, parseMm7Message, type Mm7SubmitReq } from '../src/mms/mm7/index.ts';
import { basicAuth, closedPort, mm7Answer, Mm7Peer, type PeerAnswer, type RecordedRequest } from './helpers/mm7-peer.ts';

// porm's MM7 client connector against fake MMSCs on loopback: each answer an MMSC can give
// (success, status codes, faults, HTTP errors, garbage, silence, a closed port) must become
// the right queue outcome, and the SubmitReq on the wire must be what TS 23.140 expects.

const log = createLogger({ logLevel: 'silent' });
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), randomBytes(3000), Buffer.from([0xff, 0xd9])]);

function submitRsp(req: RecordedRequest, code: number, messageId?: string): PeerAnswer {
  const tx = (parseMm7Message(req.headers['content-type'], req.body).message as Mm7SubmitReq).transactionId;
  return mm7Answer({ type: 'SubmitRsp', transactionId: tx, status: { code }, ...(messageId ? { messageId } : {}) });
}

/** One fake MMSC; the path of each carrier's URL picks the behaviour. */
function behave(req: RecordedRequest): PeerAnswer {
  switch (req.path) {
    case '/ok':
      return submitRsp(req, 1000, `ACME-${(parseMm7Message(req.headers['content-type'], req.body).message as Mm7SubmitReq).transactionId}`);
    case '/address-error':
      return submitRsp(req, 2002);
    case '/fault-3000':
      return mm7Answer({ type: 'RSErrorRsp', transactionId: 'x', status: { code: 3000, text: 'Server Error' } });
    case '/fault-4006':
      return mm7Answer({ type: 'RSErrorRsp', transactionId: 'x', status: { code: 4006 } });
    case '/busy':
      return { status: 503, headers: { 'retry-after': '7', 'content-type': 'text/plain' }, body: 'busy\n' };
    case '/unauthorized':
      return { status: 401, headers: { 'www-authenticate': 'Basic realm="acme"', 'content-type': 'text/plain' }, body: 'who are you\n' };
    case '/garbage':
      return { status: 200, headers: { 'content-type': 'text/html' }, body: '<html><body>Welcome to nginx!</body></html>' };
    case '/garbage-500':
      return { status: 500, headers: { 'content-type': 'text/html' }, body: '<html>Internal Server Error' };
    case '/private-3100':
      return submitRsp(req, 3100);
    case '/hang':
      return 'hang';
    default:
      return { status: 404, body: 'no such path' };
  }
}

describe('MM7 carrier connector (Mm7Carrier) against fake MMSCs', () => {
  let mmsc: Mm7Peer;
  const carriers: Mm7Carrier[] = [];
  let seq = 0;

  function carrier(path: string, extra: Partial<Mm7ConnectionConfig> = {}, url?: string): Mm7Carrier {
    const config: Mm7ConnectionConfig = {
      type: 'mm7', url: url ?? `${mmsc.url}${path}`, username: 'porm-vasp', password: 'acme-pass-1234', vaspId: 'porm', vasId: 'alerts',
      release: 'REL-6-MM7-1-4', transferEncoding: 'binary', deliveryReport: true, timeoutMs: 5000, maxSockets: 4, ...extra,
    };
    const c = new Mm7Carrier('acme', config, log);
    carriers.push(c);
    return c;
  }

  function message(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
    seq += 1;
    return {
      id: `msg_connector${String(seq).padStart(4, '0')}`, accountId: 'acc_test', to: '+14155550100', from: '+14155550199',
      body: 'Hello from porm', subject: 'Greetings', media: [{ contentType: 'image/jpeg', data: JPEG, filename: 'photo.jpg' }], expiresAt: null, channel: 'mms',
      ...overrides,
    };
  }

  before(async () => {
    mmsc = await new Mm7Peer(behave).start();
  });
  after(async () => {
    for (const c of carriers) await c.close();
    await mmsc.stop();
  });

  test('SubmitRsp 1000 → accepted with the MMSC\'s MessageID', async () => {
    const msg = message();
    const result = await carrier('/ok').submit(msg);
    assert.deepEqual(result, { outcome: 'accepted', carrierMessageId: `ACME-${msg.id}`, duplicate: false });
  });

  test('the SubmitReq on the wire: TransactionID = porm id, basic auth, SOAPAction, SMIL + media + text that parse back', async () => {
    const msg = message();
    const before = mmsc.received.length;
    const result = await carrier('/ok').submit(msg);
    assert.equal(result.outcome, 'accepted');
    const req = mmsc.received.slice(before).find((r) => r.path === '/ok')!;
    assert.equal(req.method, 'POST');
    assert.equal(req.headers.authorization, basicAuth('porm-vasp', 'acme-pass-1234'));
    assert.equal(req.headers.soapaction, '""');
    assert.match(String(req.headers['content-type']), /^multipart\/related;/);
    assert.equal(Number(req.headers['content-length']), req.body.length);

    const parsed = parseMm7Message(req.headers['content-type'], req.body);
    const submit = parsed.message;
    assert.equal(submit.type, 'SubmitReq');
    if (submit.type !== 'SubmitReq') return;
    assert.equal(submit.transactionId, msg.id);
    assert.equal(parsed.release, 'REL-6-MM7-1-4');
    assert.equal(submit.senderIdentification.vaspId, 'porm');
    assert.equal(submit.senderIdentification.vasId, 'alerts');
    assert.deepEqual(submit.senderIdentification.senderAddress, { kind: 'Number', value: msg.from });
    assert.deepEqual(submit.recipients.to?.map((a) => a.value), [msg.to]);
    assert.equal(submit.subject, 'Greetings');
    assert.equal(submit.deliveryReport, true);

    const content = submit.content?.part;
    assert.ok(content && isMultipart(content), 'content is a multipart');
    assert.equal(content.contentType, 'multipart/related');
    assert.equal(content.params?.type, 'application/smil');
    const leaves = leafParts(content);
    const smil = leaves.find((p) => p.contentType === 'application/smil');
    assert.ok(smil, 'a SMIL part');
    assert.equal(content.params?.start?.replace(/^<|>$/g, ''), smil.contentId, 'start names the SMIL part');
    const image = leaves.find((p) => p.contentType === 'image/jpeg');
    assert.ok(image?.data.equals(JPEG), 'the image travels byte-identical');
    const text = leaves.find((p) => p.contentType === 'text/plain');
    assert.equal(text?.data.toString('utf8'), msg.body);
    const smilText = smil.data.toString('utf8');
    assert.match(smilText, /<smil[\s>]/);
    for (const part of leaves.filter((p) => p !== smil)) {
      const refs = [part.contentLocation, part.contentId && `cid:${part.contentId}`].filter((r): r is string => Boolean(r));
      assert.ok(refs.some((r) => smilText.includes(`src="${r}"`)), `SMIL references ${part.contentType} part (${refs.join(', ')})`);
    }
  });

  test('base64 transfer encoding carries the same content', async () => {
    const msg = message();
    const before = mmsc.received.length;
    assert.equal((await carrier('/ok', { transferEncoding: 'base64' }).submit(msg)).outcome, 'accepted');
    const req = mmsc.received.slice(before).find((r) => r.path === '/ok')!;
    assert.match(req.body.toString('latin1'), /Content-Transfer-Encoding: base64/i);
    const submit = parseMm7Message(req.headers['content-type'], req.body).message as Mm7SubmitReq;
    assert.ok(leafParts(submit.content!.part).find((p) => p.contentType === 'image/jpeg')?.data.equals(JPEG));
  });

  test('SubmitRsp 2002 → permanent PORM_MM7_ADDRESS_ERROR', async () => {
    const result = await carrier('/address-error').submit(message());
    assert.equal(result.outcome, 'permanent');
    if (result.outcome !== 'permanent') return;
    assert.equal(result.errorCode, 'PORM_MM7_ADDRESS_ERROR');
    assert.equal(result.carrierCode, '2002');
  });

  test('RSErrorRsp fault 3000 (HTTP 500) → transient', async () => {
    const result = await carrier('/fault-3000').submit(message());
    assert.equal(result.outcome, 'transient');
    if (result.outcome === 'transient') assert.equal(result.carrierCode, '3000');
  });

  test('RSErrorRsp fault 4006 → throttled', async () => {
    const result = await carrier('/fault-4006').submit(message());
    assert.equal(result.outcome, 'throttled');
    if (result.outcome === 'throttled') assert.ok(result.retryAfterMs > 0);
  });

  test('HTTP 503 with Retry-After: 7 → throttled for 7000 ms', async () => {
    const result = await carrier('/busy').submit(message());
    assert.deepEqual({ outcome: result.outcome, retryAfterMs: (result as Extract<SubmitResult, { outcome: 'throttled' }>).retryAfterMs }, { outcome: 'throttled', retryAfterMs: 7000 });
  });

  test('HTTP 401 → permanent PORM_MM7_IMPROPER_IDENTIFICATION', async () => {
    const result = await carrier('/unauthorized').submit(message());
    assert.equal(result.outcome, 'permanent');
    if (result.outcome === 'permanent') assert.equal(result.errorCode, 'PORM_MM7_IMPROPER_IDENTIFICATION');
  });

  test('a garbage 200 body → permanent; a garbage 500 body → transient', async () => {
    const garbage = await carrier('/garbage').submit(message());
    assert.equal(garbage.outcome, 'permanent');
    if (garbage.outcome === 'permanent') assert.match(garbage.errorCode, /^PORM_MM7_/);
    assert.equal((await carrier('/garbage-500').submit(message())).outcome, 'transient');
  });

  test('an MMSC that never answers → transient after timeoutMs', async () => {
    const started = performance.now();
    const result = await carrier('/hang', { timeoutMs: 300 }).submit(message());
    const ms = performance.now() - started;
    assert.equal(result.outcome, 'transient');
    assert.ok(ms >= 280 && ms < 2000, `gave up after ${Math.round(ms)} ms`);
  });

  test('connection refused → transient', async () => {
    const port = await closedPort();
    const result = await carrier('', {}, `http://127.0.0.1:${port}/mm7`).submit(message());
    assert.equal(result.outcome, 'transient');
  });

  test('statusOverrides turn a private code (3100) into throttled; without them it is transient', async () => {
    const overridden = await carrier('/private-3100', { statusOverrides: { '3100': 'throttled' } }).submit(message());
    assert.equal(overridden.outcome, 'throttled');
    const plain = await carrier('/private-3100').submit(message());
    assert.equal(plain.outcome, 'transient');
  });
});
