import type { Pdu } from '../model.ts';
import { tlv } from '../tlv.ts';

// One hand-written PDU of every command, for round-trip tests and as fuzz seeds.
const addr = (address: string) => ({ ton: 1, npi: 1, address });

export const SAMPLE_PDUS: Pdu[] = [
  { command: 'bind_transceiver', commandStatus: 0, sequenceNumber: 1, body: { systemId: 'porm', password: 'secret', systemType: 'SMS', interfaceVersion: 0x34, addressRange: { ton: 0, npi: 0, address: '' } } },
  { command: 'bind_transmitter', commandStatus: 0, sequenceNumber: 2, body: { systemId: 'tx', password: '', systemType: '', interfaceVersion: 0x34, addressRange: { ton: 1, npi: 1, address: '^1555' } } },
  { command: 'bind_receiver', commandStatus: 0, sequenceNumber: 3, body: { systemId: 'rx', password: 'p', systemType: '', interfaceVersion: 0x33, addressRange: { ton: 0, npi: 0, address: '' } } },
  { command: 'bind_transceiver_resp', commandStatus: 0, sequenceNumber: 1, body: { systemId: 'porm-smsc', tlvs: [tlv('sc_interface_version', 0x34)] } },
  { command: 'bind_transmitter_resp', commandStatus: 0x0e, sequenceNumber: 2, body: { systemId: null, tlvs: [] } },
  { command: 'bind_receiver_resp', commandStatus: 0, sequenceNumber: 3, body: { systemId: 'x', tlvs: [] } },
  {
    command: 'submit_sm', commandStatus: 0, sequenceNumber: 10, body: {
      serviceType: '', source: addr('15005550006'), destination: addr('15005550010'), esmClass: 0x40, protocolId: 0, priorityFlag: 1,
      scheduleDeliveryTime: '', validityPeriod: '000001000000000R', registeredDelivery: 1, replaceIfPresentFlag: 0, dataCoding: 8, smDefaultMsgId: 0,
      shortMessage: Buffer.from([0x05, 0x00, 0x03, 0x2a, 0x02, 0x01, 0x00, 0x48, 0x00, 0x69]),
      tlvs: [tlv('user_message_reference', 513), tlv('source_port', 2948), tlv('destination_port', 2948), { name: 'raw', tag: 0x1401, value: Buffer.from('vendor') }],
    },
  },
  { command: 'submit_sm_resp', commandStatus: 0, sequenceNumber: 10, body: { messageId: '5f3a9c', tlvs: [] } },
  { command: 'submit_sm_resp', commandStatus: 0x58, sequenceNumber: 11, body: { messageId: null, tlvs: [] } },
  {
    command: 'deliver_sm', commandStatus: 0, sequenceNumber: 7, body: {
      serviceType: '', source: addr('15005550010'), destination: addr('15005550006'), esmClass: 0x04, protocolId: 0, priorityFlag: 0,
      scheduleDeliveryTime: '', validityPeriod: '', registeredDelivery: 0, replaceIfPresentFlag: 0, dataCoding: 0, smDefaultMsgId: 0,
      shortMessage: Buffer.from('id:5f3a9c sub:001 dlvrd:001 submit date:2612021230 done date:2612021231 stat:DELIVRD err:000 text:Hi', 'latin1'),
      tlvs: [tlv('receipted_message_id', '5f3a9c'), tlv('message_state', 2), tlv('network_error_code', { networkType: 3, errorCode: 0 })],
    },
  },
  {
    command: 'deliver_sm', commandStatus: 0, sequenceNumber: 8, body: {
      serviceType: 'WAP', source: addr('15005550010'), destination: addr('15005550006'), esmClass: 0, protocolId: 0, priorityFlag: 0,
      scheduleDeliveryTime: '', validityPeriod: '', registeredDelivery: 0, replaceIfPresentFlag: 0, dataCoding: 0, smDefaultMsgId: 0,
      shortMessage: Buffer.alloc(0),
      tlvs: [tlv('message_payload', Buffer.from('a long mobile-originated text in the payload')), tlv('sar_msg_ref_num', 77), tlv('sar_total_segments', 2), tlv('sar_segment_seqnum', 1)],
    },
  },
  { command: 'deliver_sm_resp', commandStatus: 0, sequenceNumber: 7, body: { messageId: '', tlvs: [] } },
  {
    command: 'data_sm', commandStatus: 0, sequenceNumber: 20, body: {
      serviceType: '', source: addr('15005550006'), destination: addr('15005550010'), esmClass: 0, registeredDelivery: 1, dataCoding: 0,
      tlvs: [tlv('message_payload', Buffer.from('hello')), tlv('alert_on_message_delivery', true), tlv('qos_time_to_live', 3600)],
    },
  },
  { command: 'data_sm_resp', commandStatus: 0, sequenceNumber: 20, body: { messageId: 'd1', tlvs: [tlv('additional_status_info_text', 'ok'), tlv('delivery_failure_reason', 0)] } },
  { command: 'query_sm', commandStatus: 0, sequenceNumber: 30, body: { messageId: '5f3a9c', source: addr('15005550006') } },
  { command: 'query_sm_resp', commandStatus: 0, sequenceNumber: 30, body: { messageId: '5f3a9c', finalDate: '261202123100000+', messageState: 2, errorCode: 0 } },
  { command: 'cancel_sm', commandStatus: 0, sequenceNumber: 31, body: { serviceType: '', messageId: '5f3a9c', source: addr('15005550006'), destination: addr('15005550010') } },
  { command: 'cancel_sm_resp', commandStatus: 0, sequenceNumber: 31, body: {} },
  { command: 'replace_sm', commandStatus: 0, sequenceNumber: 32, body: { messageId: 'r1', source: addr('1'), scheduleDeliveryTime: '', validityPeriod: '', registeredDelivery: 0, smDefaultMsgId: 0, shortMessage: Buffer.from('new') } },
  { command: 'replace_sm_resp', commandStatus: 0, sequenceNumber: 32, body: {} },
  { command: 'enquire_link', commandStatus: 0, sequenceNumber: 0x7fffffff, body: {} },
  { command: 'enquire_link_resp', commandStatus: 0, sequenceNumber: 0x7fffffff, body: {} },
  { command: 'unbind', commandStatus: 0, sequenceNumber: 40, body: {} },
  { command: 'unbind_resp', commandStatus: 0, sequenceNumber: 40, body: {} },
  { command: 'generic_nack', commandStatus: 3, sequenceNumber: 41, body: {} },
  { command: 'outbind', commandStatus: 0, sequenceNumber: 42, body: { systemId: 'smsc', password: 'pw' } },
  { command: 'alert_notification', commandStatus: 0, sequenceNumber: 43, body: { source: addr('15005550010'), esme: addr('15005550006'), tlvs: [tlv('ms_availability_status', 0)] } },
];
