import { EsmClass, MessageState, formatReceiptText, tlv, type Address, type PduOf, type Tlv } from '../../sms/pdu/index.ts';

export type ReceiptStat = 'DELIVRD' | 'UNDELIV' | 'EXPIRED' | 'REJECTD' | 'DELETED';

const STATE_OF: Record<ReceiptStat, number> = {
  DELIVRD: MessageState.DELIVERED, UNDELIV: MessageState.UNDELIVERABLE, EXPIRED: MessageState.EXPIRED,
  REJECTD: MessageState.REJECTED, DELETED: MessageState.DELETED,
};

export interface ReceiptInput {
  messageId: string;
  /** The submission's addresses: the receipt goes from its destination back to its source. */
  source: Address;
  destination: Address;
  stat: ReceiptStat;
  err: number;
  /** For UNDELIV: the network_error_code TLV (GSM). */
  networkError?: { networkType: number; errorCode: number };
  submittedAt: Date;
  doneAt: Date;
  /** The first characters of the message, as Appendix B shows them. */
  text: string;
}

export function receiptState(stat: ReceiptStat): number {
  return STATE_OF[stat];
}

/**
 * A delivery receipt as SMSCs send it: deliver_sm with esm_class 0x04, the Appendix B text in
 * short_message and the same facts in receipted_message_id + message_state TLVs, so a client
 * can match on either form.
 */
export function receiptDeliverSm(r: ReceiptInput): Omit<PduOf<'deliver_sm'>, 'sequenceNumber'> {
  const text = formatReceiptText({
    id: r.messageId, sub: 1, dlvrd: r.stat === 'DELIVRD' ? 1 : 0, submitDate: r.submittedAt, doneDate: r.doneAt,
    stat: r.stat, err: r.err, text: r.text.replace(/[^\x20-\x7e]/g, '.'),
  });
  const tlvs: Tlv[] = [tlv('receipted_message_id', r.messageId), tlv('message_state', STATE_OF[r.stat])];
  if (r.networkError) tlvs.push(tlv('network_error_code', r.networkError));
  return {
    command: 'deliver_sm', commandStatus: 0,
    body: {
      serviceType: '', source: r.destination, destination: r.source, esmClass: EsmClass.DELIVERY_RECEIPT, protocolId: 0, priorityFlag: 0,
      scheduleDeliveryTime: '', validityPeriod: '', registeredDelivery: 0, replaceIfPresentFlag: 0, dataCoding: 0, smDefaultMsgId: 0,
      shortMessage: Buffer.from(text, 'latin1'), tlvs,
    },
  };
}
