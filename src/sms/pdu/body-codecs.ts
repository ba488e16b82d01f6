import type { CommandName } from './commands.ts';
import type { Address, BindBody, BindRespBody, EmptyBody, MessageIdRespBody, PduBodies, ShortMessageBody } from './model.ts';
import type { BodyReader } from './reader.ts';
import { BodyWriter } from './writer.ts';

// One decoder/encoder pair per command body, in SMPP 3.4 field order (§4). Max lengths include
// the NUL, as in the specification's tables.

export interface BodyCodec<B> {
  decode(r: BodyReader): B;
  encode(w: BodyWriter, body: B): void;
}

function readAddress(r: BodyReader, field: string): Address {
  const ton = r.u8(`${field}_ton`);
  const npi = r.u8(`${field}_npi`);
  return { ton, npi, address: r.cstring(field) };
}

function writeAddress(w: BodyWriter, field: string, a: Address, max: number): void {
  w.u8(`${field}_ton`, a.ton);
  w.u8(`${field}_npi`, a.npi);
  w.cstring(field, a.address, max);
}

const empty: BodyCodec<EmptyBody> = {
  // Bodiless commands: trailing octets are ignored rather than refused, because answering a
  // keep-alive or an unbind with an error would do more harm than the extra octets.
  decode: () => ({}),
  encode: () => undefined,
};

const bind: BodyCodec<BindBody> = {
  decode(r) {
    const systemId = r.cstring('system_id');
    const password = r.cstring('password');
    const systemType = r.cstring('system_type');
    const interfaceVersion = r.u8('interface_version');
    return { systemId, password, systemType, interfaceVersion, addressRange: readAddress(r, 'address_range') };
  },
  encode(w, b) {
    w.cstring('system_id', b.systemId, 16);
    w.cstring('password', b.password, 9);
    w.cstring('system_type', b.systemType, 13);
    w.u8('interface_version', b.interfaceVersion);
    w.u8('addr_ton', b.addressRange.ton);
    w.u8('addr_npi', b.addressRange.npi);
    w.cstring('address_range', b.addressRange.address, 41);
  },
};

const bindResp: BodyCodec<BindRespBody> = {
  decode(r) {
    if (r.atEnd()) return { systemId: null, tlvs: [] };
    const systemId = r.cstring('system_id');
    return { systemId, tlvs: r.tlvs() };
  },
  encode(w, b) {
    if (b.systemId === null) {
      if (b.tlvs.length > 0) throw BodyWriter.invalid('a bind response without system_id cannot carry TLVs');
      return;
    }
    w.cstring('system_id', b.systemId, 16);
    w.tlvs(b.tlvs);
  },
};

const shortMessage: BodyCodec<ShortMessageBody> = {
  decode(r) {
    const serviceType = r.cstring('service_type');
    const source = readAddress(r, 'source_addr');
    const destination = readAddress(r, 'destination_addr');
    const esmClass = r.u8('esm_class');
    const protocolId = r.u8('protocol_id');
    const priorityFlag = r.u8('priority_flag');
    const scheduleDeliveryTime = r.cstring('schedule_delivery_time');
    const validityPeriod = r.cstring('validity_period');
    const registeredDelivery = r.u8('registered_delivery');
    const replaceIfPresentFlag = r.u8('replace_if_present_flag');
    const dataCoding = r.u8('data_coding');
    const smDefaultMsgId = r.u8('sm_default_msg_id');
    const sm = r.shortMessage();
    return {
      serviceType, source, destination, esmClass, protocolId, priorityFlag, scheduleDeliveryTime, validityPeriod,
      registeredDelivery, replaceIfPresentFlag, dataCoding, smDefaultMsgId, shortMessage: sm, tlvs: r.tlvs(),
    };
  },
  encode(w, b) {
    w.cstring('service_type', b.serviceType, 6);
    writeAddress(w, 'source_addr', b.source, 21);
    writeAddress(w, 'destination_addr', b.destination, 21);
    w.u8('esm_class', b.esmClass);
    w.u8('protocol_id', b.protocolId);
    w.u8('priority_flag', b.priorityFlag);
    w.cstring('schedule_delivery_time', b.scheduleDeliveryTime, 17);
    w.cstring('validity_period', b.validityPeriod, 17);
    w.u8('registered_delivery', b.registeredDelivery);
    w.u8('replace_if_present_flag', b.replaceIfPresentFlag);
    w.u8('data_coding', b.dataCoding);
    w.u8('sm_default_msg_id', b.smDefaultMsgId);
    w.shortMessage(b.shortMessage);
    w.tlvs(b.tlvs);
  },
};

const messageIdResp: BodyCodec<MessageIdRespBody> = {
  decode(r) {
    if (r.atEnd()) return { messageId: null, tlvs: [] };
    const messageId = r.cstring('message_id');
    return { messageId, tlvs: r.tlvs() };
  },
  encode(w, b) {
    if (b.messageId === null) {
      if (b.tlvs.length > 0) throw BodyWriter.invalid('a response without message_id cannot carry TLVs');
      return;
    }
    w.cstring('message_id', b.messageId, 65);
    w.tlvs(b.tlvs);
  },
};

