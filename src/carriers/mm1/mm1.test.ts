// porm's MM1 connector against the sandbox MM1 MMSC on loopback: every m-send-conf status and
// misbehaviour (HTML, 5xx, 401, garbage, another transaction, silence, a closed port) becomes the
// right queue outcome; every m-send-req porm writes decodes in tshark (skipped without it) with
// the same headers and parts; reports come back as WAP Push payloads porm reads.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../../logger.ts';
import { decodePdu } from '../../mms/pdu/index.ts';
import { tsharkHttp, tsharkMismatches, tsharkSkip } from '../../mms/pdu/testing/tshark.ts';
import type { OutboundMessage, SubmitResult } from '../carrier.ts';
import { carrierConfigSchema } from '../registry.ts';
import { SANDBOX_NUMBERS } from '../sandbox/test-numbers.ts';
import { closedPort } from '../../../test/helpers/mm7-peer.ts';
import { Mm1Carrier } from './mm1-carrier.ts';
import { mm1Schema, type Mm1CarrierConfig } from './mm1-type.ts';
import { SandboxMm1Mmsc } from './sandbox-mm1-mmsc.ts';
import { decodeWapPushMmsReport } from './wap-push-report.ts';

const log = createLogger({ logLevel: 'silent' });
const SIM = '+15550001234';
// A real photo (tshark dissects image parts: random octets would read as a malformed JPEG).
const JPEG = readFileSync(new URL('../../../examples/photo.jpg', import.meta.url));
let seq = 0;

function message(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  seq += 1;
  return {
    id: `msg_mm1${String(seq).padStart(4, '0')}`, accountId: 'acc_test', channel: 'mms', to: '+14155550100', from: SIM,
    body: 'Hello over MM1', subject: 'Greetings', media: [{ contentType: 'image/jpeg', data: JPEG, filename: 'photo.jpg' }], expiresAt: null,
    ...overrides,
  };
}

const config = (mmscUrl: string, extra: Partial<Mm1CarrierConfig> = {}): Mm1CarrierConfig =>
  mm1Schema.parse({ type: 'mm1', mmscUrl, msisdn: SIM, timeoutMs: 2000, ...extra });

describe('mm1 configuration', () => {
  it('the registry knows mm1; defaults are filled in', () => {
    const c = carrierConfigSchema.parse({ type: 'mm1', mmscUrl: 'http://mms.example.net/mms/wapenc', proxy: 'http://10.0.0.10:8080', msisdn: '+15550001234' });
    assert.equal(c.type, 'mm1');
    assert.ok(c.type === 'mm1' && c.mmsVersion === '1.2' && c.from === 'insert' && c.deliveryReport);
  });
  it('refuses a number that is not E.164, an https MMSC behind a proxy, unknown keys', () => {
    assert.equal(mm1Schema.safeParse({ type: 'mm1', mmscUrl: 'http://m/x', msisdn: '5550001234' }).success, false);
    assert.equal(mm1Schema.safeParse({ type: 'mm1', mmscUrl: 'https://m/x', proxy: 'http://p:8080', msisdn: SIM }).success, false);
    assert.equal(mm1Schema.safeParse({ type: 'mm1', mmscUrl: 'http://m/x', msisdn: SIM, password: 'x' }).success, false);
  });
});

