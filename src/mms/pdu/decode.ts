// Lenient MM1 decoder. It accepts what real PDUs carry (mms-wire.md §1.12): headers in any
// order, unknown headers (kept in extraHeaders), recognised headers with unknown values,
// missing Transaction-ID, ids without <>, strings without their NUL. Every such tolerance is
// reported as a warning. Anything it cannot delimit throws PduError; time and memory are
// linear in the input, with parts, nesting and header counts capped by DecodeLimits.
import { readContentType } from './content-type.ts';
import { readBounded, readTextHeader } from './extra-headers.ts';
import { CONTENT_TYPE_HEADER, MESSAGE_TYPE_HEADER, SPEC_BY_CODE, VERSION_HEADER } from './headers.ts';
import { version as versionCodec } from './header-codecs.ts';
import { MESSAGE_TYPE_CODES, type ExtraHeader, type MessageType, type Pdu, type PduHeaders } from './model.ts';
import { readMultipart } from './multipart.ts';
import { PduError } from './pdu-error.ts';
import { hex, keepValue } from './primitives.ts';
import { DecodeContext, DEFAULT_LIMITS, type DecodeLimits, type DecodeWarning, Reader } from './reader.ts';
import { RULES } from './rules.ts';
import { isWspMultipart } from './well-known.ts';

export interface DecodeResult {
  pdu: Pdu;
  warnings: DecodeWarning[];
}

const TYPE_BY_CODE = new Map<number, MessageType>(
  (Object.entries(MESSAGE_TYPE_CODES) as [MessageType, number][]).map(([name, code]) => [code, name]),
);

export function decodePdu(input: Uint8Array, limits: Partial<DecodeLimits> = {}): DecodeResult {
  const ctx = new DecodeContext({ ...DEFAULT_LIMITS, ...limits });
  const r = Reader.of(input);
  const messageType = readMessageType(r);
  const headers: PduHeaders = {};
  const extras: ExtraHeader[] = [];
  let mmsVersion: string | undefined;
  let pdu: Pdu | undefined;
  let index = 1;

  while (!r.atEnd()) {
    if (index > ctx.limits.maxHeaders) throw new PduError('PORM_PDU_TOO_MANY_HEADERS', `more than ${ctx.limits.maxHeaders} headers`, r.pos);
    const at = r.pos;
    const b = r.peek();
    if (b === 0 && onlyNuls(r)) {
      // Real Nokia notifications end with a stray NUL after the last header; nothing is lost.
      ctx.warn('trailing-bytes', at, `${r.remaining} NUL octet(s) after the last header`);
      break;
    }
    if (b < 0x20) throw new PduError('PORM_PDU_MALFORMED', `0x${hex(b)} cannot start a header`, at);
    if (b < 0x80) {
      extras.push(readTextHeader(r, ctx));
      ctx.warn('unknown-header', at, 'textual application header kept');
    } else if (b === CONTENT_TYPE_HEADER) {
      r.pos++;
      pdu = { messageType, mmsVersion: '', ...headers };
      readBody(r, ctx, pdu);
      break;
    } else if (b === VERSION_HEADER) {
      r.pos++;
      const v = readBounded(r, ctx, (v) => versionCodec.read(v, ctx));
      if (v.ok && mmsVersion === undefined) mmsVersion = v.value;
      else ctx.warn(v.ok ? 'duplicate-header' : 'unrecognised-value', at, 'unusable X-Mms-MMS-Version ignored');
      if (index > 2) ctx.warn('header-order', at, 'X-Mms-MMS-Version is not among the first three headers');
    } else if (b === MESSAGE_TYPE_HEADER) {
      r.pos++;
      readBounded(r, ctx, () => undefined);
      ctx.warn('duplicate-header', at, 'second X-Mms-Message-Type ignored');
    } else {
      r.pos++;
      readHeader(r, ctx, messageType, b, headers, extras, at);
      if (b === 0x98 && index !== 1) ctx.warn('header-order', at, 'X-Mms-Transaction-Id is not the second header');
    }
    index++;
  }

  const result: Pdu = { ...(pdu ?? { messageType, ...headers }), messageType, mmsVersion: mmsVersion ?? '1.0' };
  if (mmsVersion === undefined) ctx.warn('missing-version', r.pos, 'no X-Mms-MMS-Version; assuming 1.0');
  if (extras.length > 0) result.extraHeaders = extras;
  if (result.transactionId === undefined && RULES[messageType].required.includes('transactionId')) {
    ctx.warn('missing-transaction-id', 0, `${messageType} without X-Mms-Transaction-Id`);
  }
  return { pdu: result, warnings: ctx.warnings };
}

function onlyNuls(r: Reader): boolean {
  for (let i = r.pos; i < r.end; i++) if (r.buf[i] !== 0) return false;
  return true;
}

function readMessageType(r: Reader): MessageType {
  if (r.remaining < 2 || r.peek() !== MESSAGE_TYPE_HEADER) {
    throw new PduError('PORM_PDU_UNKNOWN_MESSAGE_TYPE', 'a PDU must start with X-Mms-Message-Type (0x8C)', 0);
  }
  r.pos++;
  const code = r.u8();
  const type = TYPE_BY_CODE.get(code);
  if (type === undefined) throw new PduError('PORM_PDU_UNKNOWN_MESSAGE_TYPE', `unknown message type 0x${hex(code)}`, 1);
  return type;
}

function readHeader(r: Reader, ctx: DecodeContext, type: MessageType, code: number, headers: PduHeaders, extras: ExtraHeader[], at: number): void {
  const spec = SPEC_BY_CODE.get(code);
  if (spec === undefined) {
    extras.push({ kind: 'binary', code, value: keepValue(r, ctx) });
    ctx.warn('unknown-header', at, `header 0x${hex(code)} kept unread`);
    return;
  }
  const indexed = type === 'm-mbox-delete-conf' && (code === 0x83 || code === 0x93) && r.peek() > 0 && r.peek() <= 31;
  const v = indexed ? readBounded(r, ctx, () => { throw new PduError('PORM_PDU_MALFORMED', 'indexed form kept as read'); }) : readBounded(r, ctx, (v) => spec.read(v, ctx, headers));
  if (!v.ok) {
    extras.push({ kind: 'binary', code, value: v.raw });
    ctx.warn('unrecognised-value', at, `${spec.name}: ${v.error.message}; kept unread`);
  } else if (!v.value) {
    ctx.warn('duplicate-header', at, `second ${spec.name} ignored`);
  }
}

function readBody(r: Reader, ctx: DecodeContext, pdu: Pdu): void {
  const at = r.pos;
  const ct = readBounded(r, ctx, (v) => readContentType(v, ctx));
  if (!ct.ok) throw ct.error;
  pdu.contentType = ct.value;
  if (RULES[pdu.messageType].body === 'none') ctx.warn('unexpected-body', at, `${pdu.messageType} should not carry a Content-Type`);
  const body = r.until(r.end);
  if (!isWspMultipart(ct.value.mediaType)) {
    pdu.body = body.take(body.remaining);
    return;
  }
  if (body.atEnd()) {
    ctx.warn('missing-body', at, 'multipart Content-Type without a body (not even nEntries)');
    pdu.parts = [];
    return;
  }
  pdu.parts = readMultipart(body, ctx, 1);
}