type BodyCodecs = { [C in CommandName]: BodyCodec<PduBodies[C]> };

export const BODY_CODECS: BodyCodecs = {
  generic_nack: empty,
  bind_receiver: bind,
  bind_receiver_resp: bindResp,
  bind_transmitter: bind,
  bind_transmitter_resp: bindResp,
  bind_transceiver: bind,
  bind_transceiver_resp: bindResp,
  query_sm: {
    decode(r) {
      const messageId = r.cstring('message_id');
      return { messageId, source: readAddress(r, 'source_addr') };
    },
    encode(w, b) {
      w.cstring('message_id', b.messageId, 65);
      writeAddress(w, 'source_addr', b.source, 21);
    },
  },
  query_sm_resp: {
    decode(r) {
      const messageId = r.cstring('message_id');
      const finalDate = r.cstring('final_date');
      const messageState = r.u8('message_state');
      return { messageId, finalDate, messageState, errorCode: r.u8('error_code') };
    },
    encode(w, b) {
      w.cstring('message_id', b.messageId, 65);
      w.cstring('final_date', b.finalDate, 17);
      w.u8('message_state', b.messageState);
      w.u8('error_code', b.errorCode);
    },
  },
  submit_sm: shortMessage,
  submit_sm_resp: messageIdResp,
  deliver_sm: shortMessage,
  deliver_sm_resp: messageIdResp,
  unbind: empty,
  unbind_resp: empty,
  replace_sm: {
    decode(r) {
      const messageId = r.cstring('message_id');
      const source = readAddress(r, 'source_addr');
      const scheduleDeliveryTime = r.cstring('schedule_delivery_time');
      const validityPeriod = r.cstring('validity_period');
      const registeredDelivery = r.u8('registered_delivery');
      const smDefaultMsgId = r.u8('sm_default_msg_id');
      return { messageId, source, scheduleDeliveryTime, validityPeriod, registeredDelivery, smDefaultMsgId, shortMessage: r.shortMessage() };
    },
    encode(w, b) {
      w.cstring('message_id', b.messageId, 65);
      writeAddress(w, 'source_addr', b.source, 21);
      w.cstring('schedule_delivery_time', b.scheduleDeliveryTime, 17);
      w.cstring('validity_period', b.validityPeriod, 17);
      w.u8('registered_delivery', b.registeredDelivery);
      w.u8('sm_default_msg_id', b.smDefaultMsgId);
      w.shortMessage(b.shortMessage);
    },
  },
  replace_sm_resp: empty,
  cancel_sm: {
    decode(r) {
      const serviceType = r.cstring('service_type');
      const messageId = r.cstring('message_id');
      const source = readAddress(r, 'source_addr');
      return { serviceType, messageId, source, destination: readAddress(r, 'destination_addr') };
    },
    encode(w, b) {
      w.cstring('service_type', b.serviceType, 6);
      w.cstring('message_id', b.messageId, 65);
      writeAddress(w, 'source_addr', b.source, 21);
      writeAddress(w, 'destination_addr', b.destination, 21);
    },
  },
  cancel_sm_resp: empty,
  outbind: {
    decode(r) {
      const systemId = r.cstring('system_id');
      return { systemId, password: r.cstring('password') };
    },
    encode(w, b) {
      w.cstring('system_id', b.systemId, 16);
      w.cstring('password', b.password, 9);
    },
  },
  enquire_link: empty,
  enquire_link_resp: empty,
  alert_notification: {
    decode(r) {
      const source = readAddress(r, 'source_addr');
      const esme = readAddress(r, 'esme_addr');
      return { source, esme, tlvs: r.tlvs() };
    },
    encode(w, b) {
      writeAddress(w, 'source_addr', b.source, 65);
      writeAddress(w, 'esme_addr', b.esme, 65);
      w.tlvs(b.tlvs);
    },
  },
  data_sm: {
    decode(r) {
      const serviceType = r.cstring('service_type');
      const source = readAddress(r, 'source_addr');
      const destination = readAddress(r, 'destination_addr');
      const esmClass = r.u8('esm_class');
      const registeredDelivery = r.u8('registered_delivery');
      const dataCoding = r.u8('data_coding');
      return { serviceType, source, destination, esmClass, registeredDelivery, dataCoding, tlvs: r.tlvs() };
    },
    encode(w, b) {
      w.cstring('service_type', b.serviceType, 6);
      writeAddress(w, 'source_addr', b.source, 65);
      writeAddress(w, 'destination_addr', b.destination, 65);
      w.u8('esm_class', b.esmClass);
      w.u8('registered_delivery', b.registeredDelivery);
      w.u8('data_coding', b.dataCoding);
      w.tlvs(b.tlvs);
    },
  },
  data_sm_resp: messageIdResp,
};
