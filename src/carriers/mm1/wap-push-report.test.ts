// decodeWapPushMmsReport on WAP Push payloads built three ways: by ../shared/tools recipes run
// here (wsp_wrap.py, smpp_wap_push.py, sms_wap_push_tpdus.py; skipped, saying so, without them
// or /usr/bin/python3), and from bytes written by hand from WAP-230 / OMA-MMS-ENC.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { encodePdu } from '../../mms/pdu/index.ts';
import { b } from '../../mms/pdu/testing/bytes.ts';
import { SHARED_TOOLS } from '../../mms/pdu/testing/fixtures.ts';
import { decodeWapPushMmsReport, WapPushError } from './wap-push-report.ts';

const PYTHON = '/usr/bin/python3';
const toolsSkip = !existsSync(join(SHARED_TOOLS, 'wsp_wrap.py')) ? 'skipped: ../shared/tools not found' : !existsSync(PYTHON) ? 'skipped: /usr/bin/python3 not installed' : false;

// m-delivery-ind, Message-ID "mid-77", To, Date 2011-05-31T08:42:30Z, X-Mms-Status Retrieved.
const DELIVERY_IND = b`8C 86 8D 92 8B "mid-77" 00 97 "+15550001111/TYPE=PLMN" 00 85 04 4D E4 A9 F6 95 81`;
// m-read-orig-ind: Read-Status Deleted-without-being-read.
const READ_ORIG_IND = b`8C 88 8D 92 8B "mid-78" 00 97 "+15550001111/TYPE=PLMN" 00 89 01 81 85 04 4D E4 A9 F6 9B 81`;
const WSP = (pdu: Uint8Array): Buffer => Buffer.concat([b`01 06 03 BE AF 84`, pdu]);
const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof WapPushError, String(err));
    return err.code;
  }
  return 'decoded';
};

describe('decodeWapPushMmsReport: bytes written by hand', () => {
  it('an m-delivery-ind (Retrieved) is a delivered report for the Message-ID, at its Date', () => {
    const r = decodeWapPushMmsReport(WSP(DELIVERY_IND), 'simcard');
    assert.deepEqual(r, {
      kind: 'delivery', recipient: '+15550001111/TYPE=PLMN', status: 'retrieved',
      report: { carrier: 'simcard', carrierMessageId: 'mid-77', outcome: 'delivered', carrierStatus: 'retrieved', at: Date.parse('2011-05-31T08:42:30Z') },
    });
  });
  it('Rejected, Expired, Unreachable are undelivered; Deferred and Forwarded are interim', () => {
    const withStatus = (s: number): Buffer => WSP(Buffer.concat([DELIVERY_IND.subarray(0, -1), Buffer.from([s])]));
    for (const s of [0x80, 0x82, 0x84, 0x87]) {
      const r = decodeWapPushMmsReport(withStatus(s), 'simcard');
      assert.equal(r.kind === 'delivery' && r.report.outcome, 'undelivered', `0x${s.toString(16)}`);
    }
    for (const s of [0x83, 0x85, 0x86]) assert.equal(decodeWapPushMmsReport(withStatus(s), 'simcard').kind, 'delivery-interim');
  });
  it('an m-read-orig-ind is a read report', () => {
    const r = decodeWapPushMmsReport(WSP(READ_ORIG_IND), 'simcard');
    assert.deepEqual(r.kind === 'read' && r.report, { carrier: 'simcard', carrierMessageId: 'mid-78', outcome: 'deleted-unread', at: Date.parse('2011-05-31T08:42:30Z') });
  });
  it('the content type as text, a Confirmed Push, and no date (then: now)', () => {
    const text = Buffer.concat([b`07 07 22 "application/vnd.wap.mms-message" 00 AF 84`, DELIVERY_IND.subarray(0, 36), b`95 81`]);
    const noDate = b`8C 86 8D 92 8B "m" 00 95 81`;
    assert.equal(decodeWapPushMmsReport(text, 'c').kind, 'delivery');
    const r = decodeWapPushMmsReport(WSP(noDate), 'c', 1234_000);
    assert.equal(r.kind === 'delivery' && r.report.at, 1234_000);
  });
  it('an m-notification-ind (a message for the SIM) is `other`', () => {
    const ni = encodePdu({ messageType: 'm-notification-ind', transactionId: 'N1', mmsVersion: '1.2', messageClass: 'personal', messageSize: 100, expiry: { kind: 'relative', seconds: 60 }, contentLocation: 'http://mmsc/x' });
    const r = decodeWapPushMmsReport(WSP(ni), 'c');
    assert.equal(r.kind === 'other' && r.messageType, 'm-notification-ind');
  });
  it('not a push, another content type, cut short, no Message-ID, no status: typed errors', () => {
    assert.equal(code(() => decodeWapPushMmsReport(b`01 04 03 BE AF 84`, 'c')), 'PORM_MM1_PUSH_MALFORMED');
    assert.equal(code(() => decodeWapPushMmsReport(b`01 06 01 AE "<si/>"`, 'c')), 'PORM_MM1_PUSH_NOT_MMS'); // application/vnd.wap.sic: a Service Indication
    assert.equal(code(() => decodeWapPushMmsReport(b`01 06 09 BE`, 'c')), 'PORM_MM1_PUSH_MALFORMED');
    assert.equal(code(() => decodeWapPushMmsReport(b`01`, 'c')), 'PORM_MM1_PUSH_MALFORMED');
    assert.equal(code(() => decodeWapPushMmsReport(WSP(DELIVERY_IND.subarray(0, 12)), 'c')), 'PORM_MM1_PUSH_MALFORMED');
    assert.equal(code(() => decodeWapPushMmsReport(WSP(b`8C 86 8D 92 95 81`), 'c')), 'PORM_MM1_PUSH_MALFORMED');
    assert.equal(code(() => decodeWapPushMmsReport(WSP(b`8C 86 8D 92 8B "m" 00`), 'c')), 'PORM_MM1_PUSH_MALFORMED');
    assert.equal(code(() => decodeWapPushMmsReport(WSP(b`8C 86 8D 92 8B "m" 00 05`), 'c')), 'PORM_MM1_PUSH_MALFORMED');
  });
});

