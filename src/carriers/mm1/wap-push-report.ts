// Delivery and read reports of an MM1 MMSC arrive at the SIM as WAP Push in SMS, on WDP port
// 2948 (WAP-259/WAP-230/WAP-251, mms-wire.md §4.3): a WSP Push PDU (TID, 0x06, headers with
// Content-Type application/vnd.wap.mms-message) wrapping an m-delivery-ind or m-read-orig-ind.
// This reads one such payload, after UDH reassembly by the SMS connector, into porm's report
// shapes. Pure.
import { readContentType } from '../../mms/pdu/content-type.ts';
import { decodePdu, isPduError, type MessageType, type MmsStatus, type Pdu } from '../../mms/pdu/index.ts';
import { readUintvar } from '../../mms/pdu/primitives.ts';
import { DecodeContext, DEFAULT_LIMITS, Reader } from '../../mms/pdu/reader.ts';
import type { DeliveryReport, ReadReport } from '../carrier-events.ts';

export class WapPushError extends Error {
  override readonly name = 'WapPushError';
  constructor(readonly code: 'PORM_MM1_PUSH_MALFORMED' | 'PORM_MM1_PUSH_NOT_MMS', message: string) {
    super(message);
  }
}

export type WapPushMmsReport =
  /** A final delivery report: porm applies it to the message with that Message-ID. */
  | { kind: 'delivery'; report: DeliveryReport; recipient: string | undefined; status: MmsStatus }
  /** Deferred, indeterminate or forwarded: not final, porm has no state for it; noted only. */
  | { kind: 'delivery-interim'; carrierMessageId: string; recipient: string | undefined; status: MmsStatus }
  | { kind: 'read'; report: ReadReport; recipient: string | undefined }
  /** Any other MMS PDU (an m-notification-ind: a message for the SIM itself). */
  | { kind: 'other'; messageType: MessageType; pdu: Pdu };

const MMS_MESSAGE = 'application/vnd.wap.mms-message';
const PUSH = 0x06;
const CONFIRMED_PUSH = 0x07;

const FINAL: Partial<Record<MmsStatus, DeliveryReport['outcome']>> = {
  retrieved: 'delivered', expired: 'undelivered', rejected: 'undelivered', unreachable: 'undelivered', unrecognised: 'undelivered',
};

/**
 * `userData`: the WSP payload of the MO SMS (UDH removed, segments joined). `carrier`: the name of
 * the mm1 connector whose MMSC issued the Message-IDs (the one whose msisdn received the SMS),
 * not the SMS connector's. Throws WapPushError when the payload is not an MMS WAP Push.
 */
export function decodeWapPushMmsReport(userData: Buffer, carrier: string, now: number = Date.now()): WapPushMmsReport {
  const pdu = mmsPduOf(userData);
  const at = pdu.date?.getTime() ?? now;
  const recipient = pdu.to?.[0];
  if (pdu.messageType === 'm-delivery-ind') {
    const carrierMessageId = needId(pdu);
    const status = pdu.status;
    if (status === undefined) throw new WapPushError('PORM_MM1_PUSH_MALFORMED', 'm-delivery-ind without X-Mms-Status');
    const outcome = FINAL[status];
    if (outcome === undefined) return { kind: 'delivery-interim', carrierMessageId, recipient, status };
    return { kind: 'delivery', report: { carrier, carrierMessageId, outcome, carrierStatus: status, at }, recipient, status };
  }
  if (pdu.messageType === 'm-read-orig-ind') {
    const outcome = pdu.readStatus === 'read' ? 'read' : pdu.readStatus === 'deleted-without-being-read' ? 'deleted-unread' : 'unknown';
    return { kind: 'read', report: { carrier, carrierMessageId: needId(pdu), outcome, at }, recipient };
  }
  return { kind: 'other', messageType: pdu.messageType, pdu };
}

function needId(pdu: Pdu): string {
  if (pdu.messageId === undefined || pdu.messageId === '') throw new WapPushError('PORM_MM1_PUSH_MALFORMED', `${pdu.messageType} without Message-ID`);
  return pdu.messageId;
}

/** The MMS PDU inside a WSP (connectionless) Push PDU. */
export function mmsPduOf(userData: Buffer): Pdu {
  const r = Reader.of(userData);
  const ctx = new DecodeContext(DEFAULT_LIMITS);
  let body: Uint8Array;
  try {
    r.u8(); // TID
    const type = r.u8();
    if (type !== PUSH && type !== CONFIRMED_PUSH) throw new WapPushError('PORM_MM1_PUSH_MALFORMED', `WSP PDU type 0x${type.toString(16)} is not a Push`);
    const headers = r.sub(readUintvar(r));
    const media = readContentType(headers, ctx).mediaType.toLowerCase();
    if (media !== MMS_MESSAGE) throw new WapPushError('PORM_MM1_PUSH_NOT_MMS', `WAP Push of ${media}, not ${MMS_MESSAGE}`);
    body = r.take(r.remaining);
  } catch (err) {
    if (err instanceof WapPushError) throw err;
    if (isPduError(err)) throw new WapPushError('PORM_MM1_PUSH_MALFORMED', `WSP Push headers unreadable: ${err.message}`);
    throw err;
  }
  try {
    return decodePdu(body).pdu;
  } catch (err) {
    if (isPduError(err)) throw new WapPushError('PORM_MM1_PUSH_MALFORMED', `MMS PDU in the WAP Push unreadable: ${err.code}: ${err.message}`);
    throw err;
  }
}
