// Strict MM1 encoder: valid output only. Header order is Message-Type, Transaction-ID,
// MMS-Version, the other headers (table order in headers.ts), kept extra headers, and
// Content-Type last followed by the body. The output is allocated once: headers go through
// a small growable buffer, the body is measured first and part data copied once.
import { writeContentType } from './content-type.ts';
import { writeExtraHeader } from './extra-headers.ts';
import { CONTENT_TYPE_HEADER, HEADER_SPECS, type HeaderSpec, MESSAGE_TYPE_HEADER, TRANSACTION_ID, VERSION_HEADER } from './headers.ts';
import { version as versionCodec } from './header-codecs.ts';
import { MESSAGE_TYPE_CODES, type Pdu } from './model.ts';
import { planMultipart, type MultipartPlan } from './multipart.ts';
import { PduError } from './pdu-error.ts';
import { writeTextString } from './primitives.ts';
import { ENCODABLE_VERSIONS, INDEXED_IN_MBOX_DELETE_CONF, RULES } from './rules.ts';
import { isWspMultipart } from './well-known.ts';
import { Writer } from './writer.ts';

export interface EncodeOptions {
  /**
   * Write back a PDU that decodePdu returned, as it was read: the per-type rules (mandatory
   * headers, body presence, the From default, the plain form of m-mbox-delete-conf headers,
   * parts with data) and the canonical forms (addresses, media types, tokens, MMS 1.0-1.3) are
   * not enforced, since the peer did not follow them either. Every value is still checked to be
   * writable unambiguously, so whatever decodePdu accepts encodes to octets that decode to the
   * same model. porm's own PDUs use the default, strict mode.
   */
  relay?: boolean;
}

export function encodePdu(pdu: Pdu, options: EncodeOptions = {}): Buffer {
  const relay = options.relay === true;
  const headers = encodeHeaders(pdu, relay);
  const body = bodyOf(pdu, relay);
  if (body === undefined) return headers.result();
  const out = Buffer.allocUnsafe(headers.pos + body.size);
  headers.buf.copy(out, 0, 0, headers.pos);
  body.write(out, headers.pos);
  return out;
}

function encodeHeaders(pdu: Pdu, relay: boolean): Writer {
  const code = MESSAGE_TYPE_CODES[pdu.messageType];
  if (code === undefined) throw new PduError('PORM_PDU_INVALID_VALUE', `unknown message type ${JSON.stringify(pdu.messageType)}`);
  if (!relay && !(ENCODABLE_VERSIONS as readonly string[]).includes(pdu.mmsVersion)) {
    throw new PduError('PORM_PDU_INVALID_VALUE', `MMS version must be one of ${ENCODABLE_VERSIONS.join(', ')}, got ${JSON.stringify(pdu.mmsVersion)}`);
  }
  const h = !relay && pdu.messageType === 'm-send-req' && pdu.from === undefined ? { ...pdu, from: { kind: 'insert' as const } } : pdu;
  if (!relay) checkRules(h);
  const w = new Writer(512, relay);
  w.u8(MESSAGE_TYPE_HEADER);
  w.u8(code);
  TRANSACTION_ID.write(w, h);
  w.u8(VERSION_HEADER);
  versionCodec.write(w, h.mmsVersion, 'X-Mms-MMS-Version');
  for (const spec of presentSpecs(h)) {
    if (relay && h.messageType === 'm-mbox-delete-conf' && spec.key === 'responseText' && h.responseText !== undefined) {
      // A Value-length there reads as the indexed form, so the plain text goes as a Text-string.
      w.u8(spec.code);
      writeTextString(w, h.responseText, spec.name);
    } else {
      spec.write(w, h);
    }
  }
  for (const extra of h.extraHeaders ?? []) writeExtraHeader(w, extra);
  if (h.contentType !== undefined) {
    const { mediaType, ...params } = h.contentType;
    w.u8(CONTENT_TYPE_HEADER);
    writeContentType(w, mediaType, params);
  }
  return w;
}

const SPEC_INDEX = new Map<string, number>(HEADER_SPECS.map((spec, i) => [spec.key, i]));

/**
 * The specs of the headers `pdu` sets, in table order. Walking the few keys a PDU has is much
 * cheaper than probing all 56 specs (this is most of the cost of a small PDU).
 */
function presentSpecs(pdu: Pdu): HeaderSpec[] {
  const found: number[] = [];
  for (const key of Object.keys(pdu)) {
    const i = SPEC_INDEX.get(key);
    if (i !== undefined && (pdu as unknown as Record<string, unknown>)[key] !== undefined) found.push(i);
  }
  return found.sort((a, b) => a - b).map((i) => HEADER_SPECS[i]!);
}

function checkRules(pdu: Pdu): void {
  const rule = RULES[pdu.messageType];
  for (const key of rule.required) {
    const value = pdu[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) {
      throw new PduError('PORM_PDU_MISSING_HEADER', `${pdu.messageType} needs ${key}`);
    }
  }
  if (rule.oneOf && !rule.oneOf.some((k) => (pdu[k] as unknown[] | undefined)?.length)) {
    throw new PduError('PORM_PDU_MISSING_HEADER', `${pdu.messageType} needs one of ${rule.oneOf.join(', ')}`);
  }
  if (pdu.messageType === 'm-mbox-delete-conf') {
    for (const key of INDEXED_IN_MBOX_DELETE_CONF) {
      if (pdu[key] !== undefined) throw new PduError('PORM_PDU_INVALID_VALUE', `m-mbox-delete-conf takes ${key} only in its indexed form (extraHeaders)`);
    }
  }
  const hasBody = pdu.contentType !== undefined || pdu.parts !== undefined || pdu.body !== undefined;
  if (rule.body === 'none' && hasBody) throw new PduError('PORM_PDU_INVALID_VALUE', `${pdu.messageType} carries no Content-Type or body`);
  if (rule.body === 'required' && pdu.contentType === undefined) throw new PduError('PORM_PDU_MISSING_HEADER', `${pdu.messageType} needs contentType`);
  if (pdu.contentType === undefined && hasBody) throw new PduError('PORM_PDU_MISSING_HEADER', 'a body needs contentType');
}

function bodyOf(pdu: Pdu, relay: boolean): MultipartPlan | undefined {
  if (pdu.contentType === undefined) {
    if (pdu.parts !== undefined || pdu.body !== undefined) throw new PduError('PORM_PDU_MISSING_HEADER', 'a body needs contentType');
    return undefined;
  }
  if (isWspMultipart(pdu.contentType.mediaType)) {
    if (pdu.body !== undefined) throw new PduError('PORM_PDU_INVALID_VALUE', 'a multipart content type takes parts, not body');
    // Even a message without parts gets nEntries = 0: without it decoders see a truncated PDU.
    return planMultipart(pdu.parts ?? [], 1, relay);
  }
  if (pdu.parts !== undefined) throw new PduError('PORM_PDU_INVALID_VALUE', `parts need a WSP multipart content type, not ${pdu.contentType.mediaType}`);
  const body = pdu.body ?? new Uint8Array(0);
  return {
    size: body.length,
    write(out, pos) {
      out.set(body, pos);
      return pos + body.length;
    },
  };
}
