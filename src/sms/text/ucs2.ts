// UCS-2 as SMSCs and handsets use it today: UTF-16BE, surrogate pairs allowed (TS 23.038 §6.2.3
// names UCS-2; every modern handset displays UTF-16 pairs).

/** UTF-16 code units → big-endian bytes. */
export function encodeUcs2(text: string): Buffer {
  const out = Buffer.alloc(text.length * 2);
  for (let i = 0; i < text.length; i++) out.writeUInt16BE(text.charCodeAt(i), i * 2);
  return out;
}

/**
 * Big-endian bytes → text. An odd trailing byte (a truncated unit) becomes U+FFFD rather than
 * being dropped silently; lone surrogates are kept as they are so that a caller joining the
 * parts of a concatenated message can join the bytes and decode once.
 */
export function decodeUcs2(bytes: Uint8Array): string {
  const units = bytes.length >> 1;
  const codes: number[] = [];
  for (let i = 0; i < units; i++) codes.push((bytes[i * 2]! << 8) | bytes[i * 2 + 1]!);
  let text = '';
  // String.fromCharCode in slices: a 64 KB message_payload would overflow the argument list.
  for (let i = 0; i < codes.length; i += 4096) text += String.fromCharCode(...codes.slice(i, i + 4096));
  if (bytes.length % 2 === 1) text += '\ufffd';
  return text;
}
