import {
  EsmClass, MessageState, getTlv, parseReceiptText, statMessageState,
  type Address, type Pdu, type Tlv,
} from '../../sms/pdu/index.ts';
import { alphabetOf, decodeShortMessage } from '../../sms/text/index.ts';
import type { DeliveryReport, InboundMessage, InboundPart, WapPush } from '../carrier-events.ts';

// What a deliver_sm or data_sm from the SMSC is: a delivery receipt for a segment porm sent, an
// intermediate notification (no change), a whole MO message, or one part of a concatenated MO.
// Pure: the connector stores it and answers.

export type Delivered =
  | { kind: 'receipt'; report: DeliveryReport }
  | { kind: 'intermediate'; smscId: string; state: string }
  | { kind: 'mo'; message: InboundMessage }
  | { kind: 'part'; part: InboundPart }
  /** Binary data for the WAP Push port (an MMSC's report to an mm1 SIM): never an inbound text. */
  | { kind: 'push'; push: WapPush }
  | { kind: 'unusable'; reason: string };

/** An address as porm stores numbers: international (TON 1) digits get their `+`. */
export function addressText(a: Address): string {
  const digits = a.address.trim();
  if (a.ton === 1 && /^\d{6,15}$/.test(digits)) return `+${digits}`;
  return digits;
}

const FINAL_OUTCOME: Partial<Record<number, DeliveryReport['outcome']>> = {
  [MessageState.DELIVERED]: 'delivered',
  [MessageState.EXPIRED]: 'undelivered',
  [MessageState.DELETED]: 'undelivered',
  [MessageState.UNDELIVERABLE]: 'undelivered',
  [MessageState.UNKNOWN]: 'undelivered',
  [MessageState.REJECTED]: 'failed',
};

/** WDP port of connectionless WAP Push (WAP-259; mms-wire.md §4.3). */
export const WAP_PUSH_PORT = 2948;

const STATE_WORDS = ['', 'ENROUTE', 'DELIVRD', 'EXPIRED', 'DELETED', 'UNDELIV', 'ACCEPTD', 'UNKNOWN', 'REJECTD'];

interface ShortMessageLike {
  esmClass: number;
  dataCoding: number;
  shortMessage: Buffer;
  tlvs: readonly Tlv[];
  source: Address;
  destination: Address;
}

function asShortMessage(pdu: Pdu): ShortMessageLike | undefined {
  if (pdu.command === 'deliver_sm') return pdu.body;
  if (pdu.command === 'data_sm') return { ...pdu.body, shortMessage: Buffer.alloc(0) };
  return undefined;
}

function isReceipt(sm: ShortMessageLike): boolean {
  const type = sm.esmClass & EsmClass.TYPE_MASK;
  if (type === EsmClass.DELIVERY_RECEIPT || type === 0x08 || type === 0x20) return true;
  // data_sm carries receipts as TLVs only.
  return getTlv(sm.tlvs, 'receipted_message_id') !== undefined && getTlv(sm.tlvs, 'message_state') !== undefined;
}

