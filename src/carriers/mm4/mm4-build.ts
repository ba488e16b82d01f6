import { randomUUID } from 'node:crypto';
import type { MessageBody } from '../../mms/smil/index.ts';
import { buildPart, BoundarySource, type MimeBuildOptions } from '../../mms/mm7/mime-build.ts';
import { mm7ContentOf } from '../mm7/mime-content.ts';
import type { Mm4RequestStatus, Mm4Type } from './mm4-headers.ts';

// Writing MM4 messages (RFC 2822 + MIME, with the X-Mms-* headers of 3GPP TS 23.140 §8.4.1):
// MM4_forward.REQ for porm's outbound MMS, and the *.RES answers porm owes a peer. Pure: the
// caller passes the date and the ids. Every line ends CRLF, leaves are base64 so the message is
// 7-bit clean for any SMTP relay in between.

export interface Mm4System {
  /** porm's MM4 domain. */
  domain: string;
  /** Local part of porm's originator-system address. */
  systemUser: string;
  mmsVersion: string;
}

export interface ForwardRequest {
  transactionId: string;
  messageId: string;
  from: string;
  to: string;
  subject: string | null;
  date: Date;
  expiry: Date | null;
  ackRequest: boolean;
  deliveryReport: boolean;
  body: MessageBody;
}

export interface BuiltMail {
  /** The SMTP envelope (MAIL FROM / RCPT TO). */
  envelope: { from: string; to: string };
  raw: Buffer;
}

const MIME: MimeBuildOptions = { transferEncoding: 'base64' };

export function originatorSystem(system: Mm4System): string {
  return `${system.systemUser}@${system.domain}`;
}

/** MM4_forward.REQ: the message as porm's MMSC forwards it to the recipient's MMSC. */
export function buildForwardReq(system: Mm4System, req: ForwardRequest, boundary?: (depth: number, index: number) => string): BuiltMail {
  const headers: Array<[string, string]> = [
    ['From', req.from],
    ['To', req.to],
    ['Date', req.date.toUTCString().replace('GMT', '+0000')],
    ['Message-ID', `<${req.messageId}>`],
    ...(req.subject !== null && req.subject !== '' ? [['Subject', encodeWords(req.subject)] as [string, string]] : []),
    ['MIME-Version', '1.0'],
    ['X-Mms-3GPP-MMS-Version', system.mmsVersion],
    ['X-Mms-Message-Type', 'MM4_forward.REQ'],
    ['X-Mms-Transaction-ID', req.transactionId],
    ['X-Mms-Message-ID', req.messageId],
    ['X-Mms-Ack-Request', req.ackRequest ? 'Yes' : 'No'],
    ['X-Mms-Originator-System', originatorSystem(system)],
    ['X-Mms-Delivery-Report', req.deliveryReport ? 'Yes' : 'No'],
    ['X-Mms-Read-Reply', 'No'],
    ['X-Mms-Message-Class', 'Informational'],
    ['X-Mms-Priority', 'Normal'],
    ...(req.expiry !== null ? [['X-Mms-Expiry', req.expiry.toUTCString().replace('GMT', '+0000')] as [string, string]] : []),
    ['X-Mms-Forward-Counter', '1'],
  ];
  const { part } = mm7ContentOf(req.body);
  const built = buildPart(part, MIME, new BoundarySource(boundary ?? ((depth, index) => `porm-mm4-${depth}-${index}-${randomUUID()}`)), 0, 'mm4');
  // buildPart wrote the part's own headers (Content-Type with its boundary, Content-ID): they become
  // the message's MIME headers, after the RFC 2822 and X-Mms ones.
  const head = headers.map(([k, v]) => `${k}: ${headerValue(v)}\r\n`).join('') + built.headers + '\r\n';
  return { envelope: { from: originatorSystem(system), to: bareAddress(req.to) }, raw: Buffer.concat([Buffer.from(head, 'latin1'), ...built.body]) };
}

export interface ResponseFields {
  type: Extract<Mm4Type, 'MM4_forward.RES' | 'MM4_delivery_report.RES' | 'MM4_read_reply_report.RES'>;
  transactionId: string;
  messageId: string;
  /** The peer's originator-system address: where the answer goes. */
  to: string;
  status: Mm4RequestStatus;
  statusText?: string;
  date: Date;
  /** Message-ID of this answer. */
  ownMessageId: string;
}

