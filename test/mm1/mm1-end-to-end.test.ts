import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, eventually, request, startHarness, tempDir, type Harness } from '../helpers/harness.ts';
import { SandboxMm1Mmsc } from '../../src/carriers/mm1/sandbox-mm1-mmsc.ts';
import { reportsViaSandboxSmsc } from '../../src/carriers/mm1/sandbox-mm1-via-smsc.ts';
import { SandboxSmsc } from '../../src/carriers/sandbox-smsc/sandbox-smsc.ts';
import { wapPushDeliverSms } from '../../src/carriers/sandbox-smsc/wap-push-pdus.ts';
import { SHARED_TOOLS } from '../../src/mms/pdu/testing/fixtures.ts';
import type { PduOf } from '../../src/sms/pdu/index.ts';

// porm with two `mm1` carriers (two SIMs, two accounts) submitting to the sandbox MM1 MMSC over
// HTTP on loopback, and an `smpp` carrier bound to the sandbox SMSC that the MMSC's reports come
// through as WAP Push MO SMS (port 2948): the whole MM1 loop, then hostile pushes, and pushes
// whose UDH and WSP bytes ../shared/tools recipes wrote (skipped, saying so, without them).

const SIM_A = '+14155550170';
const SIM_B = '+14155550171';
const SMSC_LOGIN = { systemId: 'porm', password: 'sim-pw1' };
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const PYTHON = '/usr/bin/python3';
const toolsSkip = !existsSync(join(SHARED_TOOLS, 'smpp_wap_push.py')) ? 'skipped: ../shared/tools not found' : !existsSync(PYTHON) ? 'skipped: /usr/bin/python3 not installed' : false;

/** An m-delivery-ind written from OMA-MMS-ENC §6.9 by hand: Message-ID, To, Date, X-Mms-Status. */
function deliveryInd(messageId: string, status: 'retrieved' | 'rejected' | 'expired', to = '+14155550150/TYPE=PLMN'): Buffer {
  const code = { retrieved: 0x81, rejected: 0x82, expired: 0x80 }[status];
  return Buffer.concat([
    Buffer.from([0x8c, 0x86, 0x8d, 0x92, 0x8b]), Buffer.from(`${messageId}\0`, 'latin1'),
    Buffer.from([0x97]), Buffer.from(`${to}\0`, 'latin1'),
    Buffer.from([0x85, 0x04, 0x4d, 0xe4, 0xa9, 0xf6, 0x95, code]),
  ]);
}
/** An m-read-orig-ind (OMA-MMS-ENC §6.7.2): Read-Status Read. */
function readOrigInd(messageId: string): Buffer {
  return Buffer.concat([
    Buffer.from([0x8c, 0x88, 0x8d, 0x92, 0x8b]), Buffer.from(`${messageId}\0`, 'latin1'),
    Buffer.from([0x97]), Buffer.from(`${SIM_A}/TYPE=PLMN\0`, 'latin1'),
    Buffer.from([0x89, 0x01, 0x81, 0x85, 0x04, 0x4d, 0xe4, 0xa9, 0xf6, 0x9b, 0x80]),
  ]);
}
/** WSP Push: TID 1, Push, headers length 3, application/vnd.wap.mms-message, X-Wap-Application-Id mms.ua. */
const wsp = (pdu: Buffer): Buffer => Buffer.concat([Buffer.from([0x01, 0x06, 0x03, 0xbe, 0xaf, 0x84]), pdu]);

/** A deliver_sm holding given user data (UDH included), 8-bit, UDHI. */
function deliverSm(from: string, to: string, shortMessage: Buffer): Omit<PduOf<'deliver_sm'>, 'sequenceNumber'> {
  const addr = (n: string): { ton: number; npi: number; address: string } => ({ ton: 1, npi: 1, address: n.replace(/^\+/, '') });
  return {
    command: 'deliver_sm', commandStatus: 0,
    body: {
      serviceType: '', source: addr(from), destination: addr(to), esmClass: 0x40, protocolId: 0, priorityFlag: 0, scheduleDeliveryTime: '', validityPeriod: '',
      registeredDelivery: 0, replaceIfPresentFlag: 0, dataCoding: 0x04, smDefaultMsgId: 0, shortMessage, tlvs: [],
    },
  };
}