describe(`decodeWapPushMmsReport: payloads built by ../shared/tools${toolsSkip ? ` (${toolsSkip})` : ''}`, { skip: toolsSkip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'porm-wap-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const tool = (name: string, ...args: string[]): string => {
    const run = spawnSync(PYTHON, [join(SHARED_TOOLS, name), ...args], { maxBuffer: 1 << 24 });
    assert.equal(run.status, 0, run.stderr.toString());
    return run.stdout.toString('latin1');
  };
  const file = (name: string, data: Uint8Array): string => {
    const path = join(dir, name);
    writeFileSync(path, data);
    return path;
  };

  it('wsp_wrap.py: the WSP Push around an m-delivery-ind and an m-read-orig-ind', () => {
    const wrapped = Buffer.from(tool('wsp_wrap.py', file('dr.mms', DELIVERY_IND)), 'latin1');
    assert.equal(decodeWapPushMmsReport(wrapped, 'simcard').kind, 'delivery');
    const read = Buffer.from(tool('wsp_wrap.py', file('rr.mms', READ_ORIG_IND)), 'latin1');
    assert.equal(decodeWapPushMmsReport(read, 'simcard').kind, 'read');
  });

  it('smpp_wap_push.py: the short_message of a submit_sm, after its port-addressing UDH', () => {
    const pdu = Buffer.from(tool('smpp_wap_push.py', `hex:${DELIVERY_IND.toString('hex')}`).trim(), 'hex');
    const smLength = 7 + 6 + DELIVERY_IND.length;
    assert.equal(pdu[pdu.length - smLength - 1], smLength, 'sm_length');
    const sm = pdu.subarray(pdu.length - smLength);
    assert.deepEqual(sm.subarray(0, 7), b`06 05 04 0B 84 23 F0`);
    const r = decodeWapPushMmsReport(sm.subarray(7), 'simcard');
    assert.equal(r.kind === 'delivery' && r.report.carrierMessageId, 'mid-77');
  });

  it('sms_wap_push_tpdus.py: a report long enough for two SMS-DELIVER segments, joined as the SMS connector will', () => {
    const long = encodePdu({ messageType: 'm-delivery-ind', mmsVersion: '1.2', messageId: `mid-${'x'.repeat(150)}`, to: ['+15550001111/TYPE=PLMN'], date: new Date('2011-05-31T08:42:30Z'), status: 'retrieved' });
    const tpdus = tool('sms_wap_push_tpdus.py', file('long.mms', long)).trim().split('\n').map((h) => Buffer.from(h.trim(), 'hex'));
    assert.ok(tpdus.length >= 2, `${tpdus.length} segment(s)`);
    const segments = tpdus.map(userDataOf).sort((x, y) => x.seq - y.seq);
    const r = decodeWapPushMmsReport(Buffer.concat(segments.map((s) => s.data)), 'simcard');
    assert.equal(r.kind === 'delivery' && r.report.carrierMessageId, `mid-${'x'.repeat(150)}`);
  });
});

/** GSM 03.40 SMS-DELIVER (8-bit, UDHI): the user data after its UDH, and the concatenation sequence number. */
function userDataOf(tpdu: Buffer): { seq: number; data: Buffer } {
  let i = 1;
  const oaDigits = tpdu[i]!;
  i += 2 + Math.ceil(oaDigits / 2); // length, type of address, semi-octets
  i += 2 + 7; // PID, DCS, SCTS
  const udl = tpdu[i]!;
  const ud = tpdu.subarray(i + 1, i + 1 + udl);
  const udhl = ud[0]!;
  const udh = ud.subarray(1, 1 + udhl);
  let seq = 1;
  for (let j = 0; j < udh.length; j += 2 + udh[j + 1]!) {
    if (udh[j] === 0x08) seq = udh[j + 5]!;
    if (udh[j] === 0x00) seq = udh[j + 4]!;
  }
  return { seq, data: ud.subarray(1 + udhl) };
}
