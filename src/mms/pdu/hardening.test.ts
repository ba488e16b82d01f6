// The seven decoder/encoder gaps found by running real operator PDUs through porm (issue 12),
// each pinned with the bytes that showed it. Every decoded PDU here must also re-encode
// (relay mode) to octets that decode to the same model.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodePdu } from './decode.ts';
import { encodePdu } from './encode.ts';
import { pduToJson } from './json.ts';
import { PduError } from './pdu-error.ts';
import { b } from './testing/bytes.ts';

const HEAD = b`8C 80 98 "T" 00 8D 92 89 01 81 97 "+1555/TYPE=PLMN" 00`; // m-send-req headers
const cat = (...parts: Uint8Array[]): Buffer => Buffer.concat(parts);
const codes = (input: Uint8Array): string[] => decodePdu(input).warnings.map((w) => w.code);

/** decode -> encode (relay) -> decode gives the same model; returns the re-encoded octets. */
function stable(input: Uint8Array): Buffer {
  const first = decodePdu(input).pdu;
  const again = encodePdu(first, { relay: true });
  assert.deepEqual(pduToJson(decodePdu(again).pdu), pduToJson(first));
  return again;
}

function thrown(fn: () => unknown): PduError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof PduError, String(err));
    return err;
  }
  assert.fail('expected a PduError');
}

describe('1. a stray NUL after the last header', () => {
  const nokia = b`8C 82 98 "N1" 00 8D 92 8A 80 8E 02 10 00 88 05 81 03 03 F4 7F 83 "http://mmsc/x1" 00 00`;
  it('the Nokia notification decodes, with a trailing-bytes warning at the NUL', () => {
    const { pdu, warnings } = decodePdu(nokia);
    assert.equal(pdu.messageType, 'm-notification-ind');
    assert.equal(pdu.transactionId, 'N1');
    assert.equal(pdu.messageClass, 'personal');
    assert.equal(pdu.messageSize, 0x1000);
    assert.deepEqual(pdu.expiry, { kind: 'relative', seconds: 0x03f47f });
    assert.equal(pdu.contentLocation, 'http://mmsc/x1');
    assert.deepEqual(warnings.map((w) => [w.code, w.offset]), [['trailing-bytes', nokia.length - 1]]);
    // Re-encoded, it is exactly the PDU without the stray octet.
    assert.deepEqual(encodePdu(pdu), nokia.subarray(0, -1));
  });
  it('several NULs too; a NUL followed by anything else is still malformed', () => {
    assert.deepEqual(codes(cat(nokia, b`00 00`)), ['trailing-bytes']);
    assert.equal(thrown(() => decodePdu(cat(nokia, b`95 81`))).code, 'PORM_PDU_MALFORMED');
  });
});

describe('5. offsets inside nested multiparts are PDU offsets', () => {
  // body: one part (application/vnd.wap.multipart.mixed) whose data is a multipart, and so on.
  const nest = (levels: number, leaf: Buffer): { pdu: Buffer; starts: number[] } => {
    let body = leaf;
    for (let i = 0; i < levels; i++) body = cat(b`01`, Buffer.from([1, body.length, 0xa3]), body);
    const pdu = cat(HEAD, b`84 A3`, body);
    // Each level's multipart starts 4 octets (nEntries, HeadersLen, DataLen, A3) after the previous one.
    const starts = Array.from({ length: levels + 1 }, (_, i) => HEAD.length + 2 + 4 * i);
    return { pdu, starts };
  };
  it('PORM_PDU_TOO_DEEP names the octet where the too-deep multipart starts, not byte 0', () => {
    const { pdu, starts } = nest(3, b`01 01 01 83 "x"`);
    const err = thrown(() => decodePdu(pdu, { maxDepth: 2 }));
    assert.equal(err.code, 'PORM_PDU_TOO_DEEP');
    assert.equal(err.offset, starts[2]);
    assert.match(err.message, new RegExp(`at byte ${starts[2]}\\)`));
  });
  it('a warning inside a nested part carries its offset in the PDU', () => {
    // Innermost part: Content-ID without <> (a warning at the Content-ID header).
    const leaf = b`01 04 01 83 C0 "a" 00 "x"`;
    const { pdu } = nest(2, leaf);
    const { warnings } = decodePdu(pdu);
    const w = warnings.find((x) => x.code === 'content-id-without-brackets');
    assert.ok(w);
    assert.equal(pdu[w.offset], 0xc0);
    assert.equal(w.offset, pdu.indexOf(b`C0 "a" 00`));
    stable(pdu);
  });
  it('a nested multipart kept raw is reported at the part data, in the PDU', () => {
    const input = cat(HEAD, b`84 A3 01 01 03 A3 05 01 02`);
    const w = decodePdu(input).warnings.find((x) => x.code === 'nested-multipart-kept-raw');
    assert.equal(w?.offset, input.length - 3);
  });
  it('inside base64 part data (a decoded copy), warnings and errors name the part data offset', () => {
    const inner = Buffer.from(b`01 04 01 83 C0 "a" 00 "x"`).toString('base64');
    const cte = b`A3 "Content-Transfer-Encoding" 00 "base64" 00`;
    const input = cat(HEAD, b`84 A3 01`, Buffer.from([cte.length, inner.length]), cte, Buffer.from(inner));
    const dataAt = input.length - inner.length;
    const w = decodePdu(input).warnings.find((x) => x.code === 'content-id-without-brackets');
    assert.equal(w?.offset, dataAt);
  });
});

