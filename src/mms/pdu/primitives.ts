// WSP / MMS-ENC primitive encodings (WAP-230 §8.4.2, OMA-MMS-ENC §7.2): integers, uintvar,
// value-length, text, quoted text, encoded-string-value, dates and time values.
import { decodeText, isAscii } from './charset.ts';
import { PduError } from './pdu-error.ts';
import type { DecodeContext, Reader } from './reader.ts';
import type { Writer } from './writer.ts';
import type { TimeValue } from './model.ts';

const UTF8 = 106;

// ---- decoding ----------------------------------------------------------------------------

export function readUintvar(r: Reader): number {
  const start = r.pos;
  let value = 0;
  for (let i = 0; i < 5; i++) {
    const b = r.u8();
    value = value * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      if (value > 0xffffffff) throw new PduError('PORM_PDU_UINTVAR_OVERFLOW', 'uintvar exceeds 32 bits', start);
      return value;
    }
  }
  throw new PduError('PORM_PDU_UINTVAR_OVERFLOW', 'uintvar longer than 5 octets', start);
}

export function readShortInteger(r: Reader): number {
  const b = r.u8();
  if (b < 0x80) throw new PduError('PORM_PDU_MALFORMED', `expected a Short-integer, got 0x${hex(b)}`, r.pos - 1);
  return b & 0x7f;
}

export function readLongInteger(r: Reader): number {
  const start = r.pos;
  const len = r.u8();
  if (len < 1 || len > 30) throw new PduError('PORM_PDU_MALFORMED', `bad Long-integer length ${len}`, start);
  const octets = r.take(len);
  let value = 0;
  for (const b of octets) {
    value = value * 256 + b;
    // Leading zero octets are legal (capcom vectors), so only the value itself is bounded.
    if (value > Number.MAX_SAFE_INTEGER) throw new PduError('PORM_PDU_INTEGER_OVERFLOW', 'Long-integer above 2^53', start);
  }
  return value;
}

export function readIntegerValue(r: Reader): number {
  return r.peek() >= 0x80 ? readShortInteger(r) : readLongInteger(r);
}

/** Value-length: 0-30 inline, or 0x1F followed by a uintvar. */
export function readValueLength(r: Reader): number {
  const start = r.pos;
  const b = r.u8();
  if (b <= 30) return b;
  if (b === 31) return readUintvar(r);
  throw new PduError('PORM_PDU_MALFORMED', `expected a Value-length, got 0x${hex(b)}`, start);
}

/**
 * Octets of a Text-string (quote and NUL removed). A missing NUL is tolerated: the text runs
 * to the end (warned about unless `ctx` is omitted, as when only measuring a value).
 */
export function readTextBytes(r: Reader, ctx?: DecodeContext): Uint8Array {
  if (r.peek() === 0x7f) r.pos++;
  const start = r.pos;
  const nul = r.buf.indexOf(0, start);
  if (nul < 0 || nul >= r.end) {
    ctx?.warn('truncated-string', start, 'text value without its terminating NUL');
    return r.take(r.end - start);
  }
  const out = r.buf.subarray(start, nul);
  r.pos = nul + 1;
  return out;
}

/** Text-string as UTF-8 (what handsets actually send), falling back to Latin-1 with a warning. */
export function readTextString(r: Reader, ctx: DecodeContext): string {
  const start = r.pos;
  return textOf(readTextBytes(r, ctx), UTF8, ctx, start);
}

/** Quoted-string (`0x22 text NUL`); a plain Text-string is accepted too. */
export function readQuotedString(r: Reader, ctx: DecodeContext): string {
  if (r.peek() === 0x22) r.pos++;
  return readTextString(r, ctx);
}

export function textOf(bytes: Uint8Array, mib: number, ctx: DecodeContext, offset: number): string {
  const { text, ok } = decodeText(bytes, mib);
  if (ok) return text;
  if (mib === UTF8) {
    ctx.warn('invalid-text', offset, 'text is not valid UTF-8; read as Latin-1');
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  }
  ctx.warn('invalid-text', offset, `text is not valid in charset ${mib}`);
  return text;
}

/** Encoded-string-value: Text-string, or Value-length Char-set Text-string. */
export function readEncodedString(r: Reader, ctx: DecodeContext): string {
  const start = r.pos;
  // 0x00 is an empty Text-string here: a zero Value-length could not even hold the charset.
  if (r.peek() > 31 || r.peek() === 0) return readTextString(r, ctx);
  const v = r.sub(readValueLength(r));
  const mib = v.peek() === 0x80 ? (v.pos++, 0) : readIntegerValue(v);
  if (!v.atEnd() && v.peek() === 0x7f) v.pos++;
  let bytes = v.take(v.remaining);
  const wide = mib === 1000 || mib === 1013 || mib === 1014 || mib === 1015;
  // The text is bounded by the length, so a NUL is only a terminator (two for UTF-16).
  const nulLen = wide && bytes.length % 2 === 0 ? 2 : 1;
  if (bytes.length >= nulLen && bytes.subarray(bytes.length - nulLen).every((b) => b === 0)) {
    bytes = bytes.subarray(0, bytes.length - nulLen);
  } else {
    ctx.warn('truncated-string', start, 'encoded string without its terminating NUL');
  }
  if (mib === 0) return textOf(bytes, UTF8, ctx, start);
  const { text, ok } = decodeText(bytes, mib);
  if (!ok) ctx.warn(charsetKnown(mib) ? 'invalid-text' : 'unknown-charset', start, `text in charset MIBenum ${mib} could not be decoded exactly`);
  return text;
}

