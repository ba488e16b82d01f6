// Headers of one multipart entry (WAP-230 §8.5.3): the Content-Type value, then WSP headers
// such as Content-ID (0xC0), Content-Location (0x8E) and Content-Disposition (0xAE / 0xC5).
import { readContentType, readParams, stripBrackets, writeContentType, writeParams } from './content-type.ts';
import { readBounded, readTextHeader, writeExtraHeader } from './extra-headers.ts';
import type { Disposition, ExtraHeader, Part } from './model.ts';
import { PduError } from './pdu-error.ts';
import { hex, keepValue, readQuotedString, readTextString, readValueLength, writeQuotedString, writeTextString } from './primitives.ts';
import type { DecodeContext, Reader } from './reader.ts';
import { PART_HEADER } from './well-known.ts';
import type { Writer } from './writer.ts';

/** Everything of a Part but its data, read from the part's header region `h`. */
export type PartHead = Omit<Part, 'data' | 'parts'> & { transferEncoding?: string };

export function readPartHead(h: Reader, ctx: DecodeContext): PartHead {
  const { mediaType, ...params } = readContentType(h, ctx);
  const head: PartHead = { contentType: mediaType, ...params };
  const extras: ExtraHeader[] = [];
  let count = 0;
  while (!h.atEnd()) {
    if (++count > ctx.limits.maxHeaders) throw new PduError('PORM_PDU_TOO_MANY_HEADERS', 'too many part headers', h.pos);
    const at = h.pos;
    const b = h.peek();
    if (b < 0x20) {
      // Code-page shifts and garbage: nothing after them can be delimited reliably.
      ctx.warn('unknown-header', at, `unreadable part header octet 0x${hex(b)}; rest of the part headers skipped`);
      h.pos = h.end;
      break;
    }
    if (b < 0x80) {
      readTextPartHeader(h, ctx, head, extras);
      continue;
    }
    h.pos++;
    const code = b & 0x7f;
    if (code === PART_HEADER.contentId) {
      const v = readBounded(h, ctx, (v) => readQuotedString(v, ctx));
      if (v.ok) head.contentId = stripBrackets(v.value, ctx, at);
      else extras.push({ kind: 'binary', code: b, value: v.raw });
    } else if (code === PART_HEADER.contentLocation) {
      const v = readBounded(h, ctx, (v) => readTextString(v, ctx));
      if (v.ok) head.contentLocation = v.value;
      else extras.push({ kind: 'binary', code: b, value: v.raw });
    } else if (code === PART_HEADER.contentDisposition || code === PART_HEADER.contentDisposition14) {
      const v = readBounded(h, ctx, (v) => readDisposition(v, ctx));
      if (v.ok) head.disposition = v.value;
      else extras.push({ kind: 'binary', code: b, value: v.raw });
    } else {
      extras.push({ kind: 'binary', code: b, value: keepValue(h, ctx) });
    }
  }
  if (extras.length > 0) head.headers = extras;
  return head;
}

function readTextPartHeader(h: Reader, ctx: DecodeContext, head: PartHead, extras: ExtraHeader[]): void {
  const at = h.pos;
  const x = readTextHeader(h, ctx);
  if (x.kind !== 'text') return;
  const name = x.name.toLowerCase();
  if (name === 'content-id') head.contentId = stripBrackets(x.value, ctx, at);
  else if (name === 'content-location') head.contentLocation = x.value;
  else if (name === 'content-transfer-encoding') head.transferEncoding = x.value.trim().toLowerCase();
  else extras.push(x);
}

const DISPOSITIONS = ['form-data', 'attachment', 'inline'] as const;

function readDisposition(v: Reader, ctx: DecodeContext): Disposition {
  const d = v.sub(readValueLength(v));
  const b = d.peek();
  let type: Disposition['type'];
  if (b >= 0x80) {
    const t = DISPOSITIONS[d.u8() - 0x80];
    if (t === undefined) throw new PduError('PORM_PDU_MALFORMED', `unknown disposition 0x${hex(b)}`, d.pos - 1);
    type = t;
  } else {
    const t = readTextString(d, ctx).toLowerCase();
    type = t === 'inline' ? 'inline' : t === 'form-data' ? 'form-data' : 'attachment';
  }
  // Every parameter is kept (`AE 17 81 86 "Mamma Mia Cell.vcf" 00 81 83` has a charset).
  const { filename, name, charset, q, type: typeParam, start, params } = readParams(d, ctx);
  const out: Disposition = { type };
  if (filename !== undefined || name !== undefined) out.filename = filename ?? name;
  if (filename !== undefined && name !== undefined) out.name = name;
  if (charset !== undefined) out.charset = charset;
  // The multipart parameters mean nothing here; they stay in params, in their wire form.
  const other: Record<string, string> = { ...params };
  if (typeParam !== undefined) other.type = typeParam;
  if (start !== undefined) other.start = `<${start}>`;
  if (q !== undefined) other.q = String(q);
  if (Object.keys(other).length > 0) out.params = other;
  return out;
}

// ---- encoding ----------------------------------------------------------------------------

/** Content-Type, Content-ID, Content-Location, Content-Disposition, then the kept headers. */
export function writePartHead(w: Writer, part: Part): void {
  const { contentType, charset, type, start, name, filename, q, params } = part;
  writeContentType(w, contentType, { charset, type, start, name, filename, q, params });
  if (part.contentId !== undefined) {
    w.u8(0x80 | PART_HEADER.contentId);
    writeQuotedString(w, `<${part.contentId}>`, 'Content-ID');
  }
  if (part.contentLocation !== undefined) {
    w.u8(0x80 | PART_HEADER.contentLocation);
    writeTextString(w, part.contentLocation, 'Content-Location');
  }
  if (part.disposition !== undefined) {
    const d = part.disposition;
    const index = DISPOSITIONS.indexOf(d.type);
    if (index < 0) throw new PduError('PORM_PDU_INVALID_VALUE', `unknown disposition ${JSON.stringify(d.type)}`);
    w.u8(0x80 | PART_HEADER.contentDisposition);
    w.withValueLength(() => {
      w.u8(0x80 + index);
      writeParams(w, { filename: d.filename, name: d.name, charset: d.charset, params: d.params });
    });
  }
  for (const h of part.headers ?? []) writeExtraHeader(w, h);
}
