// SMPP 3.4 PDU codec: what other modules import.
export { COMMAND_IDS, EsmClass, MessageState, commandName, isResponseId, responseCommandOf, type CommandName, type MessageStateName } from './commands.ts';
export { CommandStatus, statusName, type CommandStatusName } from './status.ts';
export { TLV_DEFS, getTlv, tlv, tlvTag, type KnownTlv, type NetworkErrorCode, type RawTlv, type Tlv, type TlvName, type TlvValue } from './tlv.ts';
export type * from './model.ts';
export { decodePdu, readHeader, HEADER_LENGTH } from './decode.ts';
export { encodePdu } from './encode.ts';
export { PduFramer, DEFAULT_MAX_PDU_LENGTH } from './framer.ts';
export { SmppPduError, isSmppPduError } from './pdu-error.ts';
export { formatReceiptText, messageStateStat, parseReceiptText, statMessageState, type DeliveryReceipt, type ReceiptFields } from './receipt.ts';
export { decimalIdToHex, hexIdToDecimal, messageIdKeys } from './message-id.ts';
export { genericNack, responseTo } from './responses.ts';
export { MAX_RELATIVE_SECONDS, formatAbsoluteTime, formatRelativeTime, parseSmppTime, smppTimeDeadline, type SmppTime } from './smpp-time.ts';