function charsetKnown(mib: number): boolean {
  return decodeText(new Uint8Array(0), mib).ok;
}

export function readDate(r: Reader): Date {
  return new Date(readLongInteger(r) * 1000);
}

/** Delivery-Time / Expiry / Reply-Charging-Deadline. Delta seconds may be a Short-integer too. */
export function readTimeValue(r: Reader): TimeValue {
  const v = r.sub(readValueLength(r));
  const token = v.u8();
  if (token === 0x80) return { kind: 'absolute', date: readDate(v) };
  if (token === 0x81) return { kind: 'relative', seconds: readIntegerValue(v) };
  throw new PduError('PORM_PDU_MALFORMED', `bad time token 0x${hex(token)}`, v.pos - 1);
}

/**
 * The extent of a value of an unknown header, by the generic WSP rule (MMS-ENC §7.2):
 * octet >= 0x80 is a one-octet value, 0-30 a length, 31 a uintvar length, else a Text-string.
 */
export function skipValue(r: Reader, ctx?: DecodeContext): Uint8Array {
  const start = r.pos;
  const b = r.peek();
  if (b >= 0x80) r.pos++;
  else if (b <= 31) r.take(readValueLength(r));
  else readTextBytes(r, ctx);
  return r.buf.subarray(start, r.pos);
}

// ---- encoding ----------------------------------------------------------------------------

export function writeShortInteger(w: Writer, v: number): void {
  if (!Number.isInteger(v) || v < 0 || v > 127) throw new PduError('PORM_PDU_INVALID_VALUE', `Short-integer out of range: ${v}`);
  w.u8(v | 0x80);
}

export function writeLongInteger(w: Writer, v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new PduError('PORM_PDU_INVALID_VALUE', `Long-integer out of range: ${v}`);
  let n = 1;
  while (n < 7 && v >= 2 ** (8 * n)) n++;
  w.u8(n);
  for (let i = n - 1; i >= 0; i--) w.u8(Math.floor(v / 2 ** (8 * i)) % 256);
}

export function writeIntegerValue(w: Writer, v: number): void {
  if (Number.isInteger(v) && v >= 0 && v < 128) w.u8(v | 0x80);
  else writeLongInteger(w, v);
}

/** Rejects what a Text-string cannot carry unambiguously: C0 controls, DEL, lone surrogates. */
export function checkText(s: string, what: string): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) throw new PduError('PORM_PDU_INVALID_VALUE', `${what}: control character U+${c.toString(16).padStart(4, '0')} not allowed`);
  }
  if (/[\uD800-\uDFFF]/u.test(s)) throw new PduError('PORM_PDU_INVALID_VALUE', `${what}: lone surrogate not allowed`);
}

export function writeTextString(w: Writer, s: string, what = 'text'): void {
  checkText(s, what);
  if (s.length > 0 && s.charCodeAt(0) >= 0x80) w.u8(0x7f);
  w.utf8(s);
  w.u8(0);
}

export function writeQuotedString(w: Writer, s: string, what = 'quoted string'): void {
  checkText(s, what);
  w.u8(0x22);
  w.utf8(s);
  w.u8(0);
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function isToken(s: string): boolean {
  return TOKEN.test(s);
}

export function writeTokenText(w: Writer, s: string, what = 'token'): void {
  if (!isToken(s)) throw new PduError('PORM_PDU_INVALID_VALUE', `${what}: not a token: ${JSON.stringify(s)}`);
  w.utf8(s);
  w.u8(0);
}

/** ASCII as a plain Text-string; anything else with an explicit UTF-8 charset. */
export function writeEncodedString(w: Writer, s: string, what = 'encoded string'): void {
  if (isAscii(s)) {
    writeTextString(w, s, what);
    return;
  }
  checkText(s, what);
  w.withValueLength(() => {
    w.u8(0x80 | UTF8);
    writeTextString(w, s, what);
  });
}

export function writeDate(w: Writer, d: Date): void {
  const ms = d.getTime();
  if (!Number.isFinite(ms) || ms < 0) throw new PduError('PORM_PDU_INVALID_VALUE', 'date must be valid and not before 1970');
  writeLongInteger(w, Math.floor(ms / 1000));
}

export function writeTimeValue(w: Writer, t: TimeValue): void {
  w.withValueLength(() => {
    if (t.kind === 'absolute') {
      w.u8(0x80);
      writeDate(w, t.date);
    } else {
      w.u8(0x81);
      writeLongInteger(w, t.seconds);
    }
  });
}

export function hex(b: number): string {
  return b.toString(16).padStart(2, '0');
}
