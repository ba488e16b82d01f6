// The JSON form of a PDU, used by `porm pdu decode|encode`: the model with dates as ISO-8601
// strings and octets as `{ "base64": "...", "size": N }` (on input `{ "text": "..." }` is
// accepted too, as UTF-8). Input is validated field by field so a typo is a clear error.
import type { Disposition, ExtraHeader, MessageType, Part, Pdu, PduHeaders } from './model.ts';
import { MESSAGE_TYPE_CODES } from './model.ts';
import { PduError } from './pdu-error.ts';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type PduJson = { [key: string]: Json };

// ---- to JSON -----------------------------------------------------------------------------

function toJson(value: unknown): Json | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return { base64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'), size: value.length };
  if (Array.isArray(value)) return value.map((v) => toJson(v) ?? null);
  const out: { [key: string]: Json } = {};
  for (const [k, v] of Object.entries(value as object)) {
    const j = toJson(v);
    if (j !== undefined) out[k] = j;
  }
  return out;
}

export function pduToJson(pdu: Pdu): PduJson {
  return toJson(pdu) as PduJson;
}

// ---- from JSON ---------------------------------------------------------------------------

type Obj = { [key: string]: unknown };

function fail(path: string, expected: string): never {
  throw new PduError('PORM_PDU_INVALID_JSON', `${path}: expected ${expected}`);
}
function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'an object');
  return v as Obj;
}
function str(v: unknown, path: string): string {
  return typeof v === 'string' ? v : fail(path, 'a string');
}
function num(v: unknown, path: string): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fail(path, 'a number');
}
function bool(v: unknown, path: string): boolean {
  return typeof v === 'boolean' ? v : fail(path, 'true or false');
}
function arr<T>(v: unknown, path: string, item: (v: unknown, path: string) => T): T[] {
  if (!Array.isArray(v)) fail(path, 'an array');
  return v.map((x, i) => item(x, `${path}[${i}]`));
}
function date(v: unknown, path: string): Date {
  const d = new Date(str(v, path));
  return Number.isNaN(d.getTime()) ? fail(path, 'an ISO-8601 date') : d;
}
function bytes(v: unknown, path: string): Uint8Array {
  const o = obj(v, path);
  if (typeof o.text === 'string') return Buffer.from(o.text, 'utf8');
  const b64 = str(o.base64, `${path}.base64`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) fail(`${path}.base64`, 'base64');
  return Buffer.from(b64, 'base64');
}
function time(v: unknown, path: string): PduHeaders['expiry'] {
  const o = obj(v, path);
  if (o.kind === 'absolute') return { kind: 'absolute', date: date(o.date, `${path}.date`) };
  if (o.kind === 'relative') return { kind: 'relative', seconds: num(o.seconds, `${path}.seconds`) };
  return fail(`${path}.kind`, '"absolute" or "relative"');
}
function from(v: unknown, path: string): PduHeaders['from'] {
  const o = obj(v, path);
  if (o.kind === 'insert') return { kind: 'insert' };
  if (o.kind === 'address') return { kind: 'address', address: str(o.address, `${path}.address`) };
  return fail(`${path}.kind`, '"insert" or "address"');
}
function entry<T>(value: (v: unknown, path: string) => T) {
  return (v: unknown, path: string) => {
    const o = obj(v, path);
    return { count: num(o.count, `${path}.count`), value: value(o.value, `${path}.value`) };
  };
}
function extraHeader(v: unknown, path: string): ExtraHeader {
  const o = obj(v, path);
  if (o.kind === 'binary') return { kind: 'binary', code: num(o.code, `${path}.code`), value: bytes(o.value, `${path}.value`) };
  if (o.kind === 'text') return { kind: 'text', name: str(o.name, `${path}.name`), value: str(o.value, `${path}.value`) };
  return fail(`${path}.kind`, '"binary" or "text"');
}

type Reader = (v: unknown, path: string) => unknown;
const strs: Reader = (v, p) => arr(v, p, str);
const nums: Reader = (v, p) => arr(v, p, num);

/** How each header reads from JSON (enumerations stay strings; the encoder checks them); a Record so a header added to the model must be added here. */
const HEADER_JSON: Record<keyof PduHeaders, Reader> = {
  transactionId: str, bcc: strs, cc: strs, to: strs, contentLocation: str, date, deliveryReport: bool,
  deliveryTime: time, expiry: time, from, messageClass: str, messageId: str, messageSize: num, priority: str,
  readReport: bool, reportAllowed: bool, responseStatus: num, responseText: str, senderVisibility: str,
  status: str, subject: str, retrieveStatus: num, retrieveText: str, readStatus: str, replyCharging: str,
  replyChargingDeadline: time, replyChargingId: str, replyChargingSize: num,
  previouslySentBy: (v, p) => arr(v, p, entry(str)), previouslySentDate: (v, p) => arr(v, p, entry(date)),
  store: bool, mmState: str,
  mmFlags: (v, p) => arr(v, p, (x, q) => ({ op: str(obj(x, q).op, `${q}.op`), flag: str(obj(x, q).flag, `${q}.flag`) })),
  storeStatus: num, storeStatusText: str, stored: bool, attributes: nums, totals: bool,
  mboxTotals: (v, p) => arr(v, p, mboxCount), quotas: bool, mboxQuotas: (v, p) => arr(v, p, mboxCount),
  messageCount: num, start: num, distributionIndicator: bool, limit: num, recommendedRetrievalMode: str,
  recommendedRetrievalModeText: str, statusText: str, applicId: str, replyApplicId: str, auxApplicInfo: str,
  contentClass: str, drmContent: bool, adaptationAllowed: bool, replaceId: str, cancelId: str, cancelStatus: str,
};

