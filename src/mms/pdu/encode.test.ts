// Byte-exact encoder vectors, written by hand from OMA-MMS-ENC / WAP-230 (one per PDU type),
// each also decoded back to the model it came from.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodePdu } from './decode.ts';
import { encodePdu } from './encode.ts';
import { pduToJson } from './json.ts';
import type { Pdu } from './model.ts';
import { b, toHex } from './testing/bytes.ts';
import { MULTIPART_MIXED, MULTIPART_RELATED } from './well-known.ts';

const DATE = new Date('2011-05-31T08:42:30Z'); // 0x4DE4A9F6 = 1306831350
const ME = '+15551230000/TYPE=PLMN';
const YOU = '+15550001111/TYPE=PLMN';
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

const vectors: { name: string; pdu: Pdu; hex: Buffer; decoded?: Partial<Pdu> }[] = [
  {
    name: 'm-send-req with a SMIL slideshow (related, type + start, Content-ID + Content-Location)',
    pdu: {
      messageType: 'm-send-req', transactionId: 'T1', mmsVersion: '1.2', date: DATE, to: ['+15551230000'],
      subject: 'Hi', deliveryReport: true, readReport: false,
      contentType: { mediaType: MULTIPART_RELATED, type: 'application/smil', start: 'smil' },
      parts: [
        { contentType: 'application/smil', contentId: 'smil', contentLocation: 'smil.xml', data: text('<smil/>') },
        { contentType: 'text/plain', charset: 'utf-8', contentId: 't1', contentLocation: 't1.txt', data: text('Hé') },
      ],
    },
    hex: b`8C 80 98 "T1" 00 8D 92 85 04 4D E4 A9 F6 89 01 81 97 "+15551230000/TYPE=PLMN" 00
           96 "Hi" 00 86 80 90 81
           84 1B B3 89 "application/smil" 00 8A "<smil>" 00
           02
           24 07 "application/smil" 00 C0 22 "<smil>" 00 8E "smil.xml" 00 "<smil/>"
           13 03 03 83 81 EA C0 22 "<t1>" 00 8E "t1.txt" 00 48 C3 A9`,
    // From defaults to the Insert-address-token and the bare number gets /TYPE=PLMN.
    decoded: { from: { kind: 'insert' }, to: ['+15551230000/TYPE=PLMN'] },
  },
  {
    name: 'm-send-conf',
    pdu: { messageType: 'm-send-conf', transactionId: 'T1', mmsVersion: '1.2', responseStatus: 0x80, messageId: 'msg-1' },
    hex: b`8C 81 98 "T1" 00 8D 92 8B "msg-1" 00 92 80`,
  },
  {
    name: 'm-notification-ind with a UTF-8 subject and relative expiry',
    pdu: {
      messageType: 'm-notification-ind', transactionId: 'N1', mmsVersion: '1.2', from: { kind: 'address', address: YOU },
      subject: 'Héllo', messageClass: 'personal', messageSize: 16384, expiry: { kind: 'relative', seconds: 259200 },
      contentLocation: 'http://mmsc.example/m/1',
    },
    hex: b`8C 82 98 "N1" 00 8D 92 89 18 80 "+15550001111/TYPE=PLMN" 00 96 08 EA 48 C3 A9 "llo" 00
           8A 80 8E 02 40 00 88 05 81 03 03 F4 80 83 "http://mmsc.example/m/1" 00`,
  },
  {
    name: 'm-notifyresp-ind',
    pdu: { messageType: 'm-notifyresp-ind', transactionId: 'N1', mmsVersion: '1.2', status: 'retrieved', reportAllowed: true },
    hex: b`8C 83 98 "N1" 00 8D 92 91 80 95 81`,
  },
  {
    name: 'm-retrieve-conf without Transaction-ID, forwarded, multipart.mixed',
    pdu: {
      messageType: 'm-retrieve-conf', mmsVersion: '1.3', messageId: 'abc', date: DATE,
      from: { kind: 'address', address: ME }, to: [YOU], subject: 'Sub', priority: 'high', retrieveStatus: 0x80,
      previouslySentBy: [{ count: 1, value: '+46722222222/TYPE=PLMN' }], previouslySentDate: [{ count: 1, value: DATE }],
      contentType: { mediaType: MULTIPART_MIXED },
      parts: [{ contentType: 'image/jpeg', contentId: 'i', data: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]) }],
    },
    hex: b`8C 84 8D 93 8B "abc" 00 85 04 4D E4 A9 F6 89 18 80 "+15551230000/TYPE=PLMN" 00
           97 "+15550001111/TYPE=PLMN" 00 96 "Sub" 00 8F 82 99 80
           A0 18 81 "+46722222222/TYPE=PLMN" 00 A1 06 81 04 4D E4 A9 F6
           84 A3 01 07 04 9E C0 22 "<i>" 00 FF D8 FF D9`,
  },
  {
    name: 'm-acknowledge-ind',
    pdu: { messageType: 'm-acknowledge-ind', transactionId: 'N1', mmsVersion: '1.2', reportAllowed: false },
    hex: b`8C 85 98 "N1" 00 8D 92 91 81`,
  },
  {
    name: 'm-delivery-ind',
    pdu: { messageType: 'm-delivery-ind', mmsVersion: '1.2', messageId: 'abc', date: DATE, to: [YOU], status: 'retrieved' },
    hex: b`8C 86 8D 92 8B "abc" 00 85 04 4D E4 A9 F6 97 "+15550001111/TYPE=PLMN" 00 95 81`,
  },
  {
    name: 'm-read-rec-ind',
    pdu: {
      messageType: 'm-read-rec-ind', mmsVersion: '1.2', messageId: 'abc', date: DATE,
      from: { kind: 'address', address: ME }, to: [YOU], readStatus: 'read',
    },
    hex: b`8C 87 8D 92 8B "abc" 00 85 04 4D E4 A9 F6 89 18 80 "+15551230000/TYPE=PLMN" 00
           97 "+15550001111/TYPE=PLMN" 00 9B 80`,
  },
  {
    name: 'm-read-orig-ind',
    pdu: {
      messageType: 'm-read-orig-ind', mmsVersion: '1.2', messageId: 'abc', date: DATE,
      from: { kind: 'address', address: ME }, to: [YOU], readStatus: 'deleted-without-being-read',
    },
    hex: b`8C 88 8D 92 8B "abc" 00 85 04 4D E4 A9 F6 89 18 80 "+15551230000/TYPE=PLMN" 00
           97 "+15550001111/TYPE=PLMN" 00 9B 81`,
  },
  {
    name: 'm-forward-req to an e-mail address',
    pdu: {
      messageType: 'm-forward-req', transactionId: 'F1', mmsVersion: '1.2', from: { kind: 'insert' },
      to: ['a@example.com'], contentLocation: 'http://mmsc/x',
    },
    hex: b`8C 89 98 "F1" 00 8D 92 89 01 81 97 "a@example.com" 00 83 "http://mmsc/x" 00`,
  },
  {
    name: 'm-mbox-view-req with attributes, start and limit',
    pdu: { messageType: 'm-mbox-view-req', transactionId: 'V1', mmsVersion: '1.2', attributes: [0x96, 0x85], start: 0, limit: 10 },
    hex: b`8C 8D 98 "V1" 00 8D 92 A8 96 A8 85 AF 80 B3 8A`,
  },
  {
    name: 'm-cancel-req (MMS 1.3)',
    pdu: { messageType: 'm-cancel-req', transactionId: 'C1', mmsVersion: '1.3', cancelId: 'abc' },
    hex: b`8C 96 98 "C1" 00 8D 93 BE "abc" 00`,
  },
];