export function classifyDeliver(pdu: Pdu, carrier: string, now: number): Delivered {
  const sm = asShortMessage(pdu);
  if (sm === undefined) return { kind: 'unusable', reason: `${pdu.command} is not a delivery` };
  const payload = getTlv(sm.tlvs, 'message_payload');
  const userData = sm.shortMessage.length === 0 && payload !== undefined ? payload : sm.shortMessage;
  if (isReceipt(sm)) return receiptOf(sm, userData, carrier, now);
  let decoded;
  try {
    decoded = decodeShortMessage(userData, sm.dataCoding, (sm.esmClass & EsmClass.UDHI) !== 0);
  } catch (err) {
    return { kind: 'unusable', reason: err instanceof Error ? err.message : String(err) };
  }
  const from = addressText(sm.source);
  const to = addressText(sm.destination);
  const concat = decoded.udh?.concatenation ?? null;
  const sarRef = getTlv(sm.tlvs, 'sar_msg_ref_num');
  const sarTotal = getTlv(sm.tlvs, 'sar_total_segments');
  const sarSeq = getTlv(sm.tlvs, 'sar_segment_seqnum');
  const alphabet = alphabetOf(sm.dataCoding);
  // The port from the UDH (8- or 16-bit addressing), or from the TLV when the SMSC took the UDH off.
  const port = decoded.udh?.ports?.destination ?? getTlv(sm.tlvs, 'destination_port');
  const push = port === WAP_PUSH_PORT;
  // A WAP Push and a text that happen to share a concatenation reference must never be joined.
  const portKey = push ? `:p${WAP_PUSH_PORT}` : '';
  const portOf = push ? { port: WAP_PUSH_PORT } : {};
  if (concat !== null && concat.total > 1) {
    return { kind: 'part', part: { carrier, from, to, reference: `udh${concat.referenceBits}:${concat.reference}${portKey}`, total: concat.total, sequence: concat.sequence, alphabet, payload: decoded.payload, ...portOf } };
  }
  if (sarRef !== undefined && sarTotal !== undefined && sarSeq !== undefined && sarTotal > 1) {
    if (sarSeq < 1 || sarSeq > sarTotal) return { kind: 'unusable', reason: `sar_segment_seqnum ${sarSeq} outside 1..${sarTotal}` };
    return { kind: 'part', part: { carrier, from, to, reference: `sar:${sarRef}${portKey}`, total: sarTotal, sequence: sarSeq, alphabet, payload: decoded.payload, ...portOf } };
  }
  if (push) return { kind: 'push', push: { carrier, from, to, port: WAP_PUSH_PORT, payload: decoded.payload } };
  return { kind: 'mo', message: { carrier, channel: 'sms', from, to, subject: null, text: decoded.text, attachments: [], linkedId: null, dedupeKey: null } };
}

function receiptOf(sm: ShortMessageLike, userData: Buffer, carrier: string, now: number): Delivered {
  const text = userData.toString('latin1');
  let parsed: ReturnType<typeof parseReceiptText> | undefined;
  try {
    parsed = parseReceiptText(text);
  } catch {
    parsed = undefined;
  }
  // The TLV first: it is typed and cut to its length; the text is informative and varies.
  const tlvId = getTlv(sm.tlvs, 'receipted_message_id');
  const smscId = tlvId !== undefined && tlvId.trim() !== '' ? tlvId.trim() : parsed?.id ?? undefined;
  if (smscId === undefined || smscId === '') return { kind: 'unusable', reason: 'delivery receipt without a message id' };
  const tlvState = getTlv(sm.tlvs, 'message_state');
  const state = tlvState ?? (parsed?.stat != null ? statMessageState(parsed.stat) : undefined);
  if (state === undefined) return { kind: 'unusable', reason: `delivery receipt for ${smscId} without a state` };
  const outcome = FINAL_OUTCOME[state];
  const word = parsed?.stat ?? STATE_WORDS[state] ?? String(state);
  if (outcome === undefined) return { kind: 'intermediate', smscId, state: word };
  // err: as the SMSC wrote it, else the network_error_code TLV (network type : code).
  const network = getTlv(sm.tlvs, 'network_error_code');
  const errorCode = parsed?.errRaw ?? (network !== undefined ? `${network.networkType}:${network.errorCode}` : undefined);
  // done date is the SMSC's local time with no zone: porm's clock is the honest timestamp.
  const at = now;
  return {
    kind: 'receipt',
    report: {
      carrier, carrierMessageId: smscId, outcome, carrierStatus: word, at, segment: true,
      ...(errorCode !== undefined && errorCode !== '000' && errorCode !== '0' ? { errorCode } : {}),
      ...(outcome !== 'delivered' ? { description: `the SMSC reported ${word}${errorCode !== undefined ? ` (err ${errorCode})` : ''}` } : {}),
    },
  };
}
