import { simpleParser, type AddressObject, type HeaderValue, type ParsedMail } from 'mailparser';
import { MM4_MM_STATUSES, MM4_REQUEST_STATUSES, MM4_TYPES, oneOf, type Mm4MmStatus, type Mm4RequestStatus } from './mm4-headers.ts';
import { numberOfMailbox } from './mm4-address.ts';

// Reading what a peer MMSC sends porm's SMTP listener: an RFC 2822 message whose X-Mms-Message-Type
// says which MM4 operation it is. mailparser (nodemailer project) does the RFC 2822/MIME work —
// folding, encoded words, transfer encodings, nested multiparts; this file checks the 3GPP headers
// and turns the message into one of porm's typed shapes, or says precisely what is wrong.

export interface Mm4Attachment {
  contentType: string;
  data: Buffer;
  filename: string | null;
}

interface Common {
  transactionId: string;
  messageId: string;
  /** X-Mms-Originator-System: where an answer goes. */
  originatorSystem: string | null;
  ackRequested: boolean;
}

export type Mm4Incoming =
  | (Common & { type: 'MM4_forward.REQ'; from: string; to: string[]; subject: string | null; text: string; attachments: Mm4Attachment[] })
  | (Common & { type: 'MM4_forward.RES'; status: Mm4RequestStatus; statusText: string | null })
  | (Common & { type: 'MM4_delivery_report.REQ'; mmStatus: Mm4MmStatus; statusText: string | null; date: number | null })
  | (Common & { type: 'MM4_read_reply_report.REQ'; readStatus: 'read' | 'deleted-unread' | 'unknown'; date: number | null })
  | (Common & { type: 'MM4_delivery_report.RES' | 'MM4_read_reply_report.RES' });

/** Why a message cannot be taken; `smtp` is the reply code the listener answers with. */
export class Mm4ParseError extends Error {
  constructor(readonly reason: 'not-mm4' | 'missing-header' | 'bad-value' | 'bad-address' | 'unreadable', message: string) {
    super(message);
    this.name = 'Mm4ParseError';
  }
}

