import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { systemClock } from '../src/clock.ts';
import { createLogger } from '../src/logger.ts';
import { Mm7Carrier } from '../src/carriers/mm7/mm7-carrier.ts';
import { SandboxMmsc } from '../src/carriers/sandbox/sandbox-mmsc.ts';
import type { OutboundMessage, SubmitResult } from '../src/carriers/carrier.ts';
import { parseMm7Message, type Mm7DeliveryReportReq } from '../src/mms/mm7/index.ts';
import { decodePdu, type Part } from '../src/mms/pdu/index.ts';
import { tsharkHttp, tsharkMismatches, tsharkSkip } from '../src/mms/pdu/testing/tshark.ts';
import { cleanup, eventually, tempDir } from './helpers/harness.ts';
import { basicAuth, jpegLike, mm7Answer, Mm7Peer, postMm7, type RecordedRequest } from './helpers/mm7-peer.ts';

// The built-in MMSC simulator on its own: an Mm7Carrier submits to it over loopback HTTP (as
// carrier-set.ts wires it), and a small receiver plays porm's /mm7 endpoint for its reports.

const log = createLogger({ logLevel: 'silent' });
const CREDENTIALS = { username: 'porm', password: 'sandbox-secret-0123' };
const REPORT_AUTH = { username: 'sandbox-mmsc', password: 'report-secret-0123' };
const REPORT_DELAY_MS = 50;
const JPEG = jpegLike(2000);

interface Report {
  auth: string | undefined;
  req: Mm7DeliveryReportReq;
}

