// Hostile and broken input: the decoder returns a PDU (with warnings) or throws PduError with
// a stable code — never anything else, and never work or memory beyond the input's size.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodePdu } from './decode.ts';
import { encodePdu } from './encode.ts';
import { PduError } from './pdu-error.ts';
import { b } from './testing/bytes.ts';
import { SAMPLE_PDUS } from './testing/samples.ts';

const HEAD = b`8C 80 98 "T" 00 8D 92 89 01 81 97 "+1555/TYPE=PLMN" 00`; // m-send-req headers
const codeOf = (input: Uint8Array, limits = {}): string => {
  try {
    decodePdu(input, limits);
  } catch (err) {
    assert.ok(err instanceof PduError, `not a PduError: ${String(err)}`);
    return err.code;
  }
  return 'decoded';
};
const cat = (...parts: Uint8Array[]): Buffer => Buffer.concat(parts);

describe('hostile input: typed errors', () => {
  it('every truncation of every sample PDU decodes or throws PduError', () => {
    for (const pdu of Object.values(SAMPLE_PDUS)) {
      const full = encodePdu(pdu);
      for (let n = 0; n < full.length; n++) codeOf(full.subarray(0, n));
    }
  });
  it('a PDU cut inside its multipart body is PORM_PDU_TRUNCATED', () => {
    const full = encodePdu(SAMPLE_PDUS['m-send-req']);
    assert.equal(codeOf(full.subarray(0, full.length - 1)), 'PORM_PDU_TRUNCATED');
    assert.equal(codeOf(full.subarray(0, full.length - 20)), 'PORM_PDU_TRUNCATED');
  });
  it('not an MMS PDU, or an unknown message type', () => {
    assert.equal(codeOf(b``), 'PORM_PDU_UNKNOWN_MESSAGE_TYPE');
    assert.equal(codeOf(b`"GET / HTTP/1.1"`), 'PORM_PDU_UNKNOWN_MESSAGE_TYPE');
    assert.equal(codeOf(b`8C 98 8D 92`), 'PORM_PDU_UNKNOWN_MESSAGE_TYPE');
  });
  it('a header cannot start with a control octet', () => {
    assert.equal(codeOf(cat(HEAD, b`05 01 02`)), 'PORM_PDU_MALFORMED');
  });
  it('a value length past the end of the buffer', () => {
    assert.equal(codeOf(cat(HEAD, b`96 1F 8F FF FF FF 7F 83 "x" 00`)), 'PORM_PDU_TRUNCATED');
    assert.equal(codeOf(cat(HEAD, b`96 1E 83 "x" 00`)), 'PORM_PDU_TRUNCATED');
  });
  it('a part whose DataLen runs past the buffer', () => {
    assert.equal(codeOf(cat(HEAD, b`84 A3 01 02 8F FF FF FF 7F 83 00 "abc"`)), 'PORM_PDU_TRUNCATED');
  });
  it('uintvar overflows in nEntries and in a part length', () => {
    assert.equal(codeOf(cat(HEAD, b`84 A3 FF FF FF FF FF 01`)), 'PORM_PDU_UINTVAR_OVERFLOW');
    assert.equal(codeOf(cat(HEAD, b`84 A3 01 90 80 80 80 00 01 83 "x"`)), 'PORM_PDU_UINTVAR_OVERFLOW');
  });
  it('a huge part count is refused before any allocation', () => {
    assert.equal(codeOf(cat(HEAD, b`84 A3 8F FF FF FF 7F`)), 'PORM_PDU_TOO_MANY_PARTS');
    assert.equal(codeOf(cat(HEAD, b`84 A3 87 68 01 01 83 "x"`)), 'PORM_PDU_TRUNCATED'); // 1000 parts announced, 1 present
    const three = cat(HEAD, b`84 A3 03 01 01 83 "a" 01 01 83 "b" 01 01 83 "c"`);
    assert.equal(codeOf(three), 'decoded');
    assert.equal(codeOf(three, { maxParts: 2 }), 'PORM_PDU_TOO_MANY_PARTS');
  });
  it('deeply nested multiparts stop at maxDepth', () => {
    // Each level: one entry whose data is the next level's multipart.
    let body: Buffer = b`01 01 01 83 "x"`;
    for (let level = 0; level < 12; level++) body = cat(b`01`, Buffer.from([1, body.length, 0xa3]), body);
    assert.equal(codeOf(cat(HEAD, b`84 A3`, body)), 'PORM_PDU_TOO_DEEP');
    assert.equal(codeOf(cat(HEAD, b`84 A3`, body), { maxDepth: 20 }), 'decoded');
  });
  it('parts nested within the depth limit still count against maxParts', () => {
    const inner = b`03 01 01 83 "a" 01 01 83 "b" 01 01 83 "c"`;
    const body = cat(b`02`, Buffer.from([1, inner.length, 0xa3]), inner, Buffer.from([1, inner.length, 0xa3]), inner);
    assert.equal(codeOf(cat(HEAD, b`84 A3`, body)), 'decoded');
    assert.equal(codeOf(cat(HEAD, b`84 A3`, body), { maxParts: 7 }), 'PORM_PDU_TOO_MANY_PARTS');
  });
  it('too many headers', () => {
    const many = Buffer.alloc(3000 * 2, 0);
    for (let i = 0; i < 3000; i++) many.set([0x91, 0x80], i * 2);
    assert.equal(codeOf(cat(HEAD, many)), 'PORM_PDU_TOO_MANY_HEADERS');
  });
});