/** HEAD + a multipart.mixed body of one part with headers `head` (Content-Type first) and data `data`. */
const onePart = (head: Uint8Array, data: Uint8Array): Buffer => cat(HEAD, b`84 A3 01`, Buffer.from([head.length, data.length]), head, data);

describe('2. Content-Disposition parameters are kept', () => {
  it('the charset after the filename (`AE 17 81 86 "Mamma Mia Cell.vcf" 00 81 83`)', () => {
    const input = onePart(b`87 AE 17 81 86 "Mamma Mia Cell.vcf" 00 81 83`, b`"BEGIN:VCARD"`);
    const { pdu, warnings } = decodePdu(input);
    assert.deepEqual(pdu.parts?.[0]?.disposition, { type: 'attachment', filename: 'Mamma Mia Cell.vcf', charset: 'us-ascii' });
    assert.deepEqual(warnings, []);
    const again = stable(input);
    // Same parameters, typed as they came (porm writes the charset first).
    assert.ok(again.includes(b`AE 17 81 81 83 86 "Mamma Mia Cell.vcf" 00`));
  });
  it('max-age (`8E 01 01`), name beside filename, untyped parameters', () => {
    const input = onePart(b`87 AE 19 80 8E 01 01 85 "n" 00 86 "f.vcf" 00 "size" 00 "42" 00 "x" 00 00`, b`"v"`);
    const d = decodePdu(input).pdu.parts?.[0]?.disposition;
    assert.deepEqual(d, { type: 'form-data', filename: 'f.vcf', name: 'n', params: { 'max-age': '1', size: '42', x: '' } });
    const again = stable(input);
    assert.ok(again.includes(b`8E 81`), 'max-age written typed');
  });
  it('strict mode writes them too', () => {
    const pdu = decodePdu(onePart(b`87 AE 17 81 86 "Mamma Mia Cell.vcf" 00 81 83`, b`"BEGIN:VCARD"`)).pdu;
    assert.deepEqual(decodePdu(encodePdu(pdu)).pdu.parts?.[0]?.disposition, pdu.parts?.[0]?.disposition);
  });
});

