// Headers porm does not model (or could not read) are kept as ExtraHeader and written back
// unchanged. This file holds that, plus the bounded read every header value goes through.
import type { ExtraHeader } from './model.ts';
import { PduError } from './pdu-error.ts';
import { keepValue, readTextString, skipValue, writeNameText, writeTextString } from './primitives.ts';
import { DecodeContext, DEFAULT_LIMITS, Reader } from './reader.ts';
import type { Writer } from './writer.ts';

export type BoundedValue<T> = { ok: true; value: T } | { ok: false; raw: Uint8Array; error: PduError };

/**
 * Reads one header value: its extent by the generic WSP rule first, then `decode` inside
 * that extent only. A value that is well delimited but unreadable (unknown enumeration,
 * bad inner length) comes back raw instead of failing the whole PDU; an extent that runs
 * past the buffer still throws, as nothing after it can be trusted.
 */
export function readBounded<T>(r: Reader, ctx: DecodeContext, decode: (v: Reader) => T): BoundedValue<T> {
  const start = r.pos;
  const raw = keepValue(r); // silent: `decode` reads the same octets and warns itself
  const v = new Reader(r.buf, start, r.pos);
  try {
    const value = decode(v);
    if (!v.atEnd()) ctx.warn('trailing-bytes', v.pos, `${v.remaining} unread octet(s) at the end of a header value`);
    return { ok: true, value };
  } catch (err) {
    if (err instanceof PduError) return { ok: false, raw, error: err };
    throw err;
  }
}

/** A textual (application) header: Token-text name, Text-string value. */
export function readTextHeader(r: Reader, ctx: DecodeContext): ExtraHeader {
  const name = readTextString(r, ctx);
  const value = r.atEnd() ? '' : readTextString(r, ctx);
  return { kind: 'text', name, value };
}

export function writeExtraHeader(w: Writer, h: ExtraHeader): void {
  if (h.kind === 'text') {
    writeNameText(w, h.name, 'header name');
    writeTextString(w, h.value, `header ${h.name}`);
    return;
  }
  if (!Number.isInteger(h.code) || h.code < 0x80 || h.code > 0xff) {
    throw new PduError('PORM_PDU_INVALID_VALUE', `binary header code out of range: ${h.code}`);
  }
  checkRawValue(h.value);
  w.u8(h.code);
  w.bytes(h.value);
}

/** A raw value must be exactly one value by the generic rule, or the PDU would be misread. */
function checkRawValue(value: Uint8Array): void {
  const ctx = new DecodeContext(DEFAULT_LIMITS);
  let ok = false;
  if (value.length > 0) {
    try {
      const r = Reader.of(value);
      skipValue(r, ctx);
      ok = r.atEnd() && ctx.warnings.length === 0;
    } catch {
      ok = false;
    }
  }
  if (!ok) throw new PduError('PORM_PDU_INVALID_VALUE', 'raw header value is not one well-formed WSP value');
}
