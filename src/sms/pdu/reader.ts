import { SmppPduError } from './pdu-error.ts';
import type { PduHeader } from './model.ts';
import { CommandStatus } from './status.ts';
import { decodeTlvValue, type Tlv } from './tlv.ts';

/**
 * A cursor over one PDU's body that never reads past command_length. Mandatory-field errors
 * throw at once; a broken TLV stops the TLV list and is remembered in `tlvError`, so the
 * caller can still hand the mandatory fields back (SmppPduError.partial).
 */
export class BodyReader {
  private pos: number;
  tlvError: { offset: number; message: string } | undefined;

  constructor(private readonly buf: Buffer, private readonly end: number, readonly header: PduHeader) {
    this.pos = 16;
  }

  get offset(): number {
    return this.pos;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  private fail(message: string, answerStatus: number = CommandStatus.ESME_RINVCMDLEN): never {
    throw new SmppPduError('PORM_SMPP_PDU_MALFORMED', message, { offset: this.pos, header: this.header, answerStatus });
  }

  u8(field: string): number {
    if (this.pos + 1 > this.end) this.fail(`${field} is missing: the PDU ends first`);
    return this.buf.readUInt8(this.pos++);
  }

  /** A C-octet string; the NUL must come before the end of the PDU. Longer than SMPP's maximum is accepted on input (real SMSCs overrun them), never on output. */
  cstring(field: string): string {
    const nul = this.buf.indexOf(0, this.pos);
    if (nul === -1 || nul >= this.end) this.fail(`${field} has no terminating NUL before the end of the PDU`);
    const s = this.buf.toString('latin1', this.pos, nul);
    this.pos = nul + 1;
    return s;
  }

  /** sm_length then short_message. */
  shortMessage(): Buffer {
    const length = this.u8('sm_length');
    if (this.pos + length > this.end) this.fail(`sm_length ${length} runs past the PDU (${this.end - this.pos} octets left)`, CommandStatus.ESME_RINVMSGLEN);
    const out = Buffer.from(this.buf.subarray(this.pos, this.pos + length));
    this.pos += length;
    return out;
  }

  /** Every TLV up to command_length, each cut to its declared length. */
  tlvs(): Tlv[] {
    const out: Tlv[] = [];
    while (this.pos < this.end) {
      if (this.end - this.pos < 4) {
        this.tlvError = { offset: this.pos, message: `${this.end - this.pos} octet(s) after the last field are too few for a TLV header` };
        break;
      }
      const tag = this.buf.readUInt16BE(this.pos);
      const length = this.buf.readUInt16BE(this.pos + 2);
      if (this.pos + 4 + length > this.end) {
        this.tlvError = { offset: this.pos, message: `TLV 0x${tag.toString(16).padStart(4, '0')} declares ${length} octets but ${this.end - this.pos - 4} remain` };
        break;
      }
      out.push(decodeTlvValue(tag, this.buf.subarray(this.pos + 4, this.pos + 4 + length)));
      this.pos += 4 + length;
    }
    this.pos = this.end;
    return out;
  }
}
