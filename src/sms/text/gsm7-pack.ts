// GSM 7-bit packing (TS 23.038 §6.1.2.1.1): septets laid little-endian into octets. With a user
// data header the septets start after `fillBits` padding bits, so that the first character
// begins on a septet boundary counted from the start of the user data (TS 23.040 §9.2.3.24).

/** Fill bits needed after a UDH of `udhOctets` octets (its length octet included). */
export function fillBitsAfterUdh(udhOctets: number): number {
  return (7 - ((udhOctets * 8) % 7)) % 7;
}

/** Packs septets into octets, starting `fillBits` (0..6) bits into the first octet. */
export function packSeptets(septets: ArrayLike<number>, fillBits = 0): Buffer {
  const totalBits = fillBits + septets.length * 7;
  const out = Buffer.alloc(Math.ceil(totalBits / 8));
  let bit = fillBits;
  for (let i = 0; i < septets.length; i++) {
    const value = septets[i]! & 0x7f;
    const byte = bit >> 3;
    const shift = bit & 7;
    out[byte]! |= (value << shift) & 0xff;
    if (shift > 1) out[byte + 1]! |= value >> (8 - shift);
    bit += 7;
  }
  return out;
}

/**
 * Unpacks `count` septets (or as many as the octets hold) starting `fillBits` bits in. A count
 * larger than the octets hold is cut to what is there: a hostile sm_length never reads past.
 */
export function unpackSeptets(octets: Uint8Array, count?: number, fillBits = 0): number[] {
  const available = Math.max(0, Math.floor((octets.length * 8 - fillBits) / 7));
  const n = count === undefined ? available : Math.min(count, available);
  const septets: number[] = [];
  let bit = fillBits;
  for (let i = 0; i < n; i++) {
    const byte = bit >> 3;
    const shift = bit & 7;
    let value = octets[byte]! >> shift;
    if (shift > 1) value |= (octets[byte + 1] ?? 0) << (8 - shift);
    septets.push(value & 0x7f);
    bit += 7;
  }
  return septets;
}
