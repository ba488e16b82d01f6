import { tlv, type PduOf, type Tlv } from '../../sms/pdu/index.ts';
import { planSms, type SmsCoding } from '../../sms/text/index.ts';

/** How a handset's long text reaches the ESME: UDH in each part (usual), SAR TLVs, or one message_payload. */
export type MoConcatenation = 'udh' | 'sar' | 'payload';

export interface MoOrder {
  from: string;
  to: string;
  text: string;
  coding?: SmsCoding;
  concatenation?: MoConcatenation;
  /** Concatenation reference (0-255); random when left out. */
  reference?: number;
  /**
   * The order the parts are sent in, as 0-based part indexes; repeats send a part again (as a
   * network that retries does). Default: in order, each once.
   */
  order?: readonly number[];
}

const toSmpp = (n: string): { ton: number; npi: number; address: string } =>
  (n.startsWith('+') ? { ton: 1, npi: 1, address: n.slice(1) } : /^\d+$/.test(n) ? { ton: 0, npi: 1, address: n } : { ton: 5, npi: 0, address: n });

/** The deliver_sm PDUs (without sequence numbers) that carry a handset's text, in sending order. */
export function moDeliverSms(order: MoOrder): Array<Omit<PduOf<'deliver_sm'>, 'sequenceNumber'>> {
  const concatenation = order.concatenation ?? 'udh';
  const plan = planSms(order.text, { coding: order.coding ?? 'auto', ...(order.reference === undefined ? {} : { reference: order.reference }) });
  const base = {
    serviceType: '', source: toSmpp(order.from), destination: toSmpp(order.to), protocolId: 0, priorityFlag: 0,
    scheduleDeliveryTime: '', validityPeriod: '', registeredDelivery: 0, replaceIfPresentFlag: 0, dataCoding: plan.dataCoding, smDefaultMsgId: 0,
  };
  const parts: Array<{ shortMessage: Buffer; esmClass: number; tlvs: Tlv[] }> = [];
  if (concatenation === 'payload') {
    parts.push({ shortMessage: Buffer.alloc(0), esmClass: 0, tlvs: [tlv('message_payload', Buffer.concat([...plan.payloads]))] });
  } else if (concatenation === 'sar' && plan.segments > 1) {
    const ref = plan.reference ?? 0;
    plan.payloads.forEach((payload, i) => parts.push({
      shortMessage: payload, esmClass: 0,
      tlvs: [tlv('sar_msg_ref_num', ref), tlv('sar_total_segments', plan.segments), tlv('sar_segment_seqnum', i + 1)],
    }));
  } else {
    plan.parts.forEach((part) => parts.push({ shortMessage: part, esmClass: plan.udhi ? 0x40 : 0, tlvs: [] }));
  }
  const sequence = order.order ?? parts.map((_, i) => i);
  return sequence.map((i) => {
    const part = parts[i];
    if (part === undefined) throw new RangeError(`order names part ${i}; the text has ${parts.length}`);
    return { command: 'deliver_sm', commandStatus: 0, body: { ...base, ...part } };
  });
}