describe('hostile input: tolerated, with warnings', () => {
  it('an over-long charset integer in a subject: header kept raw, PDU decoded', () => {
    const input = cat(HEAD, b`96 0A 08 FF FF FF FF FF FF FF FF 00 84 A3 00`);
    const { pdu, warnings } = decodePdu(input);
    assert.equal(pdu.subject, undefined);
    assert.equal(pdu.extraHeaders?.[0]?.kind, 'binary');
    assert.deepEqual(warnings.map((w) => w.code), ['unrecognised-value']);
  });
  it('an unknown charset MIBenum on a part is kept as mib-N', () => {
    const { pdu, warnings } = decodePdu(cat(HEAD, b`84 A3 01 06 01 05 83 81 02 0F 00 "x"`));
    assert.equal(pdu.parts?.[0]?.charset, 'mib-3840');
    assert.deepEqual(warnings.map((w) => w.code), ['unknown-charset']);
  });
  it('unknown binary and textual headers are kept in order', () => {
    const { pdu, warnings } = decodePdu(cat(HEAD, b`C5 81 "X-Foo" 00 "bar" 00 84 A3 00`));
    assert.deepEqual(pdu.extraHeaders, [{ kind: 'binary', code: 0xc5, value: b`81` }, { kind: 'text', name: 'X-Foo', value: 'bar' }]);
    assert.deepEqual(warnings.map((w) => w.code), ['unknown-header', 'unknown-header']);
  });
  it('recognised header, unrecognised value: kept raw', () => {
    const { pdu, warnings } = decodePdu(cat(HEAD, b`8F 85 84 A3 00`));
    assert.equal(pdu.priority, undefined);
    assert.deepEqual(pdu.extraHeaders, [{ kind: 'binary', code: 0x8f, value: b`85` }]);
    assert.deepEqual(warnings.map((w) => w.code), ['unrecognised-value']);
  });
  it('missing Transaction-ID and MMS-Version, /TYPE=PLNM, address without /TYPE', () => {
    const { pdu, warnings } = decodePdu(b`8C 86 8B "m" 00 97 "+1555/TYPE=PLNM" 00 97 "0123" 00 95 81`);
    assert.equal(pdu.mmsVersion, '1.0');
    assert.deepEqual(pdu.to, ['+1555/TYPE=PLNM', '0123']);
    assert.deepEqual(warnings.map((w) => w.code).sort(), ['address-type-typo', 'address-without-type', 'missing-version']);
    const notify = decodePdu(b`8C 83 8D 92 95 81`);
    assert.deepEqual(notify.warnings.map((w) => w.code), ['missing-transaction-id']);
  });
  it('a string without its NUL at the end of the PDU', () => {
    const { pdu, warnings } = decodePdu(b`8C 82 98 "T" 00 8D 90 83 "http://x/y"`);
    assert.equal(pdu.contentLocation, 'http://x/y');
    assert.deepEqual(warnings.map((w) => w.code), ['truncated-string']);
  });
  it('a multipart Content-Type with no body at all (mmsd encoder vector shape)', () => {
    const { pdu, warnings } = decodePdu(cat(HEAD, b`86 80 84 A3`));
    assert.deepEqual(pdu.parts, []);
    assert.deepEqual(warnings.map((w) => w.code), ['missing-body']);
  });
  it('Content-Transfer-Encoding base64 and quoted-printable parts are decoded', () => {
    const b64 = cat(b`83 "Content-Transfer-Encoding" 00 "base64" 00`);
    const qp = cat(b`83 "Content-Transfer-Encoding" 00 "quoted-printable" 00`);
    const body = cat(b`02`, Buffer.from([b64.length, 8]), b64, b`"SGVsbG8="`, Buffer.from([qp.length, 11]), qp, b`"H=C3=A9=\r\n!"`);
    const { pdu, warnings } = decodePdu(cat(HEAD, b`84 A3`, body));
    assert.deepEqual(pdu.parts?.map((p) => Buffer.from(p.data).toString('utf8')), ['Hello', 'Hé!']);
    assert.equal(pdu.parts?.[0]?.headers, undefined);
    assert.deepEqual(warnings.map((w) => w.code), ['transfer-encoding', 'transfer-encoding']);
  });
  it('a nested multipart that does not parse is kept as data', () => {
    const { pdu, warnings } = decodePdu(cat(HEAD, b`84 A3 01 01 03 A3 05 01 02`));
    assert.deepEqual([...(pdu.parts?.[0]?.data ?? [])], [0x05, 0x01, 0x02]);
    assert.deepEqual(warnings.map((w) => w.code), ['nested-multipart-kept-raw']);
  });
  it('a stray WSP header between a part Content-Type and its Content-ID is kept', () => {
    const { pdu } = decodePdu(cat(HEAD, b`84 A3 01 08 01 83 81 83 C0 22 "<a>" 00 "x"`));
    assert.equal(pdu.parts?.[0]?.contentId, 'a');
    assert.deepEqual(pdu.parts?.[0]?.headers, [{ kind: 'binary', code: 0x81, value: b`83` }]);
  });
});
