import { PormError } from '../../errors.ts';
import type { SmppPduErrorCode } from './errors.ts';
import type { Pdu, PduHeader } from './model.ts';

/**
 * What the codec throws. `header` is set whenever the 16 header octets were readable, so a
 * session can answer generic_nack (or the command's own response) with the same sequence
 * number; `answerStatus` is the command_status SMPP 3.4 suggests for that answer. `offset` is
 * the byte position in the PDU where decoding gave up. `partial` is the PDU as far as it
 * decoded, for TLV errors after every mandatory field had been read.
 */
export class SmppPduError extends PormError {
  override readonly name = 'SmppPduError';
  override readonly code: SmppPduErrorCode;
  readonly offset: number | undefined;
  readonly header: PduHeader | undefined;
  readonly answerStatus: number;
  readonly partial: Pdu | undefined;

  constructor(code: SmppPduErrorCode, message: string, options: { offset?: number; header?: PduHeader; answerStatus: number; partial?: Pdu }) {
    super(code, options.offset === undefined ? message : `${message} (at byte ${options.offset})`);
    this.code = code;
    this.offset = options.offset;
    this.header = options.header;
    this.answerStatus = options.answerStatus;
    this.partial = options.partial;
  }
}

export function isSmppPduError(err: unknown): err is SmppPduError {
  return err instanceof SmppPduError;
}
