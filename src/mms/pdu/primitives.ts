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
  if (!r.atEnd() && r.peek() === 0x7f) r.pos++;
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

/**
 * Text without a charset is read as UTF-8, exactly as text labelled UTF-8 (106): octets that
 * are not UTF-8 are kept as U+DC80-U+DCFF (charset.ts `decodeUtf8`), so nothing is lost and
 * relay encoding writes them back unchanged.
 */
export function textOf(bytes: Uint8Array, mib: number, ctx: DecodeContext, offset: number): string {
  const { text, ok } = decodeText(bytes, mib);
  if (ok) return text;
  ctx.warn('invalid-text', offset, mib === UTF8 ? 'text is not valid UTF-8; the octets it cannot read are kept (U+DC80-U+DCFF)' : `text is not valid in charset ${mib}`);
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
  const read = mib === 0 || mib === UTF8 ? textOf(bytes, UTF8, ctx, start) : readCharsetText(bytes, mib, ctx, start);
  // A NUL inside the text (`96 06 EA 61 00 62 63 00`) ends it: a Text-string cannot carry one.
  const nul = read.indexOf('\u0000');
  if (nul < 0) return read;
  ctx.warn('embedded-nul', start, `text cut at an embedded NUL (${read.length - nul} character(s) dropped)`);
  return read.slice(0, nul);
}

function readCharsetText(bytes: Uint8Array, mib: number, ctx: DecodeContext, start: number): string {
  const { text, ok } = decodeText(bytes, mib);
  if (!ok) ctx.warn(charsetKnown(mib) ? 'invalid-text' : 'unknown-charset', start, `text in charset MIBenum ${mib} could not be decoded exactly`);
  return text;
}

function charsetKnown(mib: number): boolean {
  return decodeText(new Uint8Array(0), mib).ok;
}

// The largest time a JavaScript Date holds (ECMA-262 §21.4.1.1), in seconds.
const MAX_DATE_SECONDS = 8.64e12;

export function readDate(r: Reader): Date {
  const at = r.pos;
  const seconds = readLongInteger(r);
  if (seconds > MAX_DATE_SECONDS) throw new PduError('PORM_PDU_MALFORMED', `date ${seconds} s after 1970 is beyond what porm can represent`, at);
  return new Date(seconds * 1000);
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

/**
 * A value kept unread (unknown header, unreadable value), as one well-formed WSP value: a
 * text cut off by the end of its region gets its NUL back, so written again it cannot swallow
 * what follows it.
 */
export function keepValue(r: Reader, ctx?: DecodeContext): Uint8Array {
  const raw = skipValue(r, ctx);
  const b = raw[0]!;
  if (b < 0x20 || b >= 0x80 || raw[raw.length - 1] === 0) return raw;
  const out = new Uint8Array(raw.length + 1);
  out.set(raw);
  return out;
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

/**
 * Rejects what a Text-string cannot carry. NUL never (it ends the string); lone surrogates
 * never, except U+DC80-U+DCFF in relay mode, which stand for the raw octets 0x80-0xFF of text
 * that was not valid UTF-8 when decoded (charset.ts). HT, CR and LF are fine (real subjects
 * carry them); porm's own PDUs (strict mode) refuse other C0 controls and DEL.
 */
export function checkText(s: string, what: string, relay = false): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0 || (!relay && ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f))) {
      throw new PduError('PORM_PDU_INVALID_VALUE', `${what}: control character U+${c.toString(16).padStart(4, '0')} not allowed`);
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff && !(relay && isRawOctet(c))) {
      throw new PduError('PORM_PDU_INVALID_VALUE', `${what}: lone surrogate not allowed`);
    }
  }
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
const isRawOctet = (c: number): boolean => c >= 0xdc80 && c <= 0xdcff;

/**
 * Octets of `s` (no terminator) written into `w`: UTF-8, with U+DC80-U+DCFF as the raw octet
 * they stand for. Call after checkText.
 */
export function writeTextOctets(w: Writer, s: string): void {
  if (!/[\uD800-\uDFFF]/u.test(s)) {
    w.utf8(s);
    return;
  }
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isRawOctet(c) && !(i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff)) {
      w.utf8(s.slice(run, i));
      w.u8(c - 0xdc00);
      run = i + 1;
    }
  }
  w.utf8(s.slice(run));
}

/**
 * Text-string. The first octet must not read as something else: a quote (0x7F) goes before
 * text starting with an octet >= 0x80 (the rule), with DEL (so a leading DEL is not taken for
 * the quote) and, where the value is not length-bounded, with a C0 control (which would read
 * as a Value-length); `quoteEmpty` for places where a lone NUL would read as a length.
 */
export function writeTextString(w: Writer, s: string, what = 'text', opts: { bounded?: boolean; quoteEmpty?: boolean } = {}): void {
  checkText(s, what, w.relay);
  const c = s.length > 0 ? s.charCodeAt(0) : -1;
  if (c >= 0x7f || (c >= 0 && c < 0x20 && !opts.bounded) || (c < 0 && opts.quoteEmpty)) w.u8(0x7f);
  writeTextOctets(w, s);
  w.u8(0);
}

export function writeQuotedString(w: Writer, s: string, what = 'quoted string'): void {
  checkText(s, what, w.relay);
  w.u8(0x22);
  // The decoder drops a quote after the '"' (the plain Text-string form), so a leading DEL is doubled.
  if (s.charCodeAt(0) === 0x7f) w.u8(0x7f);
  writeTextOctets(w, s);
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

/**
 * A name where the decoder expects Token-text (application header names, untyped parameter
 * names, message classes): a token in strict mode; in relay mode whatever text the decoder
 * read, quoted so its first octet stays in 0x20-0x7F as the decoder needs to recognise it.
 */
export function writeNameText(w: Writer, s: string, what = 'name'): void {
  if (!w.relay || isToken(s)) {
    writeTokenText(w, s, what);
    return;
  }
  writeTextString(w, s, what, { quoteEmpty: true });
}

/** ASCII as a plain Text-string; anything else with an explicit UTF-8 charset. */
export function writeEncodedString(w: Writer, s: string, what = 'encoded string'): void {
  // Text starting with a control octet also takes the charset form: there the length bounds
  // the value, so no non-standard quote is needed.
  const c = s.charCodeAt(0);
  if (isAscii(s) && !(c < 0x20)) {
    writeTextString(w, s, what);
    return;
  }
  checkText(s, what, w.relay);
  w.withValueLength(() => {
    w.u8(0x80 | UTF8);
    writeTextString(w, s, what, { bounded: true });
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
