import type { PduOf } from '../../sms/pdu/index.ts';
import { DATA_CODING_BINARY_4, IEI_CONCAT_16, IEI_CONCAT_8, IEI_PORTS_16 } from '../../sms/text/index.ts';

// The deliver_sm PDUs a network sends a handset's WAP Push in (mms-wire.md §4.3): 8-bit data,
// UDHI, a UDH with 16-bit application port addressing 2948 <- 9200 (8-bit addressing cannot
// name port 2948) and, when one SMS does not hold it, a concatenation element with an 8- or
// 16-bit reference. Pure.

export const WAP_PUSH_PORT = 2948;
export const WSP_SOURCE_PORT = 9200;

export interface WapPushOrder {
  from: string;
  to: string;
  /** The WSP Push PDU (TID, 0x06, headers, MMS PDU). */
  payload: Buffer;
  /** Width of the concatenation reference when parts are needed (default 8). */
  referenceBits?: 8 | 16;
  reference?: number;
  /** Octets of user data per SMS, UDH included (140 on the air; lower to force parts in tests). */
  maxUserData?: number;
  /** 0-based part indexes in sending order (repeats resend a part). Default: in order. */
  order?: readonly number[];
}

const toSmpp = (n: string): { ton: number; npi: number; address: string } =>
  (n.startsWith('+') ? { ton: 1, npi: 1, address: n.slice(1) } : { ton: 0, npi: 1, address: n });

export function wapPushDeliverSms(order: WapPushOrder): Array<Omit<PduOf<'deliver_sm'>, 'sequenceNumber'>> {
  const max = order.maxUserData ?? 140;
  const bits = order.referenceBits ?? 8;
  const ports = Buffer.from([IEI_PORTS_16, 4, WAP_PUSH_PORT >> 8, WAP_PUSH_PORT & 0xff, WSP_SOURCE_PORT >> 8, WSP_SOURCE_PORT & 0xff]);
  const single = max - 1 - ports.length;
  let chunks: Buffer[];
  if (order.payload.length <= single) chunks = [order.payload];
  else {
    const room = max - 1 - ports.length - (bits === 8 ? 5 : 6);
    if (room < 1) throw new RangeError(`maxUserData ${max} leaves no room for data`);
    chunks = [];
    for (let i = 0; i < order.payload.length; i += room) chunks.push(order.payload.subarray(i, i + room));
    if (chunks.length > 255) throw new RangeError(`the WAP Push needs ${chunks.length} SMS (at most 255)`);
  }
  const reference = order.reference ?? Math.floor(Math.random() * (bits === 8 ? 256 : 65536));
  const base = {
    serviceType: '', source: toSmpp(order.from), destination: toSmpp(order.to), esmClass: 0x40, protocolId: 0, priorityFlag: 0,
    scheduleDeliveryTime: '', validityPeriod: '', registeredDelivery: 0, replaceIfPresentFlag: 0, dataCoding: DATA_CODING_BINARY_4, smDefaultMsgId: 0, tlvs: [],
  };
  const messages = chunks.map((chunk, i) => {
    const concat = chunks.length === 1 ? Buffer.alloc(0)
      : bits === 8 ? Buffer.from([IEI_CONCAT_8, 3, reference, chunks.length, i + 1])
        : Buffer.from([IEI_CONCAT_16, 4, reference >> 8, reference & 0xff, chunks.length, i + 1]);
    const ies = Buffer.concat([ports, concat]);
    return Buffer.concat([Buffer.from([ies.length]), ies, chunk]);
  });
  const sequence = order.order ?? messages.map((_, i) => i);
  return sequence.map((i) => {
    const shortMessage = messages[i];
    if (shortMessage === undefined) throw new RangeError(`order names part ${i}; the push has ${messages.length}`);
    return { command: 'deliver_sm', commandStatus: 0, body: { ...base, shortMessage } };
  });
}
