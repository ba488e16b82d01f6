import { HEADER_LENGTH, readHeader } from './decode.ts';
import { SmppPduError } from './pdu-error.ts';
import { CommandStatus } from './status.ts';

/** Room for a 64 KiB message_payload plus the mandatory fields and a few other TLVs. */
export const DEFAULT_MAX_PDU_LENGTH = 65_536 + 4_096;

/**
 * Cuts a TCP byte stream into whole PDUs by command_length. A command_length below 16 or above
 * `maxLength` cannot be skipped safely (nothing says where the next PDU starts), so the framer
 * throws PORM_SMPP_PDU_BAD_LENGTH and stays failed: the session must drop the connection. The
 * error carries the header when 16 octets had arrived, for a last generic_nack.
 */
export class PduFramer {
  private pending: Buffer = Buffer.alloc(0);
  private failure: SmppPduError | undefined;
  readonly maxLength: number;

  constructor(options: { maxLength?: number } = {}) {
    this.maxLength = options.maxLength ?? DEFAULT_MAX_PDU_LENGTH;
    if (!Number.isInteger(this.maxLength) || this.maxLength < HEADER_LENGTH) throw new RangeError(`maxLength must be an integer >= 16, got ${this.maxLength}`);
  }

  /** Octets received but not yet part of a whole PDU. */
  get buffered(): number {
    return this.pending.length;
  }

  /** Adds a chunk and returns every PDU it completes, in order (each its own copy). */
  push(chunk: Buffer): Buffer[] {
    if (this.failure !== undefined) throw this.failure;
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const out: Buffer[] = [];
    let at = 0;
    while (this.pending.length - at >= 4) {
      const length = this.pending.readUInt32BE(at);
      if (length < HEADER_LENGTH || length > this.maxLength) {
        const rest = this.pending.subarray(at);
        this.failure = new SmppPduError('PORM_SMPP_PDU_BAD_LENGTH', `command_length ${length} is outside 16..${this.maxLength}`, {
          offset: 0, header: readHeader(rest), answerStatus: CommandStatus.ESME_RINVCMDLEN,
        });
        this.pending = Buffer.alloc(0);
        throw this.failure;
      }
      if (this.pending.length - at < length) break;
      out.push(Buffer.from(this.pending.subarray(at, at + length)));
      at += length;
    }
    // Copy the remainder so the caller's chunk is not retained beyond what is still needed.
    this.pending = at === 0 ? this.pending : Buffer.from(this.pending.subarray(at));
    return out;
  }
}
