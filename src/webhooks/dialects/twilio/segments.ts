// NumSegments of an inbound message as Twilio reports it: an MMS is one message; text counts
// GSM-7 segments of 160 septets (153 when concatenated, extension characters taking two) or
// UCS-2 segments of 70 UTF-16 units (67). The Twilio REST surface counts num_segments the same
// way (src/twilio/api/segments.ts on h/twilio-api); at merge one of the two stays.

const GSM_BASIC = new Set([...'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà']);
const GSM_EXTENSION = new Set([...'\f^{}\\[~]|€']);

export function inboundSegments(body: string, hasMedia: boolean): number {
  if (hasMedia) return 1;
  let septets = 0;
  for (const ch of body) {
    if (GSM_BASIC.has(ch)) septets += 1;
    else if (GSM_EXTENSION.has(ch)) septets += 2;
    else return body.length <= 70 ? 1 : Math.ceil(body.length / 67);
  }
  // An empty text still arrived as one message.
  return septets <= 160 ? 1 : Math.ceil(septets / 153);
}