describe('sandbox MMSC (SandboxMmsc) over MM7', () => {
  const dataDir = tempDir('porm-sandbox-mmsc-');
  const reports: Report[] = [];
  let receiver: Mm7Peer;
  let mmsc: SandboxMmsc;
  let carrier: Mm7Carrier;
  const extra: Array<{ close(): Promise<void> }> = [];
  let seq = 0;

  function mmscOptions(name: string, dir = dataDir): ConstructorParameters<typeof SandboxMmsc>[0] {
    return { name, dataDir: dir, host: '127.0.0.1', port: 0, deliveryDelayMs: REPORT_DELAY_MS, submitLatencyMs: 0, credentials: CREDENTIALS };
  }

  function carrierFor(target: SandboxMmsc, password = CREDENTIALS.password): Mm7Carrier {
    const c = new Mm7Carrier('sandbox', {
      type: 'mm7', url: target.mm7Url, username: CREDENTIALS.username, password, vaspId: 'porm', vasId: 'porm', release: 'REL-6-MM7-1-4',
      transferEncoding: 'binary', deliveryReport: true, timeoutMs: 5000, maxSockets: 8,
    }, log);
    extra.push(c);
    return c;
  }

  function message(to: string, overrides: Partial<OutboundMessage> = {}): OutboundMessage {
    seq += 1;
    return {
      id: `msg_sandbox${Date.now().toString(36)}${String(seq).padStart(4, '0')}`, accountId: 'acc_test', to, from: '+14155550199',
      body: `hello ${to}`, subject: null, media: [], expiresAt: null, channel: 'mms', ...overrides,
    };
  }

  function accepted(result: SubmitResult): string {
    assert.equal(result.outcome, 'accepted', JSON.stringify(result));
    if (result.outcome !== 'accepted') throw new Error('not accepted');
    assert.match(result.carrierMessageId, /^SBX[0-9A-F]{24}$/);
    return result.carrierMessageId;
  }

  const reportsFor = (carrierId: string): Report[] => reports.filter((r) => r.req.messageId === carrierId);
  const reportFor = (carrierId: string): Promise<Report> =>
    eventually(async () => reportsFor(carrierId)[0], 5000, `a delivery report for ${carrierId}`);

  function takeReport(req: RecordedRequest): ReturnType<typeof mm7Answer> {
    const parsed = parseMm7Message(req.headers['content-type'], req.body).message;
    if (parsed.type !== 'DeliveryReportReq') return mm7Answer({ type: 'VASPErrorRsp', transactionId: parsed.transactionId, status: { code: 4003 } });
    reports.push({ auth: req.headers.authorization, req: parsed });
    return mm7Answer({ type: 'DeliveryReportRsp', transactionId: parsed.transactionId, status: { code: 1000 } });
  }

  before(async () => {
    receiver = await new Mm7Peer(takeReport).start();
    mmsc = new SandboxMmsc(mmscOptions('sbx'), systemClock, log);
    await mmsc.listen();
    mmsc.startReporting({ url: `${receiver.url}/mm7/sbx`, ...REPORT_AUTH });
    carrier = carrierFor(mmsc);
  });
  after(async () => {
    for (const c of extra) await c.close();
    await mmsc.close();
    await receiver.stop();
    cleanup(dataDir);
  });

  test('any other number: accepted, then a Retrieved report to the report target with its credentials', async () => {
    const msg = message('+14155550100');
    const id = accepted(await carrier.submit(msg));
    const report = await reportFor(id);
    assert.equal(report.auth, basicAuth(REPORT_AUTH.username, REPORT_AUTH.password));
    assert.equal(report.req.mmStatus, 'Retrieved');
    assert.equal(report.req.recipient.value, msg.to);
    assert.equal(report.req.sender.value, msg.from);
    assert.equal(receiver.received.at(-1)?.path, '/mm7/sbx');
    assert.equal(mmsc.submission(msg.id)?.outcome, 'accepted');
  });

  test('+15005550001: permanent PORM_MM7_MESSAGE_REJECTED at submit, every time', async () => {
    const msg = message('+15005550001');
    for (let i = 0; i < 2; i++) {
      const result = await carrier.submit(msg);
      assert.equal(result.outcome, 'permanent');
      if (result.outcome === 'permanent') assert.equal(result.errorCode, 'PORM_MM7_MESSAGE_REJECTED');
    }
    assert.equal(mmsc.submission(msg.id)?.outcome, 'rejected');
  });

  test('+15005550002: transient twice, then accepted and reported Retrieved', async () => {
    const msg = message('+15005550002');
    assert.equal((await carrier.submit(msg)).outcome, 'transient');
    assert.equal((await carrier.submit(msg)).outcome, 'transient');
    const id = accepted(await carrier.submit(msg));
    assert.equal(mmsc.submission(msg.id)?.submit_count, 3);
    assert.equal((await reportFor(id)).req.mmStatus, 'Retrieved');
  });

  test('+15005550003: accepted, then reported MMStatus Rejected', async () => {
    const id = accepted(await carrier.submit(message('+15005550003')));
    assert.equal((await reportFor(id)).req.mmStatus, 'Rejected');
  });

  test('+15005550004: accepted, and no report comes', async () => {
    const quiet = accepted(await carrier.submit(message('+15005550004')));
    const loud = accepted(await carrier.submit(message('+14155550101')));
    await reportFor(loud);
    await new Promise((r) => setTimeout(r, 10 * REPORT_DELAY_MS));
    assert.deepEqual(reportsFor(quiet), []);
  });

  test('resubmitting an accepted message id returns the same MessageID, counts a duplicate, and reports once', async () => {
    const msg = message('+14155550102');
    const first = accepted(await carrier.submit(msg));
    const before = mmsc.totals();
    const second = accepted(await carrier.submit(msg));
    assert.equal(second, first);
    const afterTotals = mmsc.totals();
    assert.equal(afterTotals.duplicates, before.duplicates + 1);
    assert.equal(afterTotals.accepted, before.accepted);
    await reportFor(first);
    await new Promise((r) => setTimeout(r, 6 * REPORT_DELAY_MS));
    assert.equal(reportsFor(first).length, 1);
  });

  test('a resubmission the MMSC recognises is reported to porm as a duplicate (docs/sandbox.md: carrier_duplicate)', async () => {
    const msg = message('+14155550103');
    const first = await carrier.submit(msg);
    assert.equal(first.outcome === 'accepted' && first.duplicate, false);
    const again = await carrier.submit(msg);
    assert.equal(again.outcome, 'accepted');
    assert.equal(again.outcome === 'accepted' && again.duplicate, true, 'the connector tells the send job the carrier deduplicated it');
  });

  test('reports owed when the MMSC closed are sent once a new MMSC on the same dataDir starts reporting', async () => {
    const dir = tempDir('porm-sandbox-restart-');
    try {
      const first = new SandboxMmsc(mmscOptions('restart', dir), systemClock, log);
      await first.listen();
      const msg = message('+14155550104');
      const id = accepted(await carrierFor(first).submit(msg));
      await first.close();
      assert.deepEqual(reportsFor(id), []);

      const second = new SandboxMmsc(mmscOptions('restart', dir), systemClock, log);
      await second.listen();
      try {
        second.startReporting({ url: `${receiver.url}/mm7/restart`, ...REPORT_AUTH });
        assert.equal((await reportFor(id)).req.mmStatus, 'Retrieved');
        // The ledger survived too: the same message id is still recognised.
        assert.equal(accepted(await carrierFor(second).submit(msg)), id);
        await new Promise((r) => setTimeout(r, 6 * REPORT_DELAY_MS));
        assert.equal(reportsFor(id).length, 1, 'the owed report is sent once');
      } finally {
        await second.close();
      }
    } finally {
      cleanup(dir);
    }
  });

  test('wrong credentials → 401 with WWW-Authenticate; the connector calls it PORM_MM7_IMPROPER_IDENTIFICATION', async () => {
    const msg = message('+14155550105');
    const result = await carrierFor(mmsc, 'not-the-password').submit(msg);
    assert.equal(result.outcome, 'permanent');
    if (result.outcome === 'permanent') assert.equal(result.errorCode, 'PORM_MM7_IMPROPER_IDENTIFICATION');
    assert.equal(mmsc.submission(msg.id), undefined, 'nothing recorded');
    const raw = await postMm7(mmsc.mm7Url, {
      type: 'SubmitReq', transactionId: 'tx-no-auth', senderIdentification: { vaspId: 'porm' }, recipients: { to: [{ kind: 'Number', value: '+14155550100' }] },
    }, undefined);
    assert.equal(raw.status, 401);
    assert.match(String(raw.headers.get('www-authenticate')), /^Basic /);
    const wrongUser = await postMm7(mmsc.mm7Url, {
      type: 'SubmitReq', transactionId: 'tx-bad-user', senderIdentification: { vaspId: 'porm' }, recipients: { to: [{ kind: 'Number', value: '+14155550100' }] },
    }, basicAuth('mallory', CREDENTIALS.password));
    assert.equal(wrongUser.status, 401);
    assert.equal(mmsc.submission('tx-bad-user'), undefined);
  });

  test('an unreadable SubmitReq gets an RSErrorRsp fault 2007, even when the parser quotes a control character', async () => {
    for (const body of ['<not-mm7/>', '\u0002<a/>', '<a\u0001/>']) {
      const res = await fetch(mmsc.mm7Url, { method: 'POST', body, headers: { 'content-type': 'text/xml', authorization: basicAuth(CREDENTIALS.username, CREDENTIALS.password) } });
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.equal(res.status, 500, JSON.stringify(body));
      assert.match(String(res.headers.get('content-type')), /^text\/xml/, `${JSON.stringify(body)}: a SOAP fault, not ${bytes.toString('utf8').slice(0, 200)}`);
      const fault = parseMm7Message(res.headers.get('content-type') ?? undefined, bytes).message;
      assert.equal(fault.type, 'RSErrorRsp', JSON.stringify(body));
      assert.equal('status' in fault && fault.status.code, 2007, JSON.stringify(body));
    }
  });

  describe('GET /mms/<id>: the m-retrieve-conf a handset downloads', () => {
    const text = 'Look at this — a picture';
    let msg: OutboundMessage;
    let carrierId: string;
    let bytes: Buffer;

    before(async () => {
      msg = message('+14155550106', { body: text, subject: 'Photo', media: [{ contentType: 'image/jpeg', data: JPEG, filename: 'cat.jpg' }] });
      carrierId = accepted(await carrier.submit(msg));
      const res = await fetch(`${mmsc.url}/mms/${carrierId}`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/vnd.wap.mms-message');
      bytes = Buffer.from(await res.arrayBuffer());
      assert.equal(Number(res.headers.get('content-length')), bytes.length);
    });

    test('decodes with decodePdu: headers, SMIL, the image byte-identical, the text', () => {
      const { pdu } = decodePdu(bytes);
      assert.equal(pdu.messageType, 'm-retrieve-conf');
      assert.equal(pdu.messageId, carrierId);
      assert.equal(pdu.subject, 'Photo');
      assert.deepEqual(pdu.from, { kind: 'address', address: `${msg.from}/TYPE=PLMN` });
      assert.deepEqual(pdu.to, [`${msg.to}/TYPE=PLMN`]);
      assert.equal(pdu.contentType?.mediaType, 'application/vnd.wap.multipart.related');
      assert.equal(pdu.contentType?.type, 'application/smil');
      const parts: Part[] = pdu.parts ?? [];
      const smil = parts.find((p) => p.contentType === 'application/smil');
      assert.ok(smil, 'a SMIL part');
      assert.equal(pdu.contentType?.start, smil.contentId, 'start names the SMIL part');
      assert.ok(Buffer.from(parts.find((p) => p.contentType === 'image/jpeg')!.data).equals(JPEG));
      assert.equal(Buffer.from(parts.find((p) => p.contentType === 'text/plain')!.data).toString('utf8'), text);
      assert.deepEqual(mmsc.handset(msg.id)?.retrieveConfBytes, bytes, 'the handset view is the same download');
    });

    test(`decodes with tshark${tsharkSkip ? ` (${tsharkSkip})` : ''}`, { skip: tsharkSkip }, () => {
      const frame = tsharkHttp(bytes);
      assert.ok(frame.mmse, 'tshark found an MMS PDU');
      assert.equal(frame.malformed, false);
      assert.equal(frame.mmse['mmse.message_type'], '0x84');
      assert.deepEqual(tsharkMismatches(decodePdu(bytes).pdu, frame.mmse), []);
    });

    test('an unknown id is 404', async () => {
      assert.equal((await fetch(`${mmsc.url}/mms/SBX${'0'.repeat(24)}`)).status, 404);
      assert.equal((await fetch(`${mmsc.url}/mms/../etc/passwd`)).status, 404);
    });
  });
});
