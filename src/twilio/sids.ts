// Twilio SIDs of porm resources: two letters and 32 hex digits (128 bits), made from the ULID in
// the porm id, so the mapping needs no table and goes both ways. A ULID is 26 Crockford base32
// digits carrying 128 bits (its first digit is at most 7), exactly the 32 hex digits of a SID.
// Shared by the Twilio REST surface and the Twilio webhook dialect, which must name every
// message with the same SID.

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/** The 32 hex digits of the ULID in a porm id (`msg_…`, `inb_…`), or null when it holds none. */
export function hexOfId(id: string): string | null {
  const ulid = id.slice(id.indexOf('_') + 1).toLowerCase();
  if (!/^[0-7][0-9a-hjkmnp-tv-z]{25}$/.test(ulid)) return null;
  let value = 0n;
  for (const ch of ulid) value = value * 32n + BigInt(CROCKFORD.indexOf(ch));
  return value.toString(16).padStart(32, '0');
}

/** The porm id `prefix_…` whose ULID is the 32 hex digits of a SID (the inverse of hexOfId). */
export function idOfHex(prefix: string, hex: string): string | null {
  if (!/^[0-9a-f]{32}$/i.test(hex)) return null;
  let value = BigInt(`0x${hex}`);
  let ulid = '';
  for (let i = 0; i < 26; i++) {
    ulid = CROCKFORD[Number(value % 32n)]! + ulid;
    value /= 32n;
  }
  return `${prefix}_${ulid}`;
}

/**
 * A message's Twilio SID: `MM` for a message with media (Twilio's mark of an MMS), `SM` otherwise,
 * then the hex of its id. Outbound messages (`msg_…`) and inbound ones (`inb_…`) both get one.
 */
export function messageSidOf(id: string, hasMedia: boolean): string {
  const hex = hexOfId(id);
  if (hex === null) throw new Error(`${id} holds no ULID`);
  return `${hasMedia ? 'MM' : 'SM'}${hex}`;
}

/** The porm id behind a message SID, given the id prefix to look under (`msg`, `inb`), or null for no SID. */
export function idOfMessageSid(sid: string, prefix: 'msg' | 'inb'): string | null {
  const match = /^(?:SM|MM)([0-9a-fA-F]{32})$/.exec(sid);
  return match ? idOfHex(prefix, match[1]!.toLowerCase()) : null;
}

/** A messaging service's SID: `MG` and the hex of its porm id (`mgs_…`). */
export function messagingServiceSidOf(id: string): string {
  const hex = hexOfId(id);
  if (hex === null) throw new Error(`${id} holds no ULID`);
  return `MG${hex}`;
}

/** The porm id (`mgs_…`) an MG SID names, or null when it is not one. */
export function idOfMessagingServiceSid(sid: string): string | null {
  const match = /^MG([0-9a-fA-F]{32})$/.exec(sid);
  return match ? idOfHex('mgs', match[1]!.toLowerCase()) : null;
}

/** A number's SID as Twilio names phone numbers: `PN` and the hex of its porm id (`num_…`). */
export function phoneNumberSidOf(id: string): string {
  const hex = hexOfId(id);
  if (hex === null) throw new Error(`${id} holds no ULID`);
  return `PN${hex}`;
}

/** The porm number id (`num_…`) a PN SID names, or null when it is not one. */
export function idOfPhoneNumberSid(sid: string): string | null {
  const match = /^PN([0-9a-fA-F]{32})$/.exec(sid);
  return match ? idOfHex('num', match[1]!.toLowerCase()) : null;
}
