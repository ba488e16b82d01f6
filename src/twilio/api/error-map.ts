import type { ErrorCode, FieldError } from '../../errors.ts';
import { isPormError } from '../../errors.ts';
import { TwilioApiError } from './twilio-error.ts';

// The one table from porm's error codes to Twilio's (docs/twilio.md prints it). Request errors
// keep porm's HTTP status family (4xx) with Twilio's code; a field decides where one porm code
// stands for several Twilio codes (an invalid number: 21211 for To, 21212 for From).

interface Mapping {
  code: number;
  status: number;
  /** Per JSON pointer of the domain's field error (/to, /from, /media/0/url …), by prefix. */
  byField?: Readonly<Record<string, number>>;
}

export const REQUEST_ERRORS: Readonly<Partial<Record<ErrorCode, Mapping>>> = {
  PORM_INVALID_PHONE_NUMBER: { code: 21211, status: 400, byField: { '/to': 21211, '/from': 21212 } },
  PORM_SENDER_NOT_OWNED: { code: 21606, status: 400 },
  PORM_CAPABILITY_UNSUPPORTED: { code: 21606, status: 400 },
  PORM_MISSING_FIELD: { code: 21602, status: 400 },
  PORM_BODY_TOO_LONG: { code: 21617, status: 400 },
  PORM_SMS_BODY_TOO_LONG: { code: 21617, status: 400 },
  PORM_RECIPIENT_OPTED_OUT: { code: 21610, status: 400 },
  PORM_TOO_MANY_MEDIA: { code: 21623, status: 400 },
  PORM_INVALID_URL: { code: 21620, status: 400, byField: { '/media': 21620, '/statusCallback': 21609 } },
  PORM_URL_BLOCKED: { code: 21620, status: 400 },
  PORM_INVALID_MEDIA_REFERENCE: { code: 21620, status: 400 },
  PORM_INVALID_SEND_AT: { code: 35114, status: 400 },
  PORM_INVALID_FIELD: { code: 21602, status: 400, byField: { '/body': 21602, '/subject': 21602, '/media': 21620 } },
  PORM_VALIDATION_FAILED: { code: 20001, status: 400 },
  PORM_MESSAGE_NOT_FOUND: { code: 20404, status: 404 },
  PORM_MEDIA_NOT_FOUND: { code: 20404, status: 404 },
  PORM_NOT_FOUND: { code: 20404, status: 404 },
  PORM_MESSAGE_NOT_CANCELABLE: { code: 30409, status: 400 },
  PORM_AUTH_MISSING: { code: 20003, status: 401 },
  PORM_AUTH_INVALID: { code: 20003, status: 401 },
  PORM_AUTH_REVOKED: { code: 20003, status: 401 },
  PORM_TWILIO_AUTH_INVALID: { code: 20003, status: 401 },
  PORM_PAYLOAD_TOO_LARGE: { code: 20001, status: 413 },
  PORM_WRITE_CONFLICT: { code: 20429, status: 429 },
  PORM_NOT_READY: { code: 20503, status: 503 },
  PORM_MESSAGING_SERVICE_NOT_FOUND: { code: 21701, status: 400 },
  PORM_MESSAGING_SERVICE_EMPTY: { code: 21704, status: 400 },
};

/**
 * A message's error_code: porm's code of why it failed, as Twilio's delivery error codes. An
 * unlisted porm code is 30008 (Twilio's "unknown error"), never left out.
 */
export const DELIVERY_ERRORS: Readonly<Partial<Record<ErrorCode, number>>> = {
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

export const UNKNOWN_DELIVERY_ERROR = 30008;

export function deliveryErrorCode(code: ErrorCode | null): number | null {
  if (code === null) return null;
  return DELIVERY_ERRORS[code] ?? UNKNOWN_DELIVERY_ERROR;
}

function byField(mapping: Mapping, fields: readonly FieldError[]): number {
  const field = fields[0]?.field;
  if (field === undefined || !mapping.byField) return mapping.code;
  const hit = Object.entries(mapping.byField).find(([prefix]) => field === prefix || field.startsWith(`${prefix}/`));
  return hit ? hit[1] : mapping.code;
}

/** Any error thrown below the Twilio routes, as the Twilio error a client gets. */
export function toTwilioError(err: unknown): TwilioApiError | undefined {
  if (err instanceof TwilioApiError) return err;
  if (!isPormError(err)) return undefined;
  const mapping = REQUEST_ERRORS[err.code];
  if (!mapping) return new TwilioApiError(err.status >= 500 ? 500 : 400, err.status >= 500 ? 20500 : 20001, err.message);
  return new TwilioApiError(mapping.status, byField(mapping, err.fields), err.message);
}
