// WSP Content-type-value (WAP-230 §8.4.2.24) with its parameters, for the message body and
// for each multipart entry.
import { charsetMib, charsetName } from './charset.ts';
import type { ContentParams, ContentType } from './model.ts';
import { PduError } from './pdu-error.ts';
import {
  hex, isToken, readIntegerValue, readLongInteger, readQuotedString, readTextString, readUintvar,
  readValueLength, skipValue, writeIntegerValue, writeNameText, writeQuotedString, writeTextString,
  writeTokenText,
} from './primitives.ts';
import type { DecodeContext, Reader } from './reader.ts';
import { contentTypeCode, PARAM, unknownContentTypeName, wellKnownContentType } from './well-known.ts';
import type { Writer } from './writer.ts';

// ---- decoding ----------------------------------------------------------------------------

export function readContentType(r: Reader, ctx: DecodeContext): ContentType {
  const b = r.peek();
  if (b >= 0x80) return { mediaType: mediaName(readIntegerValue(r), ctx, r.pos - 1) };
  if (b > 31) return { mediaType: readTextString(r, ctx) };
  const v = r.sub(readValueLength(r));
  const at = v.pos;
  const media = v.peek() > 31 && v.peek() < 0x80 ? readTextString(v, ctx) : mediaName(readIntegerValue(v), ctx, at);
  return { mediaType: media, ...readParams(v, ctx) };
}

function mediaName(code: number, ctx: DecodeContext, offset: number): string {
  const name = wellKnownContentType(code);
  if (name !== undefined) return name;
  // Kept as a name that encodes back to the same code (a part Content-Type `FE` stays `FE`).
  const kept = unknownContentTypeName(code);
  ctx.warn('unknown-content-type', offset, `unknown well-known content type 0x${hex(code)}; kept as ${kept}`);
  return kept;
}

/** Parameters up to the end of `v`. */
export function readParams(v: Reader, ctx: DecodeContext): ContentParams {
  const out: ContentParams = {};
  let count = 0;
  while (!v.atEnd()) {
    if (++count > ctx.limits.maxHeaders) throw new PduError('PORM_PDU_TOO_MANY_HEADERS', 'too many content-type parameters', v.pos);
    const b = v.peek();
    if (b >= 0x20 && b < 0x80) readUntyped(v, ctx, out);
    else readTyped(v, ctx, out, b >= 0x80 ? (v.pos++, b & 0x7f) : readLongInteger(v));
  }
  return out;
}

function readTyped(v: Reader, ctx: DecodeContext, out: ContentParams, token: number): void {
  const at = v.pos;
  switch (token) {
    case PARAM.charset:
      out.charset = readCharset(v, ctx);
      return;
    case PARAM.type: {
      const t = v.peek() >= 0x80 ? mediaName(v.u8() & 0x7f, ctx, at) : readTextString(v, ctx);
      out.type = t;
      return;
    }
    case PARAM.typeInt:
      out.type ??= mediaName(readIntegerValue(v), ctx, at);
      return;
    // WSP 1.1-1.3 tokens take a Text-string (a leading '"' is text); the 1.4 ones a Text-value.
    case PARAM.start:
      out.start = stripBrackets(readTextString(v, ctx), ctx, at);
      return;
    case PARAM.start14:
      out.start = stripBrackets(readTextValue(v, ctx), ctx, at);
      return;
    case PARAM.name:
      out.name = readTextString(v, ctx);
      return;
    case PARAM.name14:
      out.name = readTextValue(v, ctx);
      return;
    case PARAM.filename:
      out.filename = readTextString(v, ctx);
      return;
    case PARAM.filename14:
      out.filename = readTextValue(v, ctx);
      return;
    case PARAM.startInfo:
    case PARAM.startInfo14:
      setParam(out, 'start-info', readTextValue(v, ctx));
      return;
    case PARAM.q: {
      const x = readUintvar(v);
      const q = qFromWire(x);
      if (q === undefined) {
        ctx.warn('unknown-parameter', at, `Q-value ${x} out of range; kept as text`);
        setParam(out, 'q', String(x));
      } else {
        out.q = q;
      }
      return;
    }
    case PARAM.padding:
    case PARAM.maxAge:
      setParam(out, token === PARAM.padding ? 'padding' : 'max-age', String(readIntegerValue(v)));
      return;
    case PARAM.comment:
    case PARAM.comment14:
    case PARAM.domain:
    case PARAM.domain14:
    case PARAM.path:
    case PARAM.path14: {
      const name = token === PARAM.comment || token === PARAM.comment14 ? 'comment' : token === PARAM.domain || token === PARAM.domain14 ? 'domain' : 'path';
      setParam(out, name, readTextValue(v, ctx));
      return;
    }
    default:
      skipValue(v, ctx);
      ctx.warn('unknown-parameter', at, `skipped content-type parameter 0x${hex(token)}`);
  }
}

