// SMPP 3.4 command ids (§5.1.2.1). A response's id is its request's id with bit 31 set.

export const COMMAND_IDS = {
  generic_nack: 0x80000000,
  bind_receiver: 0x00000001,
  bind_receiver_resp: 0x80000001,
  bind_transmitter: 0x00000002,
  bind_transmitter_resp: 0x80000002,
  query_sm: 0x00000003,
  query_sm_resp: 0x80000003,
  submit_sm: 0x00000004,
  submit_sm_resp: 0x80000004,
  deliver_sm: 0x00000005,
  deliver_sm_resp: 0x80000005,
  unbind: 0x00000006,
  unbind_resp: 0x80000006,
  replace_sm: 0x00000007,
  replace_sm_resp: 0x80000007,
  cancel_sm: 0x00000008,
  cancel_sm_resp: 0x80000008,
  bind_transceiver: 0x00000009,
  bind_transceiver_resp: 0x80000009,
  outbind: 0x0000000b,
  enquire_link: 0x00000015,
  enquire_link_resp: 0x80000015,
  alert_notification: 0x00000102,
  data_sm: 0x00000103,
  data_sm_resp: 0x80000103,
} as const;

export type CommandName = keyof typeof COMMAND_IDS;

const BY_ID = new Map<number, CommandName>((Object.keys(COMMAND_IDS) as CommandName[]).map((n) => [COMMAND_IDS[n], n]));

export function commandName(commandId: number): CommandName | undefined {
  return BY_ID.get(commandId);
}

export const RESPONSE_BIT = 0x80000000;

/** True for every response id (bit 31), generic_nack included. */
export function isResponseId(commandId: number): boolean {
  return (commandId & RESPONSE_BIT) !== 0;
}

/** The response command a request is answered with, e.g. submit_sm → submit_sm_resp; undefined for requests with no response (outbind, alert_notification) and for responses. */
export function responseCommandOf(name: CommandName): CommandName | undefined {
  if (isResponseId(COMMAND_IDS[name])) return undefined;
  return commandName((COMMAND_IDS[name] | RESPONSE_BIT) >>> 0);
}

/** esm_class bits (SMPP 3.4 §5.2.12). */
export const EsmClass = {
  /** bits 5-2 = 0001: this deliver_sm is an SMSC delivery receipt. */
  DELIVERY_RECEIPT: 0x04,
  /** bits 5-2 mask: the message type. */
  TYPE_MASK: 0x3c,
  /** bit 6: short_message starts with a User Data Header. */
  UDHI: 0x40,
  /** bit 7: reply path. */
  REPLY_PATH: 0x80,
} as const;

/** message_state values (§5.2.28), used by query_sm_resp and the message_state TLV. */
export const MessageState = {
  ENROUTE: 1,
  DELIVERED: 2,
  EXPIRED: 3,
  DELETED: 4,
  UNDELIVERABLE: 5,
  ACCEPTED: 6,
  UNKNOWN: 7,
  REJECTED: 8,
} as const;

export type MessageStateName = keyof typeof MessageState;
