// MMS addresses (OMA-MMS-ENC §8): `+E164/TYPE=PLMN`, `ipv4/TYPE=IPv4`, e-mail. Lenient when
// reading (real MMSCs send `/TYPE=PLNM` and bare digits), strict when writing.
import { PduError } from './pdu-error.ts';
import { checkText } from './primitives.ts';
import type { DecodeContext } from './reader.ts';

const PHONE = /^\+?[0-9.-]*[0-9][0-9.-]*$/;
const TYPED = /^(.+)\/TYPE=([A-Za-z0-9_-]+)$/;

export interface ParsedAddress {
  kind: 'phone' | 'email' | 'ipv4' | 'ipv6' | 'other';
  /** The address without its `/TYPE=` suffix. */
  value: string;
}

/** Classifies a decoded address, accepting the `PLNM` typo and bare numbers. */
export function parseAddress(address: string): ParsedAddress {
  const typed = TYPED.exec(address);
  if (typed) {
    const value = typed[1]!;
    const type = typed[2]!.toUpperCase();
    if (type === 'PLMN' || type === 'PLNM') return { kind: 'phone', value };
    if (type === 'IPV4') return { kind: 'ipv4', value };
    if (type === 'IPV6') return { kind: 'ipv6', value };
    return { kind: 'other', value };
  }
  if (address.includes('@')) return { kind: 'email', value: address };
  if (PHONE.test(address)) return { kind: 'phone', value: address };
  return { kind: 'other', value: address };
}

/** Decoder side: notes the deviations real PDUs carry; the address itself is kept as sent. */
export function checkDecodedAddress(address: string, ctx: DecodeContext, offset: number): void {
  const typed = TYPED.exec(address);
  if (typed) {
    if (typed[2]!.toUpperCase() === 'PLNM') ctx.warn('address-type-typo', offset, `address with /TYPE=PLNM: ${address}`);
    return;
  }
  if (!address.includes('@')) ctx.warn('address-without-type', offset, `address without /TYPE=: ${address}`);
}

/**
 * Encoder side: the canonical wire form. A bare phone number gets `/TYPE=PLMN`, the PLNM
 * typo is corrected, e-mail addresses pass as they are; anything else is refused.
 */
export function normalizeAddress(address: string): string {
  checkText(address, 'address');
  const typed = TYPED.exec(address);
  if (typed) {
    const value = typed[1]!;
    const type = typed[2]!.toUpperCase();
    if (type === 'PLMN' || type === 'PLNM') {
      if (!PHONE.test(value)) throw new PduError('PORM_PDU_INVALID_ADDRESS', `not a phone number: ${JSON.stringify(value)}`);
      return `${value}/TYPE=PLMN`;
    }
    if (type === 'IPV4') return `${value}/TYPE=IPv4`;
    if (type === 'IPV6') return `${value}/TYPE=IPv6`;
    return address;
  }
  if (/^[^@\s]+@[^@\s]+$/.test(address) || /<[^@\s<>]+@[^@\s<>]+>$/.test(address)) return address;
  if (PHONE.test(address)) return `${address}/TYPE=PLMN`;
  throw new PduError('PORM_PDU_INVALID_ADDRESS', `not a phone number, e-mail or typed address: ${JSON.stringify(address)}`);
}
