import type { Mm7DeliverReq, MimePart } from '../../mms/mm7/index.ts';
import type { DeliverOrder } from './control-protocol.ts';

/**
 * The DeliverReq an MMSC sends its VASP for an MMS a handset wrote to one of the VASP's numbers:
 * the text as a UTF-8 part, media beside it in multipart/mixed (one part alone when there is only
 * the text). The TransactionID is the MMSC's own, new for each message.
 */
export function handsetDeliverReq(order: DeliverOrder, transactionId: string, timeStamp: string): Mm7DeliverReq {
  const parts: MimePart[] = [];
  if (order.text !== '' || order.parts.length === 0) {
    parts.push({ contentType: 'text/plain', params: { charset: 'utf-8' }, contentId: 'text1.txt', contentLocation: 'text1.txt', data: Buffer.from(order.text, 'utf8') });
  }
  order.parts.forEach((part, i) => {
    parts.push({ contentType: part.contentType, contentId: `part${i + 1}`, contentLocation: part.filename, data: Buffer.from(part.base64, 'base64') });
  });
  const part: MimePart = parts.length === 1 ? parts[0]! : { contentType: 'multipart/mixed', contentId: 'mm', parts };
  return {
    type: 'DeliverReq', transactionId, mmsRelayServerId: 'porm-sandbox',
    sender: { kind: 'Number', value: order.from },
    recipients: { to: [/^[0-9]{3,8}$/.test(order.to) ? { kind: 'ShortCode', value: order.to } : { kind: 'Number', value: order.to }] },
    timeStamp, ...(order.subject ? { subject: order.subject } : {}),
    content: { part },
  };
}