function readUntyped(v: Reader, ctx: DecodeContext, out: ContentParams): void {
  const at = v.pos;
  const name = readTextString(v, ctx).toLowerCase();
  let value = '';
  if (!v.atEnd()) {
    const b = v.peek();
    value = b >= 0x80 || (b > 0 && b <= 30) ? String(readIntegerValue(v)) : readTextValue(v, ctx);
  }
  if (name === 'charset') out.charset = value.toLowerCase();
  else if (name === 'type') out.type = value;
  else if (name === 'start') out.start = stripBrackets(value, ctx, at);
  else if (name === 'name') out.name = value;
  else if (name === 'filename') out.filename = value;
  else setParam(out, name, value);
}

function setParam(out: ContentParams, name: string, value: string): void {
  // defineProperty, so a parameter named `__proto__` stays data and cannot touch the prototype.
  Object.defineProperty((out.params ??= {}), name, { value, enumerable: true, writable: true, configurable: true });
}

/** Text-value: No-value (0x00) | Token-text | Quoted-string. */
function readTextValue(v: Reader, ctx: DecodeContext): string {
  if (v.peek() === 0) {
    v.pos++;
    return '';
  }
  return readQuotedString(v, ctx);
}

function readCharset(v: Reader, ctx: DecodeContext): string {
  const at = v.pos;
  const b = v.peek();
  if (b === 0x80) {
    v.pos++;
    return '*';
  }
  if (b > 31 && b < 0x80) return readTextString(v, ctx).toLowerCase();
  const { name, known } = charsetName(readIntegerValue(v));
  if (!known) ctx.warn('unknown-charset', at, `unknown charset ${name}`);
  return name;
}

/** `<id>` -> `id`; ids sent without brackets (iPhone `0.smil`) are accepted with a warning. */
export function stripBrackets(id: string, ctx: DecodeContext, offset: number): string {
  if (id.length >= 2 && id.startsWith('<') && id.endsWith('>')) return id.slice(1, -1);
  ctx.warn('content-id-without-brackets', offset, `id without <>: ${JSON.stringify(id)}`);
  return id;
}

/** WSP Q-value: uintvar 1-100 for two decimals ((x-1)/100), 101-1099 for three ((x-100)/1000). */
function qFromWire(x: number): number | undefined {
  if (x >= 1 && x <= 100) return (x - 1) / 100;
  if (x >= 101 && x <= 1099) return (x - 100) / 1000;
  return undefined;
}

function qToWire(q: number): number {
  const milli = Math.round(q * 1000);
  if (!Number.isFinite(q) || q < 0 || milli > 999 || Math.abs(q * 1000 - milli) > 1e-6) {
    throw new PduError('PORM_PDU_INVALID_VALUE', `q must be 0 to 0.999 in steps of 0.001, got ${q}`);
  }
  return milli % 10 === 0 ? milli / 10 + 1 : milli + 100;
}

// ---- encoding ----------------------------------------------------------------------------