describe('mm1 connector against the sandbox MM1 MMSC', () => {
  const mmsc = new SandboxMm1Mmsc();
  let url = '';
  const carriers: Mm1Carrier[] = [];
  const carrier = (extra: Partial<Mm1CarrierConfig> = {}): Mm1Carrier => {
    const c = new Mm1Carrier('simcard', config(url, extra), log);
    carriers.push(c);
    return c;
  };
  before(async () => {
    url = await mmsc.start();
  });
  after(async () => {
    for (const c of carriers) await c.close();
    await mmsc.close();
  });
  const lastRequest = () => mmsc.requests[mmsc.requests.length - 1]!;

  it('accepted: the Message-ID of the m-send-conf; the m-send-req is what OMA-MMS-ENC asks for', async () => {
    const msg = message({ expiresAt: Date.now() + 3600_000 });
    const result = await carrier().submit(msg);
    assert.equal(result.outcome, 'accepted');
    assert.match(result.outcome === 'accepted' ? result.carrierMessageId : '', /^mm1-sbx-\d+$/);
    const req = lastRequest();
    assert.equal(req.contentType, 'application/vnd.wap.mms-message');
    const { pdu, warnings } = decodePdu(req.body);
    assert.deepEqual(warnings, []);
    assert.equal(pdu.messageType, 'm-send-req');
    assert.equal(pdu.transactionId, msg.id);
    assert.equal(pdu.mmsVersion, '1.2');
    assert.deepEqual(pdu.from, { kind: 'insert' });
    assert.deepEqual(pdu.to, ['+14155550100/TYPE=PLMN']);
    assert.equal(pdu.subject, 'Greetings');
    assert.equal(pdu.deliveryReport, true);
    assert.equal(pdu.expiry?.kind, 'relative');
    assert.equal(pdu.contentType?.mediaType, 'application/vnd.wap.multipart.related');
    assert.deepEqual(pdu.parts?.map((p) => p.contentType), ['application/smil', 'image/jpeg', 'text/plain']);
    assert.deepEqual(Buffer.from(pdu.parts?.[1]?.data ?? []), JPEG);
  });

  it(`tshark decodes every m-send-req porm wrote, with the same headers and parts${tsharkSkip ? ` (${tsharkSkip})` : ''}`, { skip: tsharkSkip }, async () => {
    const c = carrier({ from: 'msisdn', readReport: true });
    await c.submit(message({ media: [], subject: null, body: 'text only' }));
    await c.submit(message({ media: [{ contentType: 'text/vcard', data: Buffer.from('BEGIN:VCARD\r\nEND:VCARD\r\n'), filename: 'me.vcf' }] }));
    for (const req of mmsc.requests.filter((r) => r.body[1] === 0x80)) {
      const frame = tsharkHttp(req.body);
      assert.ok(frame.mmse, 'tshark found the MMS PDU');
      assert.equal(frame.malformed, false, 'tshark reports no malformed packet');
      assert.deepEqual(tsharkMismatches(decodePdu(req.body).pdu, frame.mmse), []);
    }
  });

  it('a delivery report: the sandbox pushes an m-delivery-ind that decodeWapPushMmsReport maps to the accepted message', async () => {
    const before = mmsc.pushes.length;
    const result = await carrier().submit(message({ to: SANDBOX_NUMBERS.undelivered }));
    assert.equal(result.outcome, 'accepted');
    const push = mmsc.pushes[before];
    assert.ok(push);
    const report = decodeWapPushMmsReport(push, 'simcard');
    assert.equal(report.kind, 'delivery');
    assert.ok(report.kind === 'delivery' && result.outcome === 'accepted');
    assert.equal(report.report.carrierMessageId, result.carrierMessageId);
    assert.equal(report.report.outcome, 'undelivered');
    assert.equal(report.report.carrier, 'simcard');
    const quiet = mmsc.pushes.length;
    assert.equal((await carrier().submit(message({ to: SANDBOX_NUMBERS.noReport }))).outcome, 'accepted');
    assert.equal(mmsc.pushes.length, quiet, 'no report for the no-report number');
  });

  it('the rejected test number: permanent, with the status; the flaky one: transient twice, then accepted', async () => {
    const rejected = await carrier().submit(message({ to: SANDBOX_NUMBERS.rejected }));
    assert.deepEqual({ ...rejected, message: '' }, { outcome: 'permanent', errorCode: 'PORM_MM1_REJECTED', message: '', carrierCode: '0xE0' });
    assert.match(rejected.outcome === 'permanent' ? rejected.message : '', /Error-permanent-failure \(recipient \+15005550001 refused/);
    const c = carrier();
    const msg = message({ to: SANDBOX_NUMBERS.flaky });
    const outcomes: SubmitResult[] = [];
    for (let i = 0; i < 3; i++) outcomes.push(await c.submit(msg));
    assert.deepEqual(outcomes.map((o) => o.outcome), ['transient', 'transient', 'accepted']);
    assert.equal(outcomes[0]?.outcome === 'transient' && outcomes[0].carrierCode, '0xC3');
    // A resubmission of an accepted message is the same message (same Message-ID, no second report).
    const again = await c.submit(msg);
    assert.deepEqual(again, outcomes[2]);
  });

  it('an MMSC answering HTML, 5xx, 401, garbage or another transaction: clear outcomes', async () => {
    const c = carrier();
    const cases: [Parameters<SandboxMm1Mmsc['faults']['push']>[0], Partial<SubmitResult>][] = [
      ['html', { outcome: 'transient', exhaustedCode: 'PORM_MM1_NOT_MMS' }],
      ['http-500', { outcome: 'transient', carrierCode: '500' }],
      ['http-401', { outcome: 'permanent', errorCode: 'PORM_MM1_AUTH_FAILED' }],
      ['garbage', { outcome: 'transient', exhaustedCode: 'PORM_MM1_BAD_RESPONSE' }],
      ['wrong-transaction', { outcome: 'transient', exhaustedCode: 'PORM_MM1_BAD_RESPONSE' }],
    ];
    for (const [fault, want] of cases) {
      mmsc.faults.push(fault);
      const got = await c.submit(message());
      for (const [k, v] of Object.entries(want)) assert.equal((got as Record<string, unknown>)[k], v, `${fault}: ${k} (${JSON.stringify(got)})`);
    }
  });

  it('silence past the deadline and a closed port are transient', async () => {
    mmsc.faults.push('no-answer');
    const slow = await carrier({ timeoutMs: 300 }).submit(message());
    assert.equal(slow.outcome, 'transient');
    assert.match(slow.outcome === 'transient' ? slow.message : '', /within 300 ms/);
    const closed = new Mm1Carrier('gone', config(`http://127.0.0.1:${await closedPort()}/mms`), log);
    carriers.push(closed);
    assert.equal((await closed.submit(message())).outcome, 'transient');
  });

  it('through the proxy: an absolute-form target naming the MMSC, Host the MMSC', async () => {
    const proxy = new URL(url).origin;
    const c = carrier({ mmscUrl: 'http://mmsc.operator.invalid/mms/wapenc', proxy, userAgent: 'porm-mm1', uaProfUrl: 'http://ua.example/p.xml' });
    assert.equal((await c.submit(message())).outcome, 'accepted');
    const req = lastRequest();
    assert.equal(req.target, 'http://mmsc.operator.invalid/mms/wapenc');
    assert.equal(req.host, 'mmsc.operator.invalid');
    assert.equal(req.headers['user-agent'], 'porm-mm1');
    assert.equal(req.headers['x-wap-profile'], '"http://ua.example/p.xml"');
  });

  it('a sender other than the SIM\'s number is refused before anything is sent', async () => {
    const count = mmsc.requests.length;
    const result = await carrier().submit(message({ from: '+15559999999' }));
    assert.equal(result.outcome === 'permanent' && result.errorCode, 'PORM_MM1_SENDER_MISMATCH');
    assert.equal(mmsc.requests.length, count);
  });

  it('a recipient MM1 cannot address is a permanent PORM_MM1_ENCODE_FAILED', async () => {
    const result = await carrier().submit(message({ to: 'not a number' }));
    assert.equal(result.outcome === 'permanent' && result.errorCode, 'PORM_MM1_ENCODE_FAILED');
  });
});
