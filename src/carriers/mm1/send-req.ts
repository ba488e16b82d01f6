// The m-send-req porm POSTs for one message (OMA-MMS-ENC §6.1.1), built from the fitted
// message with porm's strict encoder: the same SMIL slideshow / multipart.mixed body porm's MM7
// connector carries as MIME (compose.ts), here as a WSP multipart. Pure.
import { composeMmsBody } from '../../mms/compose.ts';
import { encodePdu, type Pdu } from '../../mms/pdu/index.ts';
import type { OutboundMessage } from '../carrier.ts';
import type { Mm1CarrierConfig } from './mm1-type.ts';

export type SendReqSettings = Pick<Mm1CarrierConfig, 'msisdn' | 'from' | 'mmsVersion' | 'deliveryReport' | 'readReport'>;

/** The Transaction-ID: porm's message id, the same on every retry, so the m-send-conf is matched to it. */
export function sendReqPdu(message: OutboundMessage, settings: SendReqSettings, now: number): Pdu {
  const body = composeMmsBody(message.body, message.media, message.slides);
  const pdu: Pdu = {
    messageType: 'm-send-req',
    transactionId: message.id,
    mmsVersion: settings.mmsVersion,
    date: new Date(Math.floor(now / 1000) * 1000),
    from: settings.from === 'insert' ? { kind: 'insert' } : { kind: 'address', address: `${settings.msisdn}/TYPE=PLMN` },
    to: [recipient(message.to)],
    messageClass: 'personal',
    deliveryReport: settings.deliveryReport,
    readReport: settings.readReport,
    contentType: body.contentType,
    parts: body.parts,
  };
  if (message.subject) pdu.subject = message.subject;
  if (message.expiresAt !== null) {
    // Relative, so a clock difference between porm and the MMSC cannot expire it early.
    pdu.expiry = { kind: 'relative', seconds: Math.max(60, Math.ceil((message.expiresAt - now) / 1000)) };
  }
  return pdu;
}

/** Phone numbers as `+E164/TYPE=PLMN`; e-mail addresses as they are (MM1 carries both). */
function recipient(to: string): string {
  return to.includes('@') ? to : `${to}/TYPE=PLMN`;
}

export function encodeSendReq(message: OutboundMessage, settings: SendReqSettings, now: number): Buffer {
  return encodePdu(sendReqPdu(message, settings, now));
}
