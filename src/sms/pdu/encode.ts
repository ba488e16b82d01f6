import { BODY_CODECS } from './body-codecs.ts';
import { COMMAND_IDS, type CommandName } from './commands.ts';
import type { Pdu, PduOf } from './model.ts';
import { BodyWriter } from './writer.ts';

function encodeAs<C extends CommandName>(pdu: PduOf<C>): Buffer {
  const w = new BodyWriter();
  BODY_CODECS[pdu.command].encode(w, pdu.body);
  return w.finish(COMMAND_IDS[pdu.command], pdu.commandStatus, pdu.sequenceNumber);
}

/** The wire form of a PDU. Throws SmppPduError PORM_SMPP_PDU_INVALID_VALUE for a field SMPP 3.4 cannot carry. */
export function encodePdu(pdu: Pdu): Buffer {
  return encodeAs(pdu);
}
