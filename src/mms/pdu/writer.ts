import { PduError } from './pdu-error.ts';

/** Octets needed for `n` as a WSP uintvar (7 bits per octet). */
export function uintvarSize(n: number): number {
  if (n < 0x80) return 1;
  if (n < 0x4000) return 2;
  if (n < 0x200000) return 3;
  if (n < 0x10000000) return 4;
  return 5;
}

/** Writes `n` as a uintvar into `buf` at `pos`; returns the position after it. */
export function putUintvar(buf: Uint8Array, pos: number, n: number): number {
  const size = uintvarSize(n);
  let v = n;
  for (let i = size - 1; i >= 0; i--) {
    buf[pos + i] = (v & 0x7f) | (i === size - 1 ? 0 : 0x80);
    v = Math.floor(v / 128);
  }
  return pos + size;
}

/**
 * A growable output buffer for header lists and part headers, which are small; part data
 * never goes through it (the multipart encoder copies data straight into the final PDU).
 */
export class Writer {
  buf: Buffer;
  pos = 0;

  /**
   * `relay`: the PDU came from decodePdu and is written back as it was read (see encodePdu's
   * `relay` option); value codecs then accept every form the decoder produces.
   */
  constructor(initial = 256, readonly relay = false) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  u8(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  bytes(src: Uint8Array): void {
    this.ensure(src.length);
    this.buf.set(src, this.pos);
    this.pos += src.length;
  }

  /** UTF-8 octets of `s` (no terminator). */
  utf8(s: string): void {
    this.ensure(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  uintvar(n: number): void {
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
      throw new PduError('PORM_PDU_INVALID_VALUE', `uintvar out of range: ${n}`);
    }
    this.ensure(5);
    this.pos = putUintvar(this.buf, this.pos, n);
  }

  /**
   * Writes a Value-length followed by what `body` writes. The length is only known after
   * the body is written, so the body is written first and shifted right when the long
   * form (0x1F + uintvar) is needed; values are small, so the shift is cheap.
   */
  withValueLength(body: () => void): void {
    const start = this.pos;
    this.u8(0);
    body();
    const len = this.pos - start - 1;
    if (len <= 30) {
      this.buf[start] = len;
      return;
    }
    const extra = uintvarSize(len);
    this.ensure(extra);
    this.buf.copyWithin(start + 1 + extra, start + 1, this.pos);
    this.buf[start] = 0x1f;
    putUintvar(this.buf, start + 1, len);
    this.pos += extra;
  }

  /** The written octets as a new, exactly sized Buffer. */
  result(): Buffer {
    const out = Buffer.allocUnsafe(this.pos);
    this.buf.copy(out, 0, 0, this.pos);
    return out;
  }

  view(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}
