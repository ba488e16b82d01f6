// Reads ../shared/fixtures/mms/EXPECTED.md at test time (never copied into porm) and checks a
// decoded PDU against its rows. Each field kind of that file has a checker; an unknown field
// is reported, so a new row cannot pass silently.
import { createHash } from 'node:crypto';
import type { Part, Pdu } from '../model.ts';

export interface Row { file: string; field: string; value: string; note: string }
export interface InlineRow { id: string; hex: string; expected: string; note: string }
export interface EncoderRow { id: string; input: string; hex: string; note: string }

function cells(line: string): string[] {
  return line.split('|').slice(1, -1).map((c) => c.trim());
}
const unquote = (s: string): string => s.replace(/^`|`$/g, '');

export function parseExpected(md: string): { rows: Row[]; inline: InlineRow[]; encoder: EncoderRow[] } {
  const rows: Row[] = [];
  const inline: InlineRow[] = [];
  const encoder: EncoderRow[] = [];
  let file = '';
  let header = '';
  let section = '';
  for (const line of md.split('\n')) {
    if (line.startsWith('## ')) section = line.includes('handsets') ? 'handsets' : line.includes('conformance') ? 'conformance' : 'inline';
    if (!line.startsWith('|') || line.startsWith('|---')) continue;
    const c = cells(line);
    if (c[0] === 'file' || c[0] === 'id') {
      header = c[1] ?? '';
      continue;
    }
    if (section === 'inline' && header === 'hex') inline.push({ id: unquote(c[0]!), hex: unquote(c[1]!), expected: c[2]!, note: c[3] ?? '' });
    else if (section === 'inline') encoder.push({ id: unquote(c[0]!), input: c[1]!, hex: unquote(c[2]!), note: c[3] ?? '' });
    else {
      if (c[0] !== '〃') file = `${section}/${unquote(c[0]!)}`;
      rows.push({ file, field: c[1]!, value: c[2]!, note: c[3] ?? '' });
    }
  }
  return { rows, inline, encoder };
}

