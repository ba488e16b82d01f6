// num_segments as Twilio reports it: an MMS is one message; text is split into GSM-7 segments of
// 160 (153 when concatenated) or UCS-2 segments of 70 (67), counting GSM extension characters
// as two septets and UTF-16 code units for UCS-2.

const GSM_BASIC = new Set([...'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà']);
const GSM_EXTENSION = new Set([...'\f^{}\\[~]|€']);

export function segmentCount(body: string, hasMedia: boolean): number {
  if (hasMedia) return 1;
  if (body === '') return 0;
  let septets = 0;
  let gsm = true;
  for (const ch of body) {
    if (GSM_BASIC.has(ch)) septets += 1;
    else if (GSM_EXTENSION.has(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return septets <= 160 ? 1 : Math.ceil(septets / 153);
  const units = body.length;
  return units <= 70 ? 1 : Math.ceil(units / 67);
}