const MEDIA_TYPE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+\/[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function hasParams(p: ContentParams): boolean {
  return p.charset !== undefined || p.type !== undefined || p.start !== undefined || p.name !== undefined
    || p.filename !== undefined || p.q !== undefined || (p.params !== undefined && Object.keys(p.params).length > 0);
}

export function writeContentType(w: Writer, mediaType: string, p: ContentParams): void {
  checkMediaType(w, mediaType, 'media type');
  // A code above 127 is a Long-integer, which only the general (Value-length) form can carry.
  const code = contentTypeCode(mediaType, w.relay);
  if (!hasParams(p) && !(code !== undefined && code > 127)) {
    writeMedia(w, mediaType);
    return;
  }
  w.withValueLength(() => {
    writeMedia(w, mediaType);
    writeParams(w, p);
  });
}

/** Strict mode writes only `type/subtype`; relay mode any text the decoder read. */
function checkMediaType(w: Writer, mediaType: string, what: string): void {
  if (!w.relay && !MEDIA_TYPE.test(mediaType)) throw new PduError('PORM_PDU_INVALID_VALUE', `bad ${what} ${JSON.stringify(mediaType)}`);
}

function writeMedia(w: Writer, mediaType: string): void {
  // Relay mode keeps the case a peer used: only the exact table name becomes the code.
  const code = contentTypeCode(mediaType, w.relay);
  if (code === undefined) writeTextString(w, mediaType, 'media type', { quoteEmpty: true });
  else writeIntegerValue(w, code);
}

/** Typed parameters for what porm models, then the others (untyped, or typed when a WSP token takes them). */
export function writeParams(w: Writer, p: ContentParams): void {
  if (p.type !== undefined) {
    checkMediaType(w, p.type, 'type parameter');
    // Type (0x09) takes a Short-integer or text; a code above 127 needs Type (0x03), an Integer-value.
    const code = contentTypeCode(p.type, w.relay);
    w.u8(0x80 | (code !== undefined && code > 127 ? PARAM.typeInt : PARAM.type));
    writeMedia(w, p.type);
  }
  if (p.start !== undefined) {
    w.u8(0x80 | PARAM.start);
    writeTextString(w, `<${p.start}>`, 'start parameter');
  }
  if (p.charset !== undefined) writeCharsetParam(w, p.charset);
  if (p.name !== undefined) {
    w.u8(0x80 | PARAM.name);
    writeTextString(w, p.name, 'name parameter');
  }
  if (p.filename !== undefined) {
    w.u8(0x80 | PARAM.filename);
    writeTextString(w, p.filename, 'filename parameter');
  }
  if (p.q !== undefined) {
    w.u8(0x80 | PARAM.q);
    w.uintvar(qToWire(p.q));
  }
  for (const [name, value] of Object.entries(p.params ?? {})) {
    const integer = name === 'padding' ? PARAM.padding : name === 'max-age' ? PARAM.maxAge : undefined;
    if (integer !== undefined && /^(0|[1-9][0-9]{0,14})$/.test(value)) {
      // Decoded from the typed form, these read back as the same decimal string.
      w.u8(0x80 | integer);
      writeIntegerValue(w, Number(value));
      continue;
    }
    writeNameText(w, name, 'parameter name');
    writeUntypedText(w, value);
  }
}

function writeCharsetParam(w: Writer, charset: string): void {
  if (charset === '*') {
    w.u8(0x80 | PARAM.charset);
    w.u8(0x80);
    return;
  }
  const mib = charsetMib(charset);
  if (mib === undefined) {
    // No MIBenum known: the untyped form carries the name itself.
    writeTokenText(w, 'charset', 'parameter name');
    writeUntypedText(w, charset);
    return;
  }
  w.u8(0x80 | PARAM.charset);
  writeIntegerValue(w, mib);
}

/** Untyped Text-value: No-value, Token-text, or Quoted-string when the value is not a token. */
function writeUntypedText(w: Writer, value: string): void {
  if (value === '') w.u8(0);
  else if (isToken(value)) writeTextString(w, value, 'parameter value');
  else writeQuotedString(w, value, 'parameter value');
}