describe('3. a typed Q-value is a number and is written typed', () => {
  it('`80 33` is q = 0.50 and re-encodes as `80 33`', () => {
    const input = onePart(b`03 83 80 33`, b`"x"`);
    const part = decodePdu(input).pdu.parts?.[0];
    assert.equal(part?.q, 0.5);
    assert.equal(part?.params, undefined);
    assert.deepEqual(stable(input), input);
    assert.deepEqual(encodePdu(decodePdu(input).pdu), input);
  });
  it('three decimals (`80 81 75` = 0.145), and an out-of-range Q-value kept as text with a warning', () => {
    const three = onePart(b`04 83 80 81 75`, b`"x"`);
    assert.equal(decodePdu(three).pdu.parts?.[0]?.q, 0.145);
    assert.deepEqual(stable(three), three);
    const bad = onePart(b`03 83 80 00`, b`"x"`);
    const { pdu, warnings } = decodePdu(bad);
    assert.deepEqual(pdu.parts?.[0]?.params, { q: '0' });
    assert.deepEqual(warnings.map((w) => w.code), ['unknown-parameter']);
    stable(bad);
  });
  it('the encoder refuses a q it cannot write', () => {
    const base = decodePdu(onePart(b`83`, b`"x"`)).pdu;
    for (const q of [1, -0.1, 0.0005, Number.NaN]) {
      assert.equal(thrown(() => encodePdu({ ...base, parts: [{ contentType: 'text/plain', q, data: b`"x"` }] })).code, 'PORM_PDU_INVALID_VALUE');
    }
  });
});

describe('4. everything the decoder accepts encodes again', () => {
  it('a subject with HT (`96 61 09 62 00`) and with CR/LF: strict mode writes them as they came', () => {
    for (const subject of [b`96 "a" 09 "b" 00`, b`96 "a" 0D 0A "b" 00`]) {
      const input = cat(HEAD, subject, b`84 A3 00`);
      const { pdu, warnings } = decodePdu(input);
      assert.deepEqual(warnings, []);
      assert.deepEqual(encodePdu(pdu), input);
    }
  });
  it('an embedded NUL (`96 06 EA 61 00 62 63 00`) ends the text, with a warning', () => {
    const input = cat(HEAD, b`96 06 EA 61 00 62 63 00 84 A3 00`);
    const { pdu, warnings } = decodePdu(input);
    assert.equal(pdu.subject, 'a');
    assert.deepEqual(warnings.map((w) => [w.code, w.offset]), [['embedded-nul', HEAD.length + 1]]);
    stable(input);
    // UTF-16 text: NUL octets are normal there, only a U+0000 character ends it.
    const wide = decodePdu(cat(HEAD, b`96 0B 02 03 F7 00 61 00 00 00 62 00 00 84 A3 00`));
    assert.equal(wide.pdu.subject, 'a');
  });
  it('text starting with a control character, a DEL, a quote; a message class and header names that are not tokens', () => {
    const input = cat(HEAD, b`96 04 EA 09 "b" 00 8B 7F 09 "x" 00 8A "New Class" 00 "X Foo" 00 "v" 00 7F 7F "d" 00 "w" 00 84 A3 00`);
    const { pdu } = decodePdu(input);
    assert.equal(pdu.subject, '\tb');
    assert.equal(pdu.messageId, '\tx');
    assert.equal(pdu.messageClass, 'New Class');
    assert.deepEqual(pdu.extraHeaders, [{ kind: 'text', name: 'X Foo', value: 'v' }, { kind: 'text', name: '\u007fd', value: 'w' }]);
    stable(input);
    // Strict mode keeps its rules: a message class must be a token there.
    assert.equal(thrown(() => encodePdu(pdu)).code, 'PORM_PDU_INVALID_VALUE');
  });
  it('what strict mode refuses, relay mode writes: no recipients, bare and odd addresses, MMS 2.0, an empty part', () => {
    const input = b`8C 80 98 "T" 00 8D A0 97 "0123" 00 97 "Jg" 00 84 A3 01 01 00 83`;
    const { pdu } = decodePdu(input);
    assert.deepEqual(pdu.to, ['0123', 'Jg']);
    assert.equal(thrown(() => encodePdu(pdu)).code, 'PORM_PDU_INVALID_VALUE');
    assert.deepEqual(stable(input), input);
    const sendConf = b`8C 81 8D 92`; // no Transaction-ID, no Response-Status
    assert.equal(thrown(() => encodePdu(decodePdu(sendConf).pdu)).code, 'PORM_PDU_MISSING_HEADER');
    assert.deepEqual(stable(sendConf), sendConf);
  });
  it('an unknown header value cut off by the end of the PDU gets its NUL back', () => {
    const input = cat(HEAD, b`C5 "abc"`);
    const { pdu } = decodePdu(input);
    const kept = pdu.extraHeaders?.[0];
    assert.equal(kept?.kind, 'binary');
    assert.deepEqual(kept.kind === 'binary' && Buffer.from(kept.value), b`"abc" 00`);
    stable(input);
  });
  it('a date beyond what a Date holds is kept raw, not an Invalid Date', () => {
    const { pdu, warnings } = decodePdu(cat(HEAD, b`85 07 7F FF FF FF FF FF FF`));
    assert.equal(pdu.date, undefined);
    assert.deepEqual(warnings.map((w) => w.code), ['unrecognised-value']);
  });
});

