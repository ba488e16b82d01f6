// Feeds PDUs to Wireshark's tshark (an independent decoder) and compares its JSON with
// porm's model field by field. Recipes from ../shared/reference/interop-checks.md:
// B (WSP Push, text2pcap -P wsp-cl; many PDUs per capture, each packet independent) and
// A (HTTP POST body over a dummy TCP stream; any size). Tests skip when tshark is absent.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MESSAGE_TYPE_CODES, type Part, type Pdu, type TimeValue } from '../model.ts';

const ok = (cmd: string, args: string[]): boolean => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
export const tsharkSkip: false | string =
  !ok('tshark', ['--version']) ? 'skipped: tshark not installed' : !ok('text2pcap', ['--version']) ? 'skipped: text2pcap not installed' : false;

type Obj = { [key: string]: unknown };
export interface TsharkFrame { mmse: Obj | undefined; malformed: boolean }

function hexdump(packets: Uint8Array[]): string {
  const lines: string[] = [];
  for (const p of packets) {
    for (let off = 0; off < p.length; off += 16) {
      lines.push(`${off.toString(16).padStart(6, '0')} ${Buffer.from(p.subarray(off, off + 16)).toString('hex').replace(/(..)(?!$)/g, '$1 ')}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function run(packets: Uint8Array[], text2pcapArgs: string[], filter: string[]): TsharkFrame[] {
  const dir = mkdtempSync(join(tmpdir(), 'porm-tshark-'));
  try {
    writeFileSync(join(dir, 'in.txt'), hexdump(packets));
    const t2p = spawnSync('text2pcap', ['-q', ...text2pcapArgs, join(dir, 'in.txt'), join(dir, 'out.pcapng')], { encoding: 'utf8' });
    if (t2p.status !== 0) throw new Error(`text2pcap failed: ${t2p.stderr}`);
    const ts = spawnSync('tshark', ['-r', join(dir, 'out.pcapng'), ...filter, '-T', 'json', '--no-duplicate-keys'], { maxBuffer: 1 << 28 });
    if (ts.status !== 0) throw new Error(`tshark failed: ${ts.stderr.toString()}`);
    // tshark may emit invalid UTF-8 for binary text; decode leniently like mmse-decode does.
    const frames = JSON.parse(new TextDecoder('utf-8').decode(ts.stdout)) as { _source: { layers: Obj } }[];
    return frames.map((f) => {
      const mmse = f._source.layers.mmse;
      return { mmse: (Array.isArray(mmse) ? mmse[0] : mmse) as Obj | undefined, malformed: JSON.stringify(f).includes('_ws.malformed') };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Recipe B: each PDU (< 262 144 octets) as its own WSP Push packet, one tshark run for all. */
export function tsharkMany(pdus: Uint8Array[]): TsharkFrame[] {
  const wrapped = pdus.map((p) => Buffer.concat([Buffer.from([0x01, 0x06, 0x03, 0xbe, 0xaf, 0x84]), p]));
  return run(wrapped, ['-P', 'wsp-cl'], []);
}

/** Recipe A: the PDU as an HTTP POST body in 1400-octet TCP segments; any size. */
export function tsharkHttp(pdu: Uint8Array): TsharkFrame {
  const head = `POST /mms HTTP/1.1\r\nHost: mmsc.example.net\r\nContent-Type: application/vnd.wap.mms-message\r\nContent-Length: ${pdu.length}\r\n\r\n`;
  const req = Buffer.concat([Buffer.from(head), pdu]);
  const segments: Uint8Array[] = [];
  for (let off = 0; off < req.length; off += 1400) segments.push(req.subarray(off, off + 1400));
  const frames = run(segments, ['-T', '40000,80'], ['-Y', 'mmse']);
  return frames[0] ?? { mmse: undefined, malformed: true };
}

// ---- field-by-field comparison -----------------------------------------------------------

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** tshark's absolute time format: `Jun  3, 2011 14:25:07.000000000 UTC`. */
export function tsharkDate(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')}, ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.000000000 UTC`;
}

const code = (names: readonly string[], v: string | undefined): string | undefined =>
  v === undefined ? undefined : `0x${(0x80 + names.indexOf(v)).toString(16)}`;
const hx = (n: number | undefined): string | undefined => (n === undefined ? undefined : `0x${n.toString(16)}`);
const yn = (b: boolean | undefined): string | undefined => (b === undefined ? undefined : b ? '0x80' : '0x81');
const one = <T>(list: T[] | undefined): T | T[] | undefined => (list === undefined ? undefined : list.length === 1 ? list[0] : list);
/** tshark shows non-ASCII header text octet by octet (U+FFFD), so only ASCII text is compared. */
const ascii = (s: string | undefined): string | undefined => (s !== undefined && /^[\x20-\x7e]*$/.test(s) ? s : undefined);

/** tshark 4.0 reads Long-integers into 32 bits (larger values show as 0), so those are not compared. */
const u32 = (n: number | undefined): string | undefined => (n !== undefined && n <= 0xffffffff ? String(n) : undefined);

function time(prefix: string, t: TimeValue | undefined, out: Obj): void {
  if (t?.kind === 'relative') out[`${prefix}.rel`] = t.seconds <= 0xffffffff ? `${t.seconds}.000000000` : undefined;
  if (t?.kind === 'absolute') out[`${prefix}.abs`] = tsharkDate(t.date);
}

/** What tshark's mmse layer should show for `pdu` (keys without the `mmse.` prefix). */
const CLASSES = ['personal', 'advertisement', 'informational', 'auto'];

function expectedHeaders(pdu: Pdu): Obj {
  const knownClass = pdu.messageClass !== undefined && CLASSES.includes(pdu.messageClass);
  const out: Obj = {
    message_type: hx(MESSAGE_TYPE_CODES[pdu.messageType]),
    transaction_id: pdu.transactionId,
    mms_version: pdu.mmsVersion,
    message_id: pdu.messageId,
    date: pdu.date && tsharkDate(pdu.date),
    from: pdu.from && (pdu.from.kind === 'insert' ? '<insert address>' : ascii(pdu.from.address)),
    to: one(pdu.to), cc: one(pdu.cc), bcc: one(pdu.bcc),
    subject: ascii(pdu.subject),
    'message_class.id': knownClass ? code(CLASSES, pdu.messageClass) : undefined,
    'message_class.str': knownClass ? undefined : pdu.messageClass,
    message_size: u32(pdu.messageSize),
    priority: code(['low', 'normal', 'high'], pdu.priority),
    sender_visibility: code(['hide', 'show'], pdu.senderVisibility),
    delivery_report: yn(pdu.deliveryReport),
    read_report: yn(pdu.readReport),
    report_allowed: yn(pdu.reportAllowed),
    status: code(['expired', 'retrieved', 'rejected', 'deferred', 'unrecognised', 'indeterminate', 'forwarded', 'unreachable'], pdu.status),
    read_status: code(['read', 'deleted-without-being-read'], pdu.readStatus),
    response_status: hx(pdu.responseStatus),
    response_text: ascii(pdu.responseText),
    retrieve_status: hx(pdu.retrieveStatus),
    retrieve_text: ascii(pdu.retrieveText),
    content_location: pdu.contentLocation,
    reply_charging: code(['requested', 'requested-text-only', 'accepted', 'accepted-text-only'], pdu.replyCharging),
    reply_charging_id: pdu.replyChargingId,
    reply_charging_size: u32(pdu.replyChargingSize),
    previously_sent_by: one(pdu.previouslySentBy?.map((e) => e.value)),
    previously_sent_date: one(pdu.previouslySentDate?.map((e) => tsharkDate(e.value))),
  };
  if (pdu.messageType === 'm-mbox-delete-conf') {
    // tshark reads these two as the indexed (Value-length Status-count …) forms of that PDU.
    out.content_location = undefined;
    out.response_text = undefined;
  }
  time('expiry', pdu.expiry, out);
  time('delivery_time', pdu.deliveryTime, out);
  time('reply_charging_deadline', pdu.replyChargingDeadline, out);
  return out;
}

// Keys tshark prints that carry no header value of their own.
const IGNORED = /(_tree$|^header\.|^ffheader$)/;

function compare(label: string, got: unknown, want: unknown, out: string[]): void {
  if (JSON.stringify(got) !== JSON.stringify(want)) out.push(`${label}: tshark ${JSON.stringify(got)}, porm ${JSON.stringify(want)}`);
}

/** Differences between tshark's decode and porm's model of the same PDU (empty = agree). */
export function tsharkMismatches(pdu: Pdu, mmse: Obj): string[] {
  const out: string[] = [];
  const want = expectedHeaders(pdu);
  const nonAscii = (v: unknown): boolean => typeof v === 'string' && /[^\x20-\x7e]/.test(v);
  for (const [k, v] of Object.entries(want)) {
    const got = mmse[`mmse.${k}`];
    if (v === undefined && (nonAscii(got) || got === '0' || got === '0.000000000' || k === 'content_location' || k === 'response_text')) continue; // see expectedHeaders
    compare(k, got, v, out);
  }
  for (const k of Object.keys(mmse)) {
    if (k.startsWith('mmse.') && !IGNORED.test(k.slice(5)) && !(k.slice(5) in want)) out.push(`tshark shows ${k} that porm did not decode`);
  }
  compareBody(pdu, mmse, out);
  return out;
}

/** `"<id>"` or `<id>` or `id` -> `id` (porm's model keeps ids without brackets). */
function bare(v: unknown): unknown {
  return typeof v === 'string' ? v.replace(/^"(.*)"$/, '$1').replace(/^<(.*)>$/, '$1') : v;
}

function params(tree: unknown): Obj {
  return (tree ?? {}) as Obj;
}

function compareBody(pdu: Pdu, mmse: Obj, out: string[]): void {
  compare('content type', mmse['wsp.header.content_type'], pdu.contentType?.mediaType, out);
  if (pdu.contentType === undefined) return;
  const p = params(mmse['wsp.header.content_type_tree']);
  compare('type param', p['wsp.parameter.upart.type'], pdu.contentType.type, out);
  compare('start param', bare(p['wsp.parameter.start']), ascii(pdu.contentType.start) ?? bare(p['wsp.parameter.start']), out);
  if (pdu.parts === undefined) return;
  const body = (mmse['wsp.post.data'] as Obj | undefined)?.['Multipart body'] as Obj | undefined;
  const tree = body?.['wsp.multipart_tree'];
  const parts = (tree === undefined ? [] : Array.isArray(tree) ? tree : [tree]) as Obj[];
  compare('part count', parts.length, pdu.parts.length, out);
  pdu.parts.forEach((part, i) => comparePart(`part[${i}]`, part, parts[i] ?? {}, out));
}

function comparePart(label: string, part: Part, t: Obj, out: string[]): void {
  compare(`${label} content type`, t['wsp.header.content_type'], part.contentType, out);
  const p = params(t['wsp.header.content_type_tree']);
  // Untyped (Token-text) parameters appear only as values under wsp.untype.text.
  const untyped: unknown[] = [p['wsp.untype.text'] ?? []].flat();
  const charset = (p['wsp.parameter.charset'] as string | undefined)?.toLowerCase();
  // `mib-N` charsets have no name porm knows; tshark may know one.
  if (!(charset === undefined && untyped.includes(part.charset)) && !part.charset?.startsWith('mib-')) compare(`${label} charset`, charset, part.charset?.toLowerCase(), out);
  if (part.name !== undefined && /^[\x20-\x7e]*$/.test(part.name) && !untyped.includes(part.name)) compare(`${label} name`, p['wsp.parameter.name'], part.name, out);
  const h = params(t['wsp.headers']);
  compare(`${label} Content-ID`, bare(h['wsp.header.content_id']), ascii(part.contentId) ?? bare(h['wsp.header.content_id']), out);
  compare(`${label} Content-Location`, h['wsp.header.content_location'], ascii(part.contentLocation) ?? h['wsp.header.content_location'], out);
  if (part.disposition !== undefined) {
    compare(`${label} disposition`, h['wsp.header.content_disposition'], part.disposition.type, out);
    const filename = params(h['wsp.header.content_disposition_tree'])['wsp.parameter.filename'];
    compare(`${label} filename`, filename, part.disposition.filename === undefined ? undefined : ascii(part.disposition.filename) ?? filename, out);
  }
  const media = (t.media as Obj | undefined)?.['media.type'];
  if (typeof media === 'string' && part.data.length > 0) compare(`${label} data`, media, Buffer.from(part.data).toString('hex').replace(/(..)(?!$)/g, '$1:'), out);
}