const lower = (s: string | undefined): string | undefined => s?.toLowerCase();
const absent = (v: string): boolean => v === 'absent' || v.startsWith('absent ');
const ticks = (s: string): string[] => [...s.matchAll(/`([^`]*)`/g)].map((m) => m[1]!);
const bare = (id: string): string => id.replace(/^<(.*)>$/, '$1');

function dataOf(spec: string): Uint8Array | undefined {
  // `"text"`, optionally `"a"`×7 + `"b"`; \xNN escapes mean Latin-1 octets, otherwise UTF-8.
  const pieces = [...spec.matchAll(/`"((?:[^"\\]|\\.)*)"`(?:×(\d+))?/g)];
  if (pieces.length === 0) return undefined;
  const latin1 = /\\x[0-9a-f]{2}/i.test(spec);
  const text = pieces.map((m) => m[1]!.repeat(Number(m[2] ?? 1))).join('')
    .replace(/\\r/g, '\r').replace(/\\n/g, '\n').replace(/\\x([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(text, latin1 ? 'latin1' : 'utf8');
}

/** Mismatches between one part and a description such as `image/jpeg; Name=\`a.jpg\`, data 3 octets`. */
function checkPart(p: Part | undefined, desc: string, input: Uint8Array): string[] {
  if (p === undefined) return [`no part for ${desc}`];
  const out: string[] = [];
  const media = /^[a-z]+\/[^\s;,(]+/.exec(desc)?.[0];
  if (media !== undefined && p.contentType !== media) out.push(`type ${p.contentType} != ${media}`);
  const charset = /charset=`?([A-Za-z0-9_-]+)/i.exec(desc)?.[1];
  if (charset && lower(p.charset) !== lower(charset)) out.push(`charset ${p.charset} != ${charset}`);
  const name = /\bname=`([^`]+)`/i.exec(desc)?.[1];
  if (name && p.name !== name) out.push(`name ${p.name} != ${name}`);
  const size = /(?:data |, |` )(\d+) octets/.exec(desc)?.[1] ?? /\((?:[^)]*, )?(\d+) octets\)/.exec(desc)?.[1];
  if (size && p.data.length !== Number(size)) out.push(`size ${p.data.length} != ${size}`);
  const sha = /sha256 `([0-9a-f]{64})`/.exec(desc)?.[1];
  if (sha && createHash('sha256').update(p.data).digest('hex') !== sha) out.push('sha256 differs');
  const data = dataOf(desc);
  // m.mms part[5] is described as `"globalisierung"`×7 + … (111 octets) next to "(105 octets)";
  // the bytes hold 105. When the description contradicts its own size, only the size is checked.
  const consistent = data !== undefined && (size === undefined || data.length === Number(size));
  if (data && consistent && Buffer.compare(Buffer.from(p.data), Buffer.from(data)) !== 0) out.push(`data ${JSON.stringify(Buffer.from(p.data).toString('latin1'))}`);
  const cid = /Content-ID `([^`]+)`/.exec(desc)?.[1] ?? ticks(desc).find((t) => t.startsWith('<'));
  if (cid && p.contentId !== bare(cid)) out.push(`content-id ${p.contentId} != ${cid}`);
  if (desc.includes('no Content-ID') && p.contentId !== undefined) out.push('unexpected Content-ID');
  const loc = /Content-Location `([^`]+)`/.exec(desc)?.[1];
  if (loc && p.contentLocation !== loc) out.push(`content-location ${p.contentLocation} != ${loc}`);
  const offset = /offset (\d+)/.exec(desc)?.[1];
  if (offset && p.data.byteOffset - input.byteOffset !== Number(offset)) out.push(`offset ${p.data.byteOffset - input.byteOffset} != ${offset}`);
  const length = /length (\d+)/.exec(desc)?.[1];
  if (length && p.data.length !== Number(length)) out.push(`length ${p.data.length} != ${length}`);
  const ct = /Content-Type `([^`;]+)(?:;charset=([^`]+))?`/.exec(desc);
  if (ct && (p.contentType !== ct[1] || lower(p.charset) !== lower(ct[2]))) out.push(`content-type ${p.contentType};${p.charset}`);
  return out;
}

const eq = (field: string, got: unknown, want: unknown): string[] =>
  JSON.stringify(got) === JSON.stringify(want) ? [] : [`${field}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`];

/** Mismatches of one EXPECTED.md row against the decoded PDU (empty = matches). */
export function checkRow(row: Row, pdu: Pdu, input: Uint8Array): string[] {
  const { field, value: v } = row;
  const opt = (got: string | undefined, want: string): string[] => eq(field, got, absent(want) ? undefined : want);
  switch (field) {
    case 'upstream test':
      return [];
    case 'overall size (octets)':
      return eq(field, input.length, Number(v));
    case 'Message-Type':
      return eq(field, pdu.messageType, /^[a-z-]+/.exec(v)![0]);
    case 'Transaction-ID':
      return opt(pdu.transactionId, v);
    case 'MMS-Version':
      return eq(field, pdu.mmsVersion, v);
    case 'From':
      return v.startsWith('insert-address-token') ? eq(field, pdu.from, { kind: 'insert' }) : eq(field, pdu.from, { kind: 'address', address: v });
    case 'To':
      return eq(field, pdu.to, absent(v) ? undefined : v.split(', '));
    case 'Subject':
      return opt(pdu.subject, v);
    case 'Message-Class':
      return eq(field, lower(pdu.messageClass), absent(v) ? undefined : v.toLowerCase());
    case 'Priority':
    case 'Sender-Visibility':
      return eq(field, field === 'Priority' ? pdu.priority : pdu.senderVisibility, absent(v) ? undefined : v.toLowerCase());
    case 'Message-ID':
      return opt(pdu.messageId, v);
    case 'Date':
      return eq(field, pdu.date?.toISOString().replace('.000Z', 'Z'), /(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)/.exec(v)![1]);
    case 'Expiry':
      return eq(field, pdu.expiry, { kind: 'relative', seconds: Number(/(\d+) s/.exec(v)![1]) });
    case 'Content-Location':
      // The bytes of con-271 carry a leading space (see the note); the decoder keeps it.
      return eq(field, pdu.contentLocation?.trim(), v);
    case 'Message-Size':
      return eq(field, pdu.messageSize, Number(v));
    case 'Delivery-Report':
    case 'Read-Report':
      return eq(field, field === 'Delivery-Report' ? pdu.deliveryReport : pdu.readReport, v === 'Yes');
    case 'unrecognised header': {
      const [name, value] = ticks(v)[0]!.split(': ');
      return pdu.extraHeaders?.some((h) => h.kind === 'text' && h.name === name && h.value === value) ? [] : [`${field}: ${name} not kept`];
    }
    case 'Content-Type': {
      const ct = pdu.contentType;
      const out = eq(field, ct?.mediaType, /^[^\s;(]+/.exec(v)![0]);
      const start = /Start=`([^`]+)`/.exec(v)?.[1];
      const type = /Type=([^\s;]+)/.exec(v)?.[1];
      out.push(...eq('start', ct?.start, start && bare(start)), ...eq('type', ct?.type, type));
      return out;
    }
    case 'number of parts':
      return eq(field, pdu.parts?.length, Number(v));
    case 'parts': {
      const [count, rest] = [Number(/^(\d+):/.exec(v)![1]), v.replace(/^\d+:\s*/, '')];
      const descs = rest.split(/; (?=[a-z]+\/[a-z])/);
      return [...eq('part count', pdu.parts?.length, count), ...descs.flatMap((d, i) => checkPart(pdu.parts?.[i], d, input))];
    }
    default: {
      const index = /^(?:part\[(\d+)\]|attachment (\d+))$/.exec(field);
      if (index === null) return [`unknown field ${field}`];
      const i = index[1] !== undefined ? Number(index[1]) : Number(index[2]) - 1;
      return checkPart(pdu.parts?.[i], v, input);
    }
  }
}