describe('6. an unknown well-known media code is kept', () => {
  it('part Content-Type `FE` reads as application/x-wsp-0x7e and is written back as `FE`', () => {
    const input = onePart(b`FE`, b`"x"`);
    const { pdu, warnings } = decodePdu(input);
    assert.equal(pdu.parts?.[0]?.contentType, 'application/x-wsp-0x7e');
    assert.deepEqual(warnings.map((w) => w.code), ['unknown-content-type']);
    assert.deepEqual(encodePdu(pdu), input);
  });
  it('with parameters, as a Long-integer code, and as the multipart type parameter', () => {
    const input = onePart(b`03 FE 81 EA`, b`"x"`);
    assert.deepEqual(encodePdu(decodePdu(input).pdu), input);
    const long = onePart(b`03 02 02 01`, b`"x"`); // code 0x0201, general form
    assert.equal(decodePdu(long).pdu.parts?.[0]?.contentType, 'application/x-wsp-0x201');
    assert.deepEqual(stable(long), long);
    const related = cat(HEAD, b`84 03 B3 89 FE 00`);
    assert.equal(decodePdu(related).pdu.contentType?.type, 'application/x-wsp-0x7e');
    assert.deepEqual(stable(related), related);
  });
  it('relay mode keeps the case of a media type sent as text; strict mode uses the code', () => {
    const input = onePart(b`"Image/JPEG" 00`, b`"x"`);
    assert.deepEqual(stable(input), input);
    assert.ok(encodePdu(decodePdu(input).pdu).includes(b`01 01 9E`));
  });
});

describe('7. text that is not valid UTF-8: one rule with or without a charset, octets kept', () => {
  const plain = cat(HEAD, b`96 "caf" E9 00 84 A3 00`);
  const labelled = cat(HEAD, b`96 06 EA "caf" E9 00 84 A3 00`);
  it('both read the same, with the same warning; readableText gives the Latin-1 reading', async () => {
    const { readableText } = await import('./charset.ts');
    for (const input of [plain, labelled]) {
      const { pdu, warnings } = decodePdu(input);
      assert.equal(pdu.subject, 'caf\uDCE9');
      assert.equal(readableText(pdu.subject ?? ''), 'café');
      assert.deepEqual(warnings.map((w) => w.code), ['invalid-text']);
    }
  });
  it('relay mode writes the very octets back (labelled UTF-8); strict mode refuses them', () => {
    for (const input of [plain, labelled]) {
      const again = stable(input);
      assert.deepEqual(again, labelled);
      assert.equal(thrown(() => encodePdu(decodePdu(input).pdu)).code, 'PORM_PDU_INVALID_VALUE');
    }
  });
  it('valid UTF-8 around the bad octets stays readable (a subject cut mid-character)', () => {
    const input = cat(HEAD, b`96 06 EA "H" C3 A9 C3 00 84 A3 00`);
    assert.equal(decodePdu(input).pdu.subject, 'H\u00e9\uDCC3');
    assert.deepEqual(stable(input), input);
  });
  it('overlong forms, encoded surrogates and octets after a valid 4-octet sequence', () => {
    const input = cat(HEAD, b`96 0D EA C0 AF ED A0 80 F0 9F 98 80 FF "z" 00 84 A3 00`);
    assert.equal(decodePdu(input).pdu.subject, '\uDCC0\uDCAF\uDCED\uDCA0\uDC80\u{1F600}\uDCFFz');
    // The same octets, now with the quote a text starting above 0x7F takes.
    assert.deepEqual(stable(input), cat(HEAD, b`96 0E EA 7F C0 AF ED A0 80 F0 9F 98 80 FF "z" 00 84 A3 00`));
  });
});
