import { PormError } from '../../errors.ts';

// User data header (TS 23.040 §9.2.3.24): UDHL, then information elements (IEI, length, data).
// porm writes the 8-bit concatenation reference (IEI 0x00) and reads 8- and 16-bit (0x08)
// references and application port addressing (0x04 8-bit, 0x05 16-bit; WAP Push is port 2948).

export const IEI_CONCAT_8 = 0x00;
export const IEI_PORTS_8 = 0x04;
export const IEI_PORTS_16 = 0x05;
export const IEI_CONCAT_16 = 0x08;

/** Octets of the concatenation UDH porm writes, its length octet included. */
export const CONCAT_UDH_OCTETS = 6;

export interface Concatenation {
  readonly reference: number;
  /** 8 or 16: the width of the reference as it arrived (16-bit and 8-bit references never match each other). */
  readonly referenceBits: 8 | 16;
  readonly total: number;
  readonly sequence: number;
}

export interface PortAddressing {
  readonly destination: number;
  readonly source: number;
  readonly bits: 8 | 16;
}

export interface InformationElement {
  readonly iei: number;
  readonly data: Buffer;
}

export interface UserDataHeader {
  /** Octets of the header, its length octet included. */
  readonly length: number;
  readonly elements: readonly InformationElement[];
  readonly concatenation: Concatenation | null;
  readonly ports: PortAddressing | null;
}

/** `05 00 03 ref total seq`: the concatenation header of one part. */
export function encodeConcatUdh(reference: number, total: number, sequence: number): Buffer {
  if (!Number.isInteger(reference) || reference < 0 || reference > 255) throw new RangeError(`concatenation reference ${reference} is not an octet`);
  if (!Number.isInteger(total) || total < 1 || total > 255) throw new RangeError(`part count ${total} is outside 1..255`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > total) throw new RangeError(`part ${sequence} is outside 1..${total}`);
  return Buffer.from([0x05, IEI_CONCAT_8, 0x03, reference, total, sequence]);
}

/**
 * Reads the UDH at the start of `userData`. A header or element running past the bytes is
 * PORM_SMS_UDH_MALFORMED; a concatenation element with a zero count, a zero sequence or a
 * sequence past the count is ignored, as TS 23.040 §9.2.3.24.1 tells receivers to do.
 */
export function decodeUdh(userData: Uint8Array): UserDataHeader {
  if (userData.length === 0) throw new PormError('PORM_SMS_UDH_MALFORMED', 'UDHI is set but the short message is empty');
  const udhl = userData[0]!;
  if (udhl + 1 > userData.length) {
    throw new PormError('PORM_SMS_UDH_MALFORMED', `UDH length ${udhl} runs past the ${userData.length - 1} octets after it`);
  }
  const elements: InformationElement[] = [];
  let concatenation: Concatenation | null = null;
  let ports: PortAddressing | null = null;
  let at = 1;
  const end = udhl + 1;
  while (at < end) {
    if (at + 2 > end) throw new PormError('PORM_SMS_UDH_MALFORMED', `UDH information element at octet ${at} has no length`);
    const iei = userData[at]!;
    const len = userData[at + 1]!;
    if (at + 2 + len > end) throw new PormError('PORM_SMS_UDH_MALFORMED', `UDH element 0x${iei.toString(16).padStart(2, '0')} length ${len} runs past the header`);
    const data = Buffer.from(userData.subarray(at + 2, at + 2 + len));
    elements.push({ iei, data });
    if (iei === IEI_CONCAT_8 && len === 3) concatenation = validConcat(data[0]!, 8, data[1]!, data[2]!) ?? concatenation;
    else if (iei === IEI_CONCAT_16 && len === 4) concatenation = validConcat(data.readUInt16BE(0), 16, data[2]!, data[3]!) ?? concatenation;
    else if (iei === IEI_PORTS_8 && len === 2) ports = { destination: data[0]!, source: data[1]!, bits: 8 };
    else if (iei === IEI_PORTS_16 && len === 4) ports = { destination: data.readUInt16BE(0), source: data.readUInt16BE(2), bits: 16 };
    at += 2 + len;
  }
  return { length: end, elements, concatenation, ports };
}

function validConcat(reference: number, referenceBits: 8 | 16, total: number, sequence: number): Concatenation | null {
  if (total === 0 || sequence === 0 || sequence > total) return null;
  return { reference, referenceBits, total, sequence };
}