describe('mm1 carriers against the sandbox MM1 MMSC, reports through the sandbox SMSC', () => {
  let h: Harness;
  let smsc: SandboxSmsc;
  let mmsc: SandboxMm1Mmsc;
  let keyB = '';
  const dataDir = tempDir();

  before(async () => {
    smsc = await SandboxSmsc.start({ credentials: SMSC_LOGIN });
    mmsc = new SandboxMm1Mmsc({ msisdn: SIM_A, reportDelayMs: 50, retryMs: 200, reports: reportsViaSandboxSmsc(smsc) });
    const mmscUrl = await mmsc.start();
    const configFile = join(dataDir, 'porm.json');
    writeFileSync(configFile, JSON.stringify({
      carriers: {
        sms: { type: 'smpp', host: '127.0.0.1', port: smsc.port, ...SMSC_LOGIN, reconnect: { initialMs: 50, maxMs: 500 } },
        // SIM A's From is the Insert-address-token: the MMSC knows the SIM (its --msisdn). SIM B names itself.
        'sim-a': { type: 'mm1', mmscUrl, msisdn: SIM_A, reportsVia: 'sms', timeoutMs: 5000 },
        'sim-b': { type: 'mm1', mmscUrl, msisdn: SIM_B, from: 'msisdn', reportsVia: 'sms', timeoutMs: 5000 },
      },
      routes: [{ from: SIM_A, carriers: ['sim-a'] }, { from: SIM_B, carriers: ['sim-b'] }, { from: '*', carriers: ['sms'] }],
    }));
    h = await startHarness({ PORM_CONFIG: configFile }, dataDir);
    const other = await h.porm.services.accounts.create('other');
    keyB = other.apiKey.key;
    const a = await h.api('POST', '/v1/numbers', { number: SIM_A });
    assert.equal(a.status, 201, a.text);
    const b = await request(h.url, 'POST', '/v1/numbers', { number: SIM_B }, { authorization: `Bearer ${keyB}` });
    assert.equal(b.status, 201, b.text);
    await eventually(async () => (smsc.binds().length > 0 ? true : undefined), 20_000, 'porm bound to the sandbox SMSC');
  });
  after(async () => {
    await h?.stop();
    await mmsc?.close();
    await smsc?.close();
    cleanup(dataDir);
  });

  async function sendMms(from: string, to: string, key = h.key): Promise<string> {
    const auth = { authorization: `Bearer ${key}` };
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'dot.png');
    const up = await request(h.url, 'POST', '/v1/media', form, auth);
    assert.equal(up.status, 201, up.text);
    const sent = await request(h.url, 'POST', '/v1/messages', { from, to, body: 'Hello over MM1', subject: 'MM1 test', media: [{ id: String(up.body.id) }] }, auth);
    assert.equal(sent.status, 201, sent.text);
    return String(sent.body.id);
  }
  async function message(id: string, key = h.key): Promise<Record<string, unknown>> {
    const res = await request(h.url, 'GET', `/v1/messages/${id}`, undefined, { authorization: `Bearer ${key}` });
    assert.equal(res.status, 200, res.text);
    return res.body;
  }
  const eventTypes = async (id: string, key = h.key): Promise<string[]> => ((await message(id, key)).events as Array<{ type: string }>).map((e) => e.type);
  const pending = async (): Promise<number> => (await h.porm.services.store.db.selectFrom('pending_reports').select('id').execute()).length;
  const inboundCount = async (): Promise<number> => (await h.porm.services.store.db.selectFrom('inbound_messages').select('id').execute()).length;
  const waitFor = async (id: string, status: string, key = h.key): Promise<Record<string, unknown>> =>
    eventually(async () => {
      const m = await message(id, key);
      return m.status === status ? m : undefined;
    }, 20_000, `${id} ${status}`);
  const sentWithNoReport = async (from = SIM_A, key = h.key): Promise<{ id: string; carrierMessageId: string }> => {
    const id = await sendMms(from, '+15005550004', key);
    const sent = await waitFor(id, 'sent', key);
    return { id, carrierMessageId: String(sent.carrier_message_id) };
  };

  test('an MMS goes out as m-send-req; the MMSC\'s Message-ID is the carrier id and its WAP Push report delivers it', async () => {
    const id = await sendMms(SIM_A, '+14155550150');
    const delivered = await waitFor(id, 'delivered');
    assert.equal(delivered.carrier, 'sim-a');
    assert.match(String(delivered.carrier_message_id), /^mm1-sbx-\d+$/);
    assert.ok(mmsc.reportAttempts.some((r) => r.ok && r.messageId === delivered.carrier_message_id && r.to === SIM_A));
    assert.equal(await inboundCount(), 0, 'a WAP Push is never an inbound text');
    // The same report again (an SMSC resending): recorded, nothing changes.
    const again = await smsc.injectWapPush({ from: '+15005550000', to: SIM_A, payload: wsp(deliveryInd(String(delivered.carrier_message_id), 'rejected')) });
    assert.deepEqual(again.parts.map((p) => p.status), [0]);
    await eventually(async () => ((await eventTypes(id)).includes('late_report') ? true : undefined), 10_000, 'late_report');
    assert.equal((await message(id)).status, 'delivered');
  });

  test('a report Rejected by the handset (test number +15005550003) makes it undelivered', async () => {
    const id = await sendMms(SIM_A, '+15005550003');
    const undelivered = await waitFor(id, 'undelivered');
    assert.equal(undelivered.error_code, 'PORM_UNDELIVERED');
  });

  test('the refused test number fails the message; the no-report number stays sent', async () => {
    const refused = await sendMms(SIM_A, '+15005550001');
    const failed = await waitFor(refused, 'failed');
    assert.equal(failed.error_code, 'PORM_MM1_REJECTED');
    const { id } = await sentWithNoReport();
    assert.equal((await message(id)).status, 'sent');
  });

  test('a report in three or more out-of-order parts with a 16-bit reference, then a read report on the timeline', async () => {
    const { id, carrierMessageId } = await sentWithNoReport();
    const parts = wapPushDeliverSms({ from: '+15005550000', to: SIM_A, payload: wsp(deliveryInd(carrierMessageId, 'expired')), maxUserData: 30, referenceBits: 16 });
    assert.ok(parts.length >= 3, `${parts.length} parts`);
    // The last part first, then the others, one of them twice (a network retrying).
    const result = await smsc.injectDeliverSms([parts.at(-1)!, ...parts.slice(0, -1), parts[0]!]);
    assert.ok(result.parts.every((p) => p.status === 0), JSON.stringify(result.parts));
    await waitFor(id, 'undelivered');
    await smsc.injectWapPush({ from: '+15005550000', to: SIM_A, payload: wsp(readOrigInd(carrierMessageId)) });
    await eventually(async () => ((await eventTypes(id)).includes('read_report') ? true : undefined), 10_000, 'read_report');
    assert.equal((await message(id)).status, 'undelivered');
    assert.equal(await inboundCount(), 0);
  });

  test('hostile: a truncated PDU, an unknown Message-ID, a report sent to SIM A for account B\'s message', async () => {
    const b = await sentWithNoReport(SIM_B, keyB);
    const a = await sentWithNoReport(SIM_A);
    const before = await pending();
    // Cut off inside X-Mms-Status: taken (resending cannot mend it), logged, nothing applied, no inbound text.
    const cut = wsp(deliveryInd(a.carrierMessageId, 'retrieved')).subarray(0, 20);
    assert.deepEqual((await smsc.injectWapPush({ from: '+15005550000', to: SIM_A, payload: cut })).parts.map((p) => p.status), [0]);
    // Headers length past the end of the push.
    assert.deepEqual((await smsc.injectWapPush({ from: '+15005550000', to: SIM_A, payload: Buffer.from([0x01, 0x06, 0x7f, 0xbe]) })).parts.map((p) => p.status), [0]);
    // An id no message has: kept aside as any early report is, applied to nothing.
    await smsc.injectWapPush({ from: '+15005550000', to: SIM_A, payload: wsp(deliveryInd('mm1-sbx-unknown', 'retrieved')) });
    // B's Message-ID, pushed to A's SIM: matched only among sim-a's messages, so B's stays sent.
    await smsc.injectWapPush({ from: '+15005550000', to: SIM_A, payload: wsp(deliveryInd(b.carrierMessageId, 'retrieved')) });
    await eventually(async () => ((await pending()) === before + 2 ? true : undefined), 10_000, 'two reports parked');
    assert.equal((await message(b.id, keyB)).status, 'sent');
    assert.equal((await message(a.id)).status, 'sent');
    // A push for a number no mm1 carrier serves is dropped, not an inbound text either.
    await smsc.injectWapPush({ from: '+15005550000', to: '+14155550199', payload: wsp(deliveryInd(a.carrierMessageId, 'retrieved')) });
    assert.equal(await inboundCount(), 0);
    assert.equal((await message(a.id)).status, 'sent');
    // The same report to B's own SIM is B's.
    await smsc.injectWapPush({ from: '+15005550000', to: SIM_B, payload: wsp(deliveryInd(b.carrierMessageId, 'retrieved')) });
    await waitFor(b.id, 'delivered', keyB);
    assert.equal((await message(a.id)).status, 'sent');
  });

  describe(`pushes whose SMS bytes ../shared/tools wrote${toolsSkip ? ` (${toolsSkip})` : ''}`, { skip: toolsSkip }, () => {
    const tool = (name: string, ...args: string[]): string => {
      const run = spawnSync(PYTHON, [join(SHARED_TOOLS, name), ...args], { maxBuffer: 1 << 24 });
      assert.equal(run.status, 0, run.stderr.toString());
      return run.stdout.toString('latin1');
    };

    test('smpp_wap_push.py: its short_message (UDH 2948 <- 9200, WSP Push) as a deliver_sm delivers the message', async () => {
      const { id, carrierMessageId } = await sentWithNoReport();
      const ind = deliveryInd(carrierMessageId, 'retrieved');
      const submit = Buffer.from(tool('smpp_wap_push.py', `hex:${ind.toString('hex')}`).trim(), 'hex');
      const smLength = submit[submit.length - (7 + 6 + ind.length) - 1]!;
      const sm = submit.subarray(submit.length - smLength);
      await smsc.injectDeliverSms([deliverSm('+15005550000', SIM_A, sm)]);
      await waitFor(id, 'delivered');
    });

    test('sms_wap_push_tpdus.py: two SMS-DELIVER user data (IEI 08 16-bit reference, then ports), sent last part first', async () => {
      const { id, carrierMessageId } = await sentWithNoReport();
      // A long To (an e-mail recipient) makes the report need two SMS.
      const ind = deliveryInd(carrierMessageId, 'retrieved', `reports-${'x'.repeat(140)}@mms.example`);
      const tpdus = tool('sms_wap_push_tpdus.py', `hex:${ind.toString('hex')}`, SIM_A.slice(1), '0x9f8e').trim().split('\n').map((line) => Buffer.from(line.trim(), 'hex'));
      assert.equal(tpdus.length, 2);
      const uds = tpdus.map(userDataOf);
      await smsc.injectDeliverSms(uds.reverse().map((ud) => deliverSm('+15005550000', SIM_A, ud)));
      await waitFor(id, 'delivered');
    });
  });
});

/** GSM 03.40 SMS-DELIVER: TP-UD (UDH included). */
function userDataOf(tpdu: Buffer): Buffer {
  let i = 1;
  const oaDigits = tpdu[i]!;
  i += 2 + Math.ceil(oaDigits / 2);
  i += 2 + 7;
  const udl = tpdu[i]!;
  return tpdu.subarray(i + 1, i + 1 + udl);
}