export async function parseMm4(raw: Buffer): Promise<Mm4Incoming> {
  let mail: ParsedMail;
  try {
    // skipHtmlToText/skipTextLinks: porm wants the parts, not a rendering of them.
    mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  } catch (err) {
    throw new Mm4ParseError('unreadable', `the message cannot be parsed as RFC 2822/MIME: ${(err as Error).message}`);
  }
  const header = (name: string): string | undefined => textOf(mail.headers.get(name.toLowerCase()));
  const typeValue = header('X-Mms-Message-Type');
  if (typeValue === undefined) throw new Mm4ParseError('not-mm4', 'no X-Mms-Message-Type header: not an MM4 message');
  const type = oneOf(typeValue, MM4_TYPES);
  if (type === undefined) throw new Mm4ParseError('bad-value', `X-Mms-Message-Type "${typeValue.slice(0, 60)}" is not an MM4 operation porm knows`);
  const transactionId = required(header('X-Mms-Transaction-ID'), 'X-Mms-Transaction-ID');
  const messageIdHeader = header('X-Mms-Message-ID');
  // A forward.RES must echo the Message-ID; some peers leave it out of reports and send only the
  // transaction id, which porm's own forwards make derivable (see mm4-carrier.ts).
  const messageId = messageIdHeader !== undefined ? unbracket(messageIdHeader) : '';
  const common: Common = {
    transactionId, messageId,
    originatorSystem: header('X-Mms-Originator-System') ?? null,
    ackRequested: /^yes$/i.test(header('X-Mms-Ack-Request') ?? ''),
  };
  switch (type) {
    case 'MM4_forward.REQ': {
      if (messageId === '') throw new Mm4ParseError('missing-header', 'MM4_forward.REQ without X-Mms-Message-ID');
      const from = numberOf(addressesOf(mail.from), 'From')[0];
      if (from === undefined) throw new Mm4ParseError('bad-address', 'From is not a PLMN address (+number/TYPE=PLMN@domain)');
      const to = [...numberOf(addressesOf(mail.to), 'To'), ...numberOf(addressesOf(mail.cc), 'Cc')];
      if (to.length === 0) throw new Mm4ParseError('bad-address', 'no PLMN recipient in To or Cc');
      const attachments: Mm4Attachment[] = [];
      const texts: string[] = mail.text !== undefined && mail.text !== '' ? [mail.text] : [];
      for (const a of mail.attachments) {
        const data = Buffer.isBuffer(a.content) ? a.content : Buffer.alloc(0);
        const contentType = a.contentType.toLowerCase();
        if (contentType === 'application/smil') continue;
        // In a multipart/related MM, text parts sit beside the media; mailparser hands the first
        // text/plain over as `text` and keeps the others as attachments.
        if (contentType === 'text/plain') {
          texts.push(data.toString('utf8'));
          continue;
        }
        attachments.push({ contentType, data, filename: a.filename ?? textOf(a.headers.get('content-location')) ?? null });
      }
      return { ...common, type, from, to, subject: mail.subject ?? null, text: texts.join('\n').replace(/\r\n/g, '\n').trimEnd(), attachments };
    }
    case 'MM4_forward.RES': {
      const statusValue = required(header('X-Mms-Request-Status-Code'), 'X-Mms-Request-Status-Code');
      const status = oneOf(statusValue, MM4_REQUEST_STATUSES);
      if (status === undefined) throw new Mm4ParseError('bad-value', `X-Mms-Request-Status-Code "${statusValue.slice(0, 60)}" is not a 23.140 status`);
      return { ...common, type, status, statusText: header('X-Mms-Status-Text') ?? null };
    }
    case 'MM4_delivery_report.REQ': {
      const statusValue = required(header('X-Mms-MM-Status-Code'), 'X-Mms-MM-Status-Code');
      const mmStatus = oneOf(statusValue, MM4_MM_STATUSES);
      if (mmStatus === undefined) throw new Mm4ParseError('bad-value', `X-Mms-MM-Status-Code "${statusValue.slice(0, 60)}" is not a 23.140 status`);
      if (messageId === '') throw new Mm4ParseError('missing-header', 'MM4_delivery_report.REQ without X-Mms-Message-ID');
      return { ...common, type, mmStatus, statusText: header('X-Mms-Status-Text') ?? null, date: mail.date?.getTime() ?? null };
    }
    case 'MM4_read_reply_report.REQ': {
      if (messageId === '') throw new Mm4ParseError('missing-header', 'MM4_read_reply_report.REQ without X-Mms-Message-ID');
      const read = (header('X-Mms-Read-Status') ?? '').toLowerCase();
      const readStatus = read === 'read' ? 'read' : read.startsWith('deleted') ? 'deleted-unread' : 'unknown';
      return { ...common, type, readStatus, date: mail.date?.getTime() ?? null };
    }
    default:
      return { ...common, type };
  }
}

function required(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new Mm4ParseError('missing-header', `no ${name} header`);
  if (value.length > 200) throw new Mm4ParseError('bad-value', `${name} is longer than 200 characters`);
  return value;
}

function textOf(value: HeaderValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return undefined;
}

function unbracket(id: string): string {
  return id.replace(/^<(.*)>$/, '$1').trim();
}

function addressesOf(value: AddressObject | AddressObject[] | undefined): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((a) => a.value.flatMap((e) => [e.address ?? '', ...(e.group ?? []).map((g) => g.address ?? '')])).filter((a) => a !== '');
}

function numberOf(addresses: string[], field: string): string[] {
  const numbers = addresses.map(numberOfMailbox);
  if (numbers.some((n) => n === null) && numbers.every((n) => n === null) && addresses.length > 0) {
    throw new Mm4ParseError('bad-address', `${field} holds no PLMN address (+number/TYPE=PLMN@domain)`);
  }
  return numbers.filter((n): n is string => n !== null);
}
