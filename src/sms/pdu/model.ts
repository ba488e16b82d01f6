import type { CommandName } from './commands.ts';
import type { Tlv } from './tlv.ts';

// The decoded form of every SMPP 3.4 PDU porm speaks: one union, discriminated by `command`.
// C-octet strings are read as ISO-8859-1 so that any octet survives a decode/encode round trip;
// short_message stays octets (its coding is data_coding's business, see src/sms/text/).

export interface PduHeader {
  readonly commandLength: number;
  readonly commandId: number;
  readonly commandStatus: number;
  /** Unsigned 32-bit, echoed unchanged in the response even when outside SMPP's 1..0x7FFFFFFF. */
  readonly sequenceNumber: number;
}

export interface Address {
  readonly ton: number;
  readonly npi: number;
  /** source_addr / destination_addr: at most 20 characters (21 with the NUL). */
  readonly address: string;
}

export interface BindBody {
  readonly systemId: string;
  readonly password: string;
  readonly systemType: string;
  /** 0x34 for SMPP 3.4. */
  readonly interfaceVersion: number;
  readonly addressRange: Address;
}

export interface BindRespBody {
  /** null when the body is absent (an SMSC may send none with an error status). */
  readonly systemId: string | null;
  readonly tlvs: readonly Tlv[];
}

/** submit_sm and deliver_sm share this layout (§4.4.1, §4.6.1). */
export interface ShortMessageBody {
  readonly serviceType: string;
  readonly source: Address;
  readonly destination: Address;
  readonly esmClass: number;
  readonly protocolId: number;
  readonly priorityFlag: number;
  /** `YYMMDDhhmmsstnnp` or '' (immediate). */
  readonly scheduleDeliveryTime: string;
  readonly validityPeriod: string;
  readonly registeredDelivery: number;
  readonly replaceIfPresentFlag: number;
  readonly dataCoding: number;
  readonly smDefaultMsgId: number;
  /** 0-255 octets (SMPP says 254; longer content goes in message_payload). */
  readonly shortMessage: Buffer;
  readonly tlvs: readonly Tlv[];
}

export interface MessageIdRespBody {
  /** null when the body is absent (allowed with an error status); '' when present but empty. */
  readonly messageId: string | null;
  readonly tlvs: readonly Tlv[];
}

export interface DataSmBody {
  readonly serviceType: string;
  readonly source: Address;
  /** destination_addr of data_sm may be up to 64 characters. */
  readonly destination: Address;
  readonly esmClass: number;
  readonly registeredDelivery: number;
  readonly dataCoding: number;
  readonly tlvs: readonly Tlv[];
}

export interface QuerySmBody {
  readonly messageId: string;
  readonly source: Address;
}

export interface QuerySmRespBody {
  readonly messageId: string;
  readonly finalDate: string;
  readonly messageState: number;
  readonly errorCode: number;
}

export interface CancelSmBody {
  readonly serviceType: string;
  /** '' cancels every message from source to destination (with service_type). */
  readonly messageId: string;
  readonly source: Address;
  readonly destination: Address;
}

export interface ReplaceSmBody {
  readonly messageId: string;
  readonly source: Address;
  readonly scheduleDeliveryTime: string;
  readonly validityPeriod: string;
  readonly registeredDelivery: number;
  readonly smDefaultMsgId: number;
  readonly shortMessage: Buffer;
}

export interface OutbindBody {
  readonly systemId: string;
  readonly password: string;
}

export interface AlertNotificationBody {
  readonly source: Address;
  readonly esme: Address;
  readonly tlvs: readonly Tlv[];
}

export type EmptyBody = Record<never, never>;

export interface PduBodies {
  generic_nack: EmptyBody;
  bind_receiver: BindBody;
  bind_receiver_resp: BindRespBody;
  bind_transmitter: BindBody;
  bind_transmitter_resp: BindRespBody;
  bind_transceiver: BindBody;
  bind_transceiver_resp: BindRespBody;
  query_sm: QuerySmBody;
  query_sm_resp: QuerySmRespBody;
  submit_sm: ShortMessageBody;
  submit_sm_resp: MessageIdRespBody;
  deliver_sm: ShortMessageBody;
  deliver_sm_resp: MessageIdRespBody;
  unbind: EmptyBody;
  unbind_resp: EmptyBody;
  replace_sm: ReplaceSmBody;
  replace_sm_resp: EmptyBody;
  cancel_sm: CancelSmBody;
  cancel_sm_resp: EmptyBody;
  outbind: OutbindBody;
  enquire_link: EmptyBody;
  enquire_link_resp: EmptyBody;
  alert_notification: AlertNotificationBody;
  data_sm: DataSmBody;
  data_sm_resp: MessageIdRespBody;
}

export type PduOf<C extends CommandName> = {
  readonly command: C;
  readonly commandStatus: number;
  readonly sequenceNumber: number;
  readonly body: PduBodies[C];
};

export type Pdu = { [C in CommandName]: PduOf<C> }[CommandName];