function mboxCount(v: unknown, path: string): unknown {
  const o = obj(v, path);
  return { kind: str(o.kind, `${path}.kind`), value: num(o.value, `${path}.value`) };
}

const PARAM_KEYS = ['charset', 'type', 'start', 'name', 'filename'] as const;

function params(o: Obj, path: string, into: { [k: string]: unknown }, keys: readonly string[] = PARAM_KEYS): void {
  for (const k of keys) if (o[k] !== undefined) into[k] = str(o[k], `${path}.${k}`);
  if (o.q !== undefined) into.q = num(o.q, `${path}.q`);
  if (o.params !== undefined) {
    const p = obj(o.params, `${path}.params`);
    into.params = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, str(v, `${path}.params.${k}`)]));
  }
}

function checkKeys(o: Obj, allowed: readonly string[], path: string): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) throw new PduError('PORM_PDU_INVALID_JSON', `${path}: unknown field ${JSON.stringify(k)}`);
}

const PART_KEYS = ['contentType', ...PARAM_KEYS, 'q', 'params', 'contentId', 'contentLocation', 'disposition', 'headers', 'data', 'parts'];

function part(v: unknown, path: string): Part {
  const o = obj(v, path);
  checkKeys(o, PART_KEYS, path);
  const p: { [k: string]: unknown } = { contentType: str(o.contentType, `${path}.contentType`) };
  params(o, path, p);
  if (o.contentId !== undefined) p.contentId = str(o.contentId, `${path}.contentId`);
  if (o.contentLocation !== undefined) p.contentLocation = str(o.contentLocation, `${path}.contentLocation`);
  if (o.disposition !== undefined) {
    const d = obj(o.disposition, `${path}.disposition`);
    checkKeys(d, ['type', 'filename', 'name', 'charset', 'params'], `${path}.disposition`);
    const disp: { [k: string]: unknown } = { type: str(d.type, `${path}.disposition.type`) as Disposition['type'] };
    params(d, `${path}.disposition`, disp, ['filename', 'name', 'charset']);
    p.disposition = disp;
  }
  if (o.headers !== undefined) p.headers = arr(o.headers, `${path}.headers`, extraHeader);
  p.data = o.data === undefined ? new Uint8Array(0) : bytes(o.data, `${path}.data`);
  if (o.parts !== undefined) p.parts = arr(o.parts, `${path}.parts`, part);
  return p as unknown as Part;
}

export function pduFromJson(value: unknown): Pdu {
  const o = obj(value, '$');
  const type = str(o.messageType, '$.messageType');
  if (!(type in MESSAGE_TYPE_CODES)) fail('$.messageType', `one of ${Object.keys(MESSAGE_TYPE_CODES).join(', ')}`);
  const pdu: { [k: string]: unknown } = {
    messageType: type as MessageType,
    mmsVersion: o.mmsVersion === undefined ? '1.2' : str(o.mmsVersion, '$.mmsVersion'),
  };
  const known = new Set(['messageType', 'mmsVersion', 'contentType', 'parts', 'body', 'extraHeaders', 'warnings', ...Object.keys(HEADER_JSON)]);
  for (const [k, v] of Object.entries(o)) {
    if (!known.has(k)) throw new PduError('PORM_PDU_INVALID_JSON', `$: unknown field ${JSON.stringify(k)}`);
    const read = (HEADER_JSON as Record<string, Reader | undefined>)[k];
    if (read !== undefined && v !== undefined) pdu[k] = read(v, `$.${k}`);
  }
  if (o.contentType !== undefined) {
    const c = obj(o.contentType, '$.contentType');
    checkKeys(c, ['mediaType', ...PARAM_KEYS, 'q', 'params'], '$.contentType');
    const ct: { [k: string]: unknown } = { mediaType: str(c.mediaType, '$.contentType.mediaType') };
    params(c, '$.contentType', ct);
    pdu.contentType = ct;
  }
  if (o.parts !== undefined) pdu.parts = arr(o.parts, '$.parts', part);
  if (o.body !== undefined) pdu.body = bytes(o.body, '$.body');
  if (o.extraHeaders !== undefined) pdu.extraHeaders = arr(o.extraHeaders, '$.extraHeaders', extraHeader);
  return pdu as unknown as Pdu;
}
