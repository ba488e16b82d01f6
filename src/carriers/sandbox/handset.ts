import { encodePdu, type Part, type Pdu } from '../../mms/pdu/index.ts';
import { isMultipart, parseMm7Message, type MimePart } from '../../mms/mm7/index.ts';
import type { SubmissionRow } from './sandbox-ledger.ts';

/** What a handset sees of one message: the push it is woken with and the MMS it downloads. */
export interface HandsetView {
  carrierMessageId: string;
  notificationInd: Pdu;
  retrieveConf: Pdu;
  notificationBytes: Buffer;
  retrieveConfBytes: Buffer;
}

const WSP_OF: Record<string, string> = {
  'multipart/related': 'application/vnd.wap.multipart.related',
  'multipart/mixed': 'application/vnd.wap.multipart.mixed',
  'multipart/alternative': 'application/vnd.wap.multipart.alternative',
};

function stripBrackets(id: string | undefined): string | undefined {
  return id?.replace(/^<|>$/g, '');
}

/** MIME (as MM7 carried it) → WSP parts (as MM1 carries them). */
function wspPart(part: MimePart): Part {
  const base = {
    ...(part.contentId ? { contentId: part.contentId } : {}),
    ...(part.contentLocation ? { contentLocation: part.contentLocation } : {}),
  };
  if (isMultipart(part)) {
    return { contentType: WSP_OF[part.contentType] ?? part.contentType, ...base, data: new Uint8Array(0), parts: part.parts.map(wspPart) };
  }
  return { contentType: part.contentType, ...(part.params?.charset ? { charset: part.params.charset.toLowerCase() } : {}), ...base, data: part.data };
}

/**
 * Builds the m-notification-ind and m-retrieve-conf the simulated MMSC would hand a phone for
 * an accepted submission, from the SubmitReq exactly as porm sent it.
 */
export function handsetView(row: SubmissionRow, retrieveBaseUrl: string, now: Date): HandsetView | undefined {
  if (!row.carrier_id || !row.request_body) return undefined;
  const parsed = parseMm7Message(row.request_ct ?? undefined, row.request_body);
  if (parsed.message.type !== 'SubmitReq') return undefined;
  const content = parsed.message.content?.part;
  const from = { kind: 'address' as const, address: `${row.from_number}/TYPE=PLMN` };
  const subject = parsed.message.subject;
  let body: Pick<Pdu, 'contentType' | 'parts' | 'body'>;
  if (content && isMultipart(content)) {
    body = {
      contentType: {
        mediaType: WSP_OF[content.contentType] ?? 'application/vnd.wap.multipart.mixed',
        ...(content.params?.type ? { type: content.params.type } : {}),
        ...(content.params?.start ? { start: stripBrackets(content.params.start)! } : {}),
      },
      parts: content.parts.map(wspPart),
    };
  } else if (content) {
    body = { contentType: { mediaType: content.contentType, ...(content.params?.charset ? { charset: content.params.charset } : {}) }, body: content.data };
  } else {
    body = { contentType: { mediaType: 'text/plain', charset: 'utf-8' }, body: new Uint8Array(0) };
  }
  const retrieveConf: Pdu = {
    messageType: 'm-retrieve-conf', mmsVersion: '1.2', messageId: row.carrier_id, date: now, from,
    to: [`${row.to_number}/TYPE=PLMN`], messageClass: 'personal', priority: 'normal',
    ...(subject ? { subject } : {}), ...body,
  };
  const retrieveConfBytes = encodePdu(retrieveConf);
  const notificationInd: Pdu = {
    messageType: 'm-notification-ind', mmsVersion: '1.2', transactionId: row.carrier_id, from,
    ...(subject ? { subject } : {}), messageClass: 'personal', messageSize: retrieveConfBytes.length,
    expiry: { kind: 'relative', seconds: 7 * 24 * 3600 }, contentLocation: `${retrieveBaseUrl}/mms/${row.carrier_id}`,
  };
  return { carrierMessageId: row.carrier_id, notificationInd, retrieveConf, notificationBytes: encodePdu(notificationInd), retrieveConfBytes };
}