describe('encodePdu: byte-exact vectors', () => {
  for (const v of vectors) {
    it(v.name, () => {
      const out = encodePdu(v.pdu);
      assert.equal(toHex(out), toHex(v.hex));
      const { pdu, warnings } = decodePdu(out);
      assert.deepEqual(warnings, []);
      assert.deepEqual(pduToJson(pdu), pduToJson({ ...v.pdu, ...v.decoded }));
    });
  }
});

describe('encodePdu: strictness', () => {
  const base: Pdu = { messageType: 'm-notifyresp-ind', transactionId: 'N1', mmsVersion: '1.2', status: 'retrieved' };
  const code = (fn: () => unknown): string => {
    try {
      fn();
    } catch (err) {
      return (err as { code?: string }).code ?? 'no code';
    }
    return 'no error';
  };

  it('refuses a PDU without a mandatory header', () => {
    assert.equal(code(() => encodePdu({ ...base, transactionId: undefined })), 'PORM_PDU_MISSING_HEADER');
    assert.equal(code(() => encodePdu({ messageType: 'm-send-req', transactionId: 'x', mmsVersion: '1.2', contentType: { mediaType: MULTIPART_MIXED } })), 'PORM_PDU_MISSING_HEADER');
  });
  it('refuses a body on a PDU type without one', () => {
    assert.equal(code(() => encodePdu({ ...base, contentType: { mediaType: 'text/plain' }, body: text('x') })), 'PORM_PDU_INVALID_VALUE');
  });
  it('refuses control characters, bad versions, bad enumerations and bad addresses', () => {
    assert.equal(code(() => encodePdu({ ...base, transactionId: 'a\0b' })), 'PORM_PDU_INVALID_VALUE');
    assert.equal(code(() => encodePdu({ ...base, mmsVersion: '2.0' })), 'PORM_PDU_INVALID_VALUE');
    assert.equal(code(() => encodePdu({ ...base, status: 'gone' as Pdu['status'] })), 'PORM_PDU_INVALID_VALUE');
    const send: Pdu = { messageType: 'm-send-req', transactionId: 'x', mmsVersion: '1.2', to: ['not a number'], contentType: { mediaType: MULTIPART_MIXED } };
    assert.equal(code(() => encodePdu(send)), 'PORM_PDU_INVALID_ADDRESS');
  });
  it('writes nEntries 0 for a multipart message without parts (never a bare Content-Type)', () => {
    const out = encodePdu({ messageType: 'm-send-req', transactionId: 'x', mmsVersion: '1.2', to: ['123'], contentType: { mediaType: MULTIPART_MIXED } });
    assert.equal(toHex(out.subarray(-3)), '84 A3 00');
  });
  it('uses the long Value-length form above 30 octets', () => {
    const subject = 'é'.repeat(20); // charset 1 + quote 1 + 40 octets of UTF-8 + NUL 1 = 43
    const out = encodePdu({ messageType: 'm-notification-ind', transactionId: 'N1', mmsVersion: '1.2', messageClass: 'auto', messageSize: 1, expiry: { kind: 'absolute', date: DATE }, contentLocation: 'u', subject });
    assert.ok(toHex(out).includes('96 1F 2B EA 7F C3 A9'), toHex(out));
    assert.equal(decodePdu(out).pdu.subject, subject);
  });
});
