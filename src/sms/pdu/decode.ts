import { BODY_CODECS } from './body-codecs.ts';
import { commandName, type CommandName } from './commands.ts';
import type { Pdu, PduHeader, PduOf } from './model.ts';
import { SmppPduError } from './pdu-error.ts';
import { BodyReader } from './reader.ts';
import { CommandStatus } from './status.ts';

export const HEADER_LENGTH = 16;

/** The 16 header octets, or undefined when fewer are there. Never throws. */
export function readHeader(buf: Buffer): PduHeader | undefined {
  if (buf.length < HEADER_LENGTH) return undefined;
  return {
    commandLength: buf.readUInt32BE(0),
    commandId: buf.readUInt32BE(4),
    commandStatus: buf.readUInt32BE(8),
    sequenceNumber: buf.readUInt32BE(12),
  };
}

// The cast widens PduOf<C> to the union it is a member of; TypeScript cannot see that for a generic C.
function decodeAs<C extends CommandName>(command: C, buf: Buffer, header: PduHeader): Pdu {
  const reader = new BodyReader(buf, header.commandLength, header);
  const body = BODY_CODECS[command].decode(reader);
  const pdu: PduOf<C> = { command, commandStatus: header.commandStatus, sequenceNumber: header.sequenceNumber, body };
  if (reader.tlvError !== undefined) {
    throw new SmppPduError('PORM_SMPP_PDU_TLV_TRUNCATED', reader.tlvError.message, {
      offset: reader.tlvError.offset, header, answerStatus: CommandStatus.ESME_RINVOPTPARSTREAM, partial: pdu as Pdu,
    });
  }
  return pdu as Pdu;
}

/**
 * Decodes exactly one whole PDU (as PduFramer yields them). Throws SmppPduError: BAD_LENGTH
 * when command_length is not the buffer's length (no header attached if under 16 octets),
 * UNKNOWN_COMMAND, MALFORMED or TLV_TRUNCATED, each with the header for the answer.
 */
export function decodePdu(buf: Buffer): Pdu {
  const header = readHeader(buf);
  if (header === undefined) {
    throw new SmppPduError('PORM_SMPP_PDU_BAD_LENGTH', `a PDU is at least 16 octets, got ${buf.length}`, { offset: 0, answerStatus: CommandStatus.ESME_RINVCMDLEN });
  }
  if (header.commandLength !== buf.length) {
    throw new SmppPduError('PORM_SMPP_PDU_BAD_LENGTH', `command_length ${header.commandLength} differs from the ${buf.length} octets given`, { offset: 0, header, answerStatus: CommandStatus.ESME_RINVCMDLEN });
  }
  const command = commandName(header.commandId);
  if (command === undefined) {
    throw new SmppPduError('PORM_SMPP_PDU_UNKNOWN_COMMAND', `unknown command_id 0x${header.commandId.toString(16).padStart(8, '0')}`, { offset: 4, header, answerStatus: CommandStatus.ESME_RINVCMDID });
  }
  return decodeAs(command, buf, header);
}
