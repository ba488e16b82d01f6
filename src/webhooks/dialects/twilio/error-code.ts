import type { ErrorCode } from '../../../errors.ts';

// ErrorCode in a Twilio status callback: why the message failed, as Twilio's delivery error
// codes. The same table as the Twilio REST surface's error_code (src/twilio/api/error-map.ts on
// h/twilio-api, DELIVERY_ERRORS): at merge this file gives way to that one.
const DELIVERY_ERRORS: Readonly<Partial<Record<ErrorCode, number>>> = {
  PORM_UNDELIVERED: 30003,
  PORM_CARRIER_REJECTED: 30007,
  PORM_NO_ROUTE: 30006,
  PORM_CARRIER_UNAVAILABLE: 30008,
  PORM_MESSAGE_EXPIRED: 30001,
  PORM_MEDIA_TOO_LARGE: 30019,
  PORM_MEDIA_FETCH_FAILED: 11200,
  PORM_SENDER_NOT_OWNED: 21606,
  PORM_RICH_DATA_BLOCKED: 30007,
  PORM_SEND_CRASHED: 30008,
};

/** Twilio's "unknown error": an unlisted porm code is still reported, never left out. */
export const UNKNOWN_DELIVERY_ERROR = 30008;

export function twilioDeliveryErrorCode(code: ErrorCode | null): number | null {
  if (code === null) return null;
  return DELIVERY_ERRORS[code] ?? UNKNOWN_DELIVERY_ERROR;
}
