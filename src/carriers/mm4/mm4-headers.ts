// The MM4 header vocabulary (3GPP TS 23.140 §8.4, the X-Mms-* headers of the RFC 2822 message) and
// what porm makes of each status. Pure.

export const MM4_TYPES = ['MM4_forward.REQ', 'MM4_forward.RES', 'MM4_delivery_report.REQ', 'MM4_delivery_report.RES', 'MM4_read_reply_report.REQ', 'MM4_read_reply_report.RES'] as const;
export type Mm4Type = (typeof MM4_TYPES)[number];

/** X-Mms-Request-Status-Code of an MM4_forward.RES. */
export const MM4_REQUEST_STATUSES = [
  'Ok', 'Error-unspecified', 'Error-service-denied', 'Error-message-format-corrupt', 'Error-sending-address-unresolved',
  'Error-message-not-found', 'Error-network-problem', 'Error-content-not-accepted', 'Error-unsupported-message',
] as const;
export type Mm4RequestStatus = (typeof MM4_REQUEST_STATUSES)[number];

/** X-Mms-MM-Status-Code of an MM4_delivery_report.REQ (the same words as MM7's MMStatus). */
export const MM4_MM_STATUSES = ['Expired', 'Retrieved', 'Rejected', 'Deferred', 'Indeterminate', 'Forwarded', 'Unrecognised'] as const;
export type Mm4MmStatus = (typeof MM4_MM_STATUSES)[number];

/** What an MM4_forward.RES's status tells porm about a message it forwarded. */
export const REQUEST_STATUS_MEANING: Readonly<Record<Mm4RequestStatus, string>> = {
  'Ok': 'the peer MMSC accepted the message for delivery',
  'Error-unspecified': 'the peer MMSC refused the message without saying why',
  'Error-service-denied': 'the peer MMSC refused service for this message',
  'Error-message-format-corrupt': 'the peer MMSC could not read the message',
  'Error-sending-address-unresolved': 'the peer MMSC does not know the recipient',
  'Error-message-not-found': 'the peer MMSC did not find the message',
  'Error-network-problem': 'the peer MMSC had a network problem',
  'Error-content-not-accepted': 'the peer MMSC does not accept this content',
  'Error-unsupported-message': 'the peer MMSC does not support this message',
};

/** Header names compared case-insensitively, as RFC 5322 says; values trimmed. */
export function mm4Header(headers: ReadonlyMap<string, string>, name: string): string | undefined {
  const v = headers.get(name.toLowerCase());
  return v === undefined ? undefined : v.trim();
}

/** A value out of a closed vocabulary, matched as peers write it (case and spacing vary). */
export function oneOf<const T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  return allowed.find((a) => a.toLowerCase() === v);
}
