import type { Pdu, PduOf } from './model.ts';
import { CommandStatus } from './status.ts';

/** generic_nack for a PDU porm could not read; `sequenceNumber` 0 when even the header was unreadable. */
export function genericNack(sequenceNumber: number, status: number = CommandStatus.ESME_RINVCMDID): PduOf<'generic_nack'> {
  return { command: 'generic_nack', commandStatus: status, sequenceNumber, body: {} };
}

/**
 * The response a request gets when it is refused (or accepted with an empty body): same
 * sequence number, the given status, no message id. Undefined for PDUs that get no response
 * (responses themselves, outbind, alert_notification).
 */
export function responseTo(request: Pdu, status: number): Pdu | undefined {
  const base = { commandStatus: status, sequenceNumber: request.sequenceNumber };
  switch (request.command) {
    case 'bind_receiver': return { ...base, command: 'bind_receiver_resp', body: { systemId: null, tlvs: [] } };
    case 'bind_transmitter': return { ...base, command: 'bind_transmitter_resp', body: { systemId: null, tlvs: [] } };
    case 'bind_transceiver': return { ...base, command: 'bind_transceiver_resp', body: { systemId: null, tlvs: [] } };
    case 'submit_sm': return { ...base, command: 'submit_sm_resp', body: { messageId: null, tlvs: [] } };
    case 'deliver_sm': return { ...base, command: 'deliver_sm_resp', body: { messageId: '', tlvs: [] } };
    case 'data_sm': return { ...base, command: 'data_sm_resp', body: { messageId: '', tlvs: [] } };
    case 'query_sm': return { ...base, command: 'query_sm_resp', body: { messageId: request.body.messageId, finalDate: '', messageState: 0, errorCode: 0 } };
    case 'cancel_sm': return { ...base, command: 'cancel_sm_resp', body: {} };
    case 'replace_sm': return { ...base, command: 'replace_sm_resp', body: {} };
    case 'enquire_link': return { ...base, command: 'enquire_link_resp', body: {} };
    case 'unbind': return { ...base, command: 'unbind_resp', body: {} };
    default: return undefined;
  }
}
