import { SmppPduError } from './pdu-error.ts';
import { CommandStatus } from './status.ts';
import { encodeTlvValue, tlvTag, type Tlv } from './tlv.ts';

/** A growing big-endian buffer that refuses values SMPP 3.4 cannot carry. */
export class BodyWriter {
  private buf = Buffer.allocUnsafe(256);
  private pos = 16;

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  static invalid(message: string): SmppPduError {
    return new SmppPduError('PORM_SMPP_PDU_INVALID_VALUE', message, { answerStatus: CommandStatus.ESME_RSYSERR });
  }

  u8(field: string, v: number): void {
    if (!Number.isInteger(v) || v < 0 || v > 0xff) throw BodyWriter.invalid(`${field} must be an integer 0-255, got ${v}`);
    this.ensure(1);
    this.buf.writeUInt8(v, this.pos++);
  }

  /** `max` includes the NUL, as in the SMPP 3.4 tables. */
  cstring(field: string, v: string, max: number): void {
    if (v.includes('\0')) throw BodyWriter.invalid(`${field} contains NUL`);
    const bytes = Buffer.from(v, 'latin1');
    if (bytes.length > max - 1 || !isLatin1(v)) {
      throw BodyWriter.invalid(`${field} must be at most ${max - 1} ISO-8859-1 characters, got ${JSON.stringify(v.slice(0, 80))}`);
    }
    this.ensure(bytes.length + 1);
    bytes.copy(this.buf, this.pos);
    this.pos += bytes.length;
    this.buf.writeUInt8(0, this.pos++);
  }

  shortMessage(v: Buffer): void {
    if (v.length > 255) throw BodyWriter.invalid(`short_message is ${v.length} octets; at most 255 fit (use the message_payload TLV)`);
    this.u8('sm_length', v.length);
    this.raw(v);
  }

  raw(v: Buffer): void {
    this.ensure(v.length);
    v.copy(this.buf, this.pos);
    this.pos += v.length;
  }

  tlvs(list: readonly Tlv[]): void {
    for (const t of list) {
      let value: Buffer;
      try {
        value = encodeTlvValue(t);
      } catch (err) {
        throw BodyWriter.invalid(err instanceof Error ? err.message : String(err));
      }
      if (value.length > 0xffff) throw BodyWriter.invalid(`TLV 0x${tlvTag(t).toString(16)} is longer than 65535 octets`);
      this.ensure(4 + value.length);
      this.buf.writeUInt16BE(tlvTag(t), this.pos);
      this.buf.writeUInt16BE(value.length, this.pos + 2);
      this.pos += 4;
      value.copy(this.buf, this.pos);
      this.pos += value.length;
    }
  }

  /** Writes the header in front of the body and returns the PDU. */
  finish(commandId: number, commandStatus: number, sequenceNumber: number): Buffer {
    for (const [field, v] of [['command_status', commandStatus], ['sequence_number', sequenceNumber]] as const) {
      if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw BodyWriter.invalid(`${field} must be an unsigned 32-bit integer, got ${v}`);
    }
    this.buf.writeUInt32BE(this.pos, 0);
    this.buf.writeUInt32BE(commandId, 4);
    this.buf.writeUInt32BE(commandStatus, 8);
    this.buf.writeUInt32BE(sequenceNumber, 12);
    return Buffer.from(this.buf.subarray(0, this.pos));
  }
}

function isLatin1(v: string): boolean {
  for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) > 0xff) return false;
  return true;
}