/** An MM4 answer porm sends a peer (no content; the headers are the whole message). */
export function buildResponse(system: Mm4System, res: ResponseFields): BuiltMail {
  const headers: Array<[string, string]> = [
    ['From', originatorSystem(system)],
    ['To', res.to],
    ['Date', res.date.toUTCString().replace('GMT', '+0000')],
    ['Message-ID', `<${res.ownMessageId}>`],
    ['MIME-Version', '1.0'],
    ['X-Mms-3GPP-MMS-Version', system.mmsVersion],
    ['X-Mms-Message-Type', res.type],
    ['X-Mms-Transaction-ID', res.transactionId],
    ['X-Mms-Message-ID', res.messageId],
    ['X-Mms-Request-Status-Code', res.status],
    ...(res.statusText !== undefined ? [['X-Mms-Status-Text', encodeWords(res.statusText)] as [string, string]] : []),
    ['X-Mms-Originator-System', originatorSystem(system)],
    ['Content-Type', 'text/plain; charset=us-ascii'],
  ];
  const raw = headers.map(([k, v]) => `${k}: ${headerValue(v)}\r\n`).join('') + '\r\n';
  return { envelope: { from: originatorSystem(system), to: bareAddress(res.to) }, raw: Buffer.from(raw, 'latin1') };
}

/** The addr-spec of a mailbox written `Name <a@b>` or `a@b`. */
export function bareAddress(mailbox: string): string {
  return /<([^>]*)>/.exec(mailbox)?.[1] ?? mailbox.trim();
}

/**
 * A header value as it may be written: printable ASCII only (no CR/LF, which would inject headers),
 * ids and addresses come from porm or were checked. Throws rather than write a broken header.
 */
function headerValue(value: string): string {
  // Folding (CRLF then a space) is the one line break allowed: encodeWords writes it.
  if (!/^(?:[\x20-\x7e]|\r\n )*$/.test(value)) throw new RangeError(`header value not printable ASCII: ${JSON.stringify(value.slice(0, 40))}`);
  if (value.split('\r\n').some((line) => line.length > 900)) throw new RangeError('header line longer than 900 characters');
  return value;
}

/** RFC 2047 encoded-words (UTF-8, base64) for text that is not plain ASCII; whole characters per word. */
export function encodeWords(text: string): string {
  const clean = text.replace(/[\r\n\t]+/g, ' ');
  if (/^[\x20-\x7e]*$/.test(clean) && !clean.includes('=?')) return clean;
  const words: string[] = [];
  let chunk = '';
  for (const ch of clean) {
    // 45 bytes of UTF-8 → 60 base64 characters: each encoded-word stays under RFC 2047's 75.
    if (Buffer.byteLength(chunk + ch, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk !== '') words.push(chunk);
  // Folded onto continuation lines: a long subject stays within the 998-octet line limit.
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

export interface DeliveryReportFields {
  transactionId: string;
  /** The X-Mms-Message-ID of the forwarded message this reports on. */
  messageId: string;
  /** Originator system of that message: where the report goes. */
  to: string;
  /** The recipient's and the original sender's mailboxes. */
  recipient: string;
  sender: string;
  mmStatus: string;
  statusText?: string;
  ackRequest: boolean;
  date: Date;
  ownMessageId: string;
}

/** MM4_delivery_report.REQ, as a recipient MMSC writes it (porm's sandbox peer plays that part). */
export function buildDeliveryReportReq(system: Mm4System, r: DeliveryReportFields): BuiltMail {
  const headers: Array<[string, string]> = [
    ['From', r.recipient],
    ['To', r.sender],
    ['Date', r.date.toUTCString().replace('GMT', '+0000')],
    ['Message-ID', `<${r.ownMessageId}>`],
    ['MIME-Version', '1.0'],
    ['X-Mms-3GPP-MMS-Version', system.mmsVersion],
    ['X-Mms-Message-Type', 'MM4_delivery_report.REQ'],
    ['X-Mms-Transaction-ID', r.transactionId],
    ['X-Mms-Message-ID', r.messageId],
    ['X-Mms-Ack-Request', r.ackRequest ? 'Yes' : 'No'],
    ['X-Mms-Originator-System', originatorSystem(system)],
    ['X-Mms-MM-Status-Code', r.mmStatus],
    ...(r.statusText !== undefined ? [['X-Mms-Status-Text', encodeWords(r.statusText)] as [string, string]] : []),
    ['Content-Type', 'text/plain; charset=us-ascii'],
  ];
  const raw = headers.map(([k, v]) => `${k}: ${headerValue(v)}\r\n`).join('') + '\r\n';
  return { envelope: { from: originatorSystem(system), to: bareAddress(r.to) }, raw: Buffer.from(raw, 'latin1') };
}
