// Primitive encodings against the examples of WAP-230 / OMA-MMS-ENC (mms-wire.md §1.1).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readContentType, writeContentType } from './content-type.ts';
import { PduError } from './pdu-error.ts';
import {
  readEncodedString, readIntegerValue, readLongInteger, readTextString, readUintvar, readValueLength,
  writeEncodedString, writeIntegerValue, writeLongInteger, writeTextString,
} from './primitives.ts';
import { DecodeContext, DEFAULT_LIMITS, Reader } from './reader.ts';
import { b, toHex } from './testing/bytes.ts';
import { Writer } from './writer.ts';

const ctx = (): DecodeContext => new DecodeContext(DEFAULT_LIMITS);
const written = (fn: (w: Writer) => void): string => {
  const w = new Writer(4);
  fn(w);
  return toHex(w.view());
};
const errorCode = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return err instanceof PduError ? err.code : `not a PduError: ${String(err)}`;
  }
  return 'no error';
};

describe('uintvar', () => {
  const cases: [number, string][] = [[0, '00'], [127, '7F'], [128, '81 00'], [305, '82 31'], [2940, '96 7C'], [213580, '8D 84 4C'], [0xffffffff, '8F FF FF FF 7F']];
  for (const [n, hex] of cases) {
    it(`${n} <-> ${hex}`, () => {
      assert.equal(written((w) => w.uintvar(n)), hex);
      assert.equal(readUintvar(Reader.of(Buffer.from(hex.replace(/ /g, ''), 'hex'))), n);
    });
  }
  it('rejects more than 5 octets and values above 32 bits', () => {
    assert.equal(errorCode(() => readUintvar(Reader.of(b`81 81 81 81 81 01`))), 'PORM_PDU_UINTVAR_OVERFLOW');
    assert.equal(errorCode(() => readUintvar(Reader.of(b`90 80 80 80 00`))), 'PORM_PDU_UINTVAR_OVERFLOW');
    assert.equal(errorCode(() => readUintvar(Reader.of(b`81 81`))), 'PORM_PDU_TRUNCATED');
  });
});

describe('integers', () => {
  it('Long-integer examples', () => {
    assert.equal(written((w) => writeLongInteger(w, 16384)), '02 40 00');
    assert.equal(written((w) => writeLongInteger(w, 259200)), '03 03 F4 80');
    assert.equal(written((w) => writeLongInteger(w, 0)), '01 00');
    assert.equal(readLongInteger(Reader.of(b`04 00 01 8B D8`)), 101336); // leading zero octet accepted
  });
  it('Integer-value picks the short form below 128', () => {
    assert.equal(written((w) => writeIntegerValue(w, 106)), 'EA');
    assert.equal(written((w) => writeIntegerValue(w, 1000)), '02 03 E8');
    assert.equal(readIntegerValue(Reader.of(b`EA`)), 106);
  });
  it('refuses Long-integers above 2^53 and bad lengths', () => {
    assert.equal(errorCode(() => readLongInteger(Reader.of(b`08 FF FF FF FF FF FF FF FF`))), 'PORM_PDU_INTEGER_OVERFLOW');
    assert.equal(errorCode(() => readLongInteger(Reader.of(b`1F`))), 'PORM_PDU_MALFORMED');
    assert.equal(errorCode(() => readLongInteger(Reader.of(b`04 01 02`))), 'PORM_PDU_TRUNCATED');
  });
  it('Value-length short and long forms', () => {
    assert.equal(readValueLength(Reader.of(b`1E`)), 30);
    assert.equal(readValueLength(Reader.of(b`1F 39`)), 57);
  });
});

describe('text', () => {
  it('Text-string quotes a first octet >= 0x80', () => {
    assert.equal(written((w) => writeTextString(w, 'Ab')), '41 62 00');
    assert.equal(written((w) => writeTextString(w, 'Д')), '7F D0 94 00');
    assert.equal(readTextString(Reader.of(b`7F D0 94 00`), ctx()), 'Д');
  });
  it('a Text-string without its NUL is read to the end, with a warning', () => {
    const c = ctx();
    assert.equal(readTextString(Reader.of(b`"abc"`), c), 'abc');
    assert.deepEqual(c.warnings.map((w) => w.code), ['truncated-string']);
  });
  it('Encoded-string-value: plain, us-ascii, utf-8, ucs-2', () => {
    assert.equal(written((w) => writeEncodedString(w, 'Hi')), '48 69 00');
    assert.equal(written((w) => writeEncodedString(w, 'é')), '05 EA 7F C3 A9 00');
    assert.equal(readEncodedString(Reader.of(b`11 83 "MMS-1.3-con-210" 00`), ctx()), 'MMS-1.3-con-210');
    assert.equal(readEncodedString(Reader.of(b`08 02 03 E8 00 41 04 14 00 00`), ctx()), 'AД');
    assert.equal(readEncodedString(Reader.of(b`09 02 03 F7 FF FE 41 00 00 00`), ctx()), 'A');
  });
  it('an unknown charset is read as Latin-1 with a warning', () => {
    const c = ctx();
    assert.equal(readEncodedString(Reader.of(b`05 02 7F 00 E9 00`), c), 'é');
    assert.deepEqual(c.warnings.map((w) => w.code), ['unknown-charset']);
  });
  it('invalid UTF-8 (a subject cut mid-character) decodes with a warning', () => {
    const c = ctx();
    assert.equal(readEncodedString(Reader.of(b`04 EA "a" D0 00`), c), 'a\uDCD0');
    assert.deepEqual(c.warnings.map((w) => w.code), ['invalid-text']);
  });
});

describe('content type', () => {
  const roundTrip = (hex: Buffer): string => {
    const ct = readContentType(Reader.of(hex), ctx());
    const { mediaType, ...params } = ct;
    return written((w) => writeContentType(w, mediaType, params));
  };
  it('well-known short form and text form', () => {
    assert.equal(written((w) => writeContentType(w, 'application/vnd.wap.multipart.mixed', {})), 'A3');
    assert.equal(written((w) => writeContentType(w, 'application/smil', {})), toHex(b`"application/smil" 00`));
  });
  it('multipart.related with Type and Start (0x89, 0x8A)', () => {
    const hex = b`1B B3 89 "application/smil" 00 8A "<SMIL>" 00`;
    assert.deepEqual(readContentType(Reader.of(hex), ctx()), { mediaType: 'application/vnd.wap.multipart.related', type: 'application/smil', start: 'SMIL' });
    assert.equal(roundTrip(hex), toHex(hex));
  });
  it('charset parameters: utf-8, ucs-2, any, and the untyped lower-case form', () => {
    assert.equal(roundTrip(b`03 83 81 EA`), '03 83 81 EA');
    assert.equal(roundTrip(b`05 83 81 02 03 E8`), '05 83 81 02 03 E8');
    assert.deepEqual(readContentType(Reader.of(b`03 83 81 80`), ctx()), { mediaType: 'text/plain', charset: '*' });
    assert.deepEqual(readContentType(Reader.of(b`14 83 "charset" 00 "iso-8859-1" 00`), ctx()), { mediaType: 'text/plain', charset: 'iso-8859-1' });
  });
  it('Name (0x85) and untyped name', () => {
    assert.deepEqual(readContentType(Reader.of(b`08 9E 85 "a.jpg" 00`), ctx()), { mediaType: 'image/jpeg', name: 'a.jpg' });
    assert.deepEqual(readContentType(Reader.of(b`0E 9E "name" 00 "gnu.jpg" 00`), ctx()), { mediaType: 'image/jpeg', name: 'gnu.jpg' });
  });
});
