// `porm pdu decode --summary`: what a large PDU holds, without its octets. Pure: a decoded PDU in,
// a summary object (the --json form) and its text lines out.
import type { ContentParams, DecodeResult, Part, Pdu } from '../mms/pdu/index.ts';
import { pduToJson } from '../mms/pdu/index.ts';
import type { Json } from '../mms/pdu/json.ts';

export interface PartSummary {
  /** 1-based position; `2.1` for the first part inside part 2 (a nested multipart). */
  index: string;
  content_type: string;
  /** Octets of the part's data (0 for a nested multipart, whose parts follow it). */
  size: number;
  /** name or filename parameter, the disposition's filename, Content-Location or Content-ID: the first there is. */
  name: string | null;
}

export interface PduSummary {
  message_type: string;
  mms_version: string;
  /** Octets of the whole PDU file. */
  size: number;
  /** Every header of the PDU with a value, as in the full JSON form (dates as ISO 8601). */
  headers: Record<string, Json>;
  content_type: string | null;
  /** A body that is not multipart: its size. */
  body_size: number | null;
  parts: PartSummary[];
  warnings: Array<{ code: string; offset: number; message: string }>;
}

const NOT_HEADERS = new Set(['messageType', 'mmsVersion', 'contentType', 'parts', 'body']);

function typeWithParams(mediaType: string, p: ContentParams): string {
  const params = [p.charset ? `charset=${p.charset}` : '', p.type ? `type=${p.type}` : '', p.start ? `start=<${p.start}>` : ''].filter(Boolean);
  return [mediaType, ...params].join('; ');
}

function partName(part: Part): string | null {
  return part.name ?? part.filename ?? part.disposition?.filename ?? part.contentLocation ?? (part.contentId ? `<${part.contentId}>` : null);
}

function summariseParts(parts: readonly Part[], prefix: string): PartSummary[] {
  return parts.flatMap((part, i) => {
    const index = `${prefix}${i + 1}`;
    const own: PartSummary = { index, content_type: typeWithParams(part.contentType, part), size: part.data.length, name: partName(part) };
    return [own, ...summariseParts(part.parts ?? [], `${index}.`)];
  });
}

export function summarisePdu(decoded: DecodeResult, fileSize: number): PduSummary {
  const pdu: Pdu = decoded.pdu;
  const json = pduToJson(pdu);
  const headers: Record<string, Json> = {};
  for (const [key, value] of Object.entries(json)) if (!NOT_HEADERS.has(key)) headers[key] = value;
  return {
    message_type: pdu.messageType, mms_version: pdu.mmsVersion, size: fileSize, headers,
    content_type: pdu.contentType ? typeWithParams(pdu.contentType.mediaType, pdu.contentType) : null,
    body_size: pdu.body ? pdu.body.length : null,
    parts: summariseParts(pdu.parts ?? [], ''),
    warnings: decoded.warnings.map((w) => ({ code: w.code, offset: w.offset, message: w.message })),
  };
}

function headerValue(value: Json): string {
  // From: an address, or the token asking the MMSC to insert the sender's.
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind !== undefined) {
    return value.kind === 'address' && typeof value.address === 'string' ? value.address : value.kind === 'insert' ? '(inserted by the MMSC)' : JSON.stringify(value);
  }
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The summary as aligned text: headers, then one line per part. */
export function summaryLines(s: PduSummary): string[] {
  const lines = [`${s.message_type}  MMS ${s.mms_version}  ${s.size} octets`];
  for (const [key, value] of Object.entries(s.headers)) lines.push(`  ${key}: ${headerValue(value)}`);
  if (s.content_type) lines.push(`  contentType: ${s.content_type}`);
  if (s.body_size !== null) lines.push(`body: ${s.body_size} octets`);
  if (s.parts.length > 0) {
    lines.push(`parts: ${s.parts.length}`);
    const w = { index: Math.max(...s.parts.map((p) => p.index.length)), type: Math.max(...s.parts.map((p) => p.content_type.length)), size: Math.max(...s.parts.map((p) => String(p.size).length)) };
    for (const p of s.parts) lines.push(`  ${p.index.padEnd(w.index)}  ${p.content_type.padEnd(w.type)}  ${String(p.size).padStart(w.size)} octets${p.name ? `  ${p.name}` : ''}`);
  }
  for (const warning of s.warnings) lines.push(`warning: ${warning.message} (${warning.code} at octet ${warning.offset})`);
  return lines;
}
