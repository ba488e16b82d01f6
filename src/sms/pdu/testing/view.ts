import { COMMAND_IDS, isResponseId } from '../commands.ts';
import type { Address, Pdu } from '../model.ts';
import { encodeTlvValue, tlvTag, type Tlv } from '../tlv.ts';
import type { Json } from './fixtures.ts';

// porm's decoded PDU seen with the shared vectors' field names, so a test compares only the
// fields a vector asserts.

const addr = (a: Address): Json => ({ ton: a.ton, npi: a.npi, address: a.address });

function tlvView(t: Tlv): Json {
  const value = encodeTlvValue(t);
  const out: Record<string, Json> = { tag: tlvTag(t), value_hex: value.toString('hex'), length: value.length };
  if (t.name !== 'raw' && typeof t.value === 'string') out.value_string = t.value;
  return out;
}

export function viewPdu(pdu: Pdu, length: number): Record<string, Json> {
  const id = COMMAND_IDS[pdu.command];
  const v: Record<string, Json> = {
    command: pdu.command, command_id: id, command_length: length, command_status: pdu.commandStatus,
    sequence_number: pdu.sequenceNumber, is_response: isResponseId(id),
  };
  const b: object = pdu.body;
  const put = (key: string, value: Json): void => { v[key] = value; };
  if ('systemId' in pdu.body) put('system_id', pdu.body.systemId);
  if ('password' in pdu.body) put('password', pdu.body.password);
  if ('systemType' in pdu.body) put('system_type', pdu.body.systemType);
  if ('interfaceVersion' in pdu.body) put('interface_version', pdu.body.interfaceVersion);
  if ('addressRange' in pdu.body) put('address_range', addr(pdu.body.addressRange));
  if ('serviceType' in pdu.body) put('service_type', pdu.body.serviceType);
  if ('source' in pdu.body) put('source_addr', addr(pdu.body.source));
  if ('destination' in pdu.body) put('dest_addr', addr(pdu.body.destination));
  if ('esme' in pdu.body) put('esme_addr', addr(pdu.body.esme));
  if ('messageId' in pdu.body) put('message_id', pdu.body.messageId);
  if ('finalDate' in pdu.body) put('final_date', pdu.body.finalDate);
  if ('messageState' in pdu.body) put('message_state', pdu.body.messageState);
  if ('errorCode' in pdu.body) put('error_code', pdu.body.errorCode);
  for (const [field, key] of [['esmClass', 'esm_class'], ['protocolId', 'protocol_id'], ['priorityFlag', 'priority_flag'], ['registeredDelivery', 'registered_delivery'],
    ['replaceIfPresentFlag', 'replace_if_present_flag'], ['dataCoding', 'data_coding'], ['smDefaultMsgId', 'sm_default_msg_id'],
    ['scheduleDeliveryTime', 'schedule_delivery_time'], ['validityPeriod', 'validity_period']] as const) {
    const value: unknown = (b as Record<string, unknown>)[field];
    if (typeof value === 'number' || typeof value === 'string') put(key, value);
  }
  if ('shortMessage' in pdu.body) {
    put('sm_length', pdu.body.shortMessage.length);
    put('short_message_hex', pdu.body.shortMessage.toString('hex'));
    put('short_message_text', pdu.body.shortMessage.toString('latin1'));
  }
  const tlvs = 'tlvs' in pdu.body ? pdu.body.tlvs : [];
  put('tlvs', tlvs.length === 0 ? null : tlvs.map(tlvView));
  put('tlv_count', tlvs.length);
  return v;
}

/** Asserts-friendly: the subset of `actual` named by `expected`, with expected TLVs matched on the keys they give. */
export function pick(actual: Record<string, Json>, expected: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const key of Object.keys(expected)) {
    const a = actual[key];
    const e = expected[key];
    if (key === 'tlvs' && Array.isArray(a) && Array.isArray(e)) {
      out[key] = a.map((t, i) => {
        const et = e[i];
        if (t === null || typeof t !== 'object' || Array.isArray(t) || et === null || typeof et !== 'object' || Array.isArray(et) || et === undefined) return t;
        return Object.fromEntries(Object.keys(et).map((k) => [k, t[k] ?? null]));
      });
    } else if (a !== null && e !== null && typeof a === 'object' && typeof e === 'object' && !Array.isArray(a) && !Array.isArray(e)) {
      out[key] = pick(a, e);
    } else {
      out[key] = a === undefined ? null : a;
    }
  }
  return out;
}
