import type { SendCommand } from '../../messages/commands.ts';
import { parseIsoTimestamp } from '../../messages/validate.ts';
import { TwilioApiError } from './twilio-error.ts';
import { idOfMessagingServiceSid } from '../sids.ts';

// POST …/Messages.json form parameters → porm's SendCommand. Every create parameter of Twilio's
// OpenAPI (api.v2010 CreateMessageRequest, 25 keys) is named here: honoured, accepted because it
// changes nothing in porm, or refused with Twilio's code. Nothing is silently dropped where it
// would change what is sent; unknown keys are refused (20001).

export type FormBody = Readonly<Record<string, string | readonly string[]>>;

const MAX_MEDIA_URLS = 10;
const MAX_VALIDITY_SECONDS = 36_000;
// Twilio's scheduling window: more than 300 s and at most 35 days ahead (35114 outside it).
const MIN_SCHEDULE_MS = 300_000;
const MAX_SCHEDULE_MS = 35 * 24 * 3600 * 1000;

const bad = (code: number, message: string): TwilioApiError => new TwilioApiError(400, code, message);

/** The one value of a key; a repeated key where one value is meant is refused. */
export function single(form: FormBody, key: string): string | undefined {
  const value = form[key];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (value.length === 1) return value[0];
  throw bad(20001, `${key} was given ${value.length} times; it takes one value`);
}

function all(form: FormBody, key: string): string[] {
  const value = form[key];
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}

function bool(form: FormBody, key: string): boolean | undefined {
  const value = single(form, key);
  if (value === undefined) return undefined;
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  throw bad(20001, `${key} must be true or false`);
}

function refuseTrue(form: FormBody, key: string, code: number, why: string): void {
  if (bool(form, key) === true) throw bad(code, `${key}=true is not supported by porm: ${why}`);
}

function refuseUnless(form: FormBody, key: string, allowed: readonly string[], code: number, why: string): void {
  const value = single(form, key);
  if (value !== undefined && !allowed.includes(value)) throw bad(code, `${key}=${value.slice(0, 40)} is not supported by porm: ${why}`);
}

function refusePresent(form: FormBody, key: string, code: number, why: string): void {
  if (form[key] !== undefined) throw bad(code, `${key} is not supported by porm: ${why}`);
}

/** Keys porm understands on create; anything else is a 20001. */
export const CREATE_KEYS: ReadonlySet<string> = new Set([
  'To', 'From', 'MessagingServiceSid', 'Body', 'MediaUrl', 'StatusCallback', 'ApplicationSid', 'ValidityPeriod', 'SendAt',
  'ScheduleType', 'ShortenUrls', 'SendAsMms', 'SmartEncoded', 'PersistentAction', 'ProvideFeedback', 'Attempt', 'MaxPrice',
  'ContentSid', 'ContentVariables', 'ContentRetention', 'AddressRetention', 'RiskCheck', 'TrafficType', 'FallbackFrom', 'ForceDelivery',
]);

export function refuseUnknownKeys(form: FormBody, known: ReadonlySet<string>): void {
  const unknown = Object.keys(form).filter((k) => !known.has(k));
  if (unknown.length > 0) throw bad(20001, `Unknown parameter${unknown.length > 1 ? 's' : ''}: ${unknown.slice(0, 5).map((k) => k.slice(0, 40)).join(', ')}`);
}

function sendAtOf(form: FormBody, now: number): string | undefined {
  const sendAt = single(form, 'SendAt');
  const scheduleType = single(form, 'ScheduleType');
  if (scheduleType !== undefined && scheduleType !== 'fixed') throw bad(35111, `ScheduleType must be "fixed", not "${scheduleType.slice(0, 20)}"`);
  if (sendAt === undefined) {
    if (scheduleType !== undefined) throw bad(35111, 'ScheduleType=fixed needs SendAt (an ISO 8601 time)');
    return undefined;
  }
  // Twilio would drop SendAt without ScheduleType and send at once: refusing says so instead.
  if (scheduleType === undefined) throw bad(35111, 'SendAt needs ScheduleType=fixed');
  const at = parseIsoTimestamp(sendAt);
  if (at === undefined) throw bad(35114, 'SendAt must be an ISO 8601 time with a zone, e.g. 2026-01-01T12:00:00Z');
  if (at - now <= MIN_SCHEDULE_MS || at - now > MAX_SCHEDULE_MS) throw bad(35114, 'SendAt must be more than 300 seconds and at most 35 days ahead');
  return sendAt;
}

function validityOf(form: FormBody): number | undefined {
  const text = single(form, 'ValidityPeriod');
  if (text === undefined) return undefined;
  const value = /^[0-9]{1,6}$/.test(text) ? Number(text) : NaN;
  if (!(value >= 1 && value <= MAX_VALIDITY_SECONDS)) throw bad(20001, 'ValidityPeriod must be a whole number of seconds from 1 to 36000');
  return value;
}

export function sendCommandFromForm(form: FormBody, accountId: string, now: number): SendCommand {
  refuseUnknownKeys(form, CREATE_KEYS);
  const to = single(form, 'To');
  if (to === undefined || to === '') throw bad(21604, "A 'To' phone number is required.");
  const from = single(form, 'From');
  // A messaging service (porm's sender pool): with no From its pool picks the sender; a From
  // given too wins (it must be the account's). Whether the service is the account's is the
  // domain's check, answered 21701 like a SID that does not exist.
  const serviceSid = single(form, 'MessagingServiceSid');
  const messagingServiceId = serviceSid === undefined || serviceSid === '' ? null : idOfMessagingServiceSid(serviceSid);
  if (serviceSid !== undefined && serviceSid !== '' && messagingServiceId === null) throw bad(21701, `MessagingServiceSid ${serviceSid.slice(0, 40)} is not a valid Messaging Service SID (MG and 32 hex digits)`);
  if ((from === undefined || from === '') && messagingServiceId === null) throw bad(21603, "A 'From' phone number is required.");
  const body = single(form, 'Body');
  const mediaUrls = all(form, 'MediaUrl');
  if (mediaUrls.length > MAX_MEDIA_URLS) throw bad(21623, `Number of media files (${mediaUrls.length}) exceeds allowed limit of ${MAX_MEDIA_URLS}`);

  // Refused: each would change what is sent or how, and porm cannot do it.
  refuseTrue(form, 'SmartEncoded', 20001, 'porm sends the body as written');
  refuseTrue(form, 'ProvideFeedback', 20001, 'porm has no Feedback subresource');
  refuseTrue(form, 'ForceDelivery', 20001, 'porm has no forced delivery');
  refusePresent(form, 'ContentSid', 21655, 'Twilio Content API templates do not exist in porm; use porm rich templates on /v1/messages');
  refusePresent(form, 'ContentVariables', 21655, 'it goes with ContentSid');
  refusePresent(form, 'PersistentAction', 20001, 'WhatsApp persistent actions are not a porm channel');
  refusePresent(form, 'FallbackFrom', 20001, 'porm has no RCS fallback sender');
  refusePresent(form, 'TrafficType', 20001, 'porm has no free traffic type');
  refuseUnless(form, 'ContentRetention', ['retain'], 20001, 'porm keeps bodies until you redact them (POST Body="")');
  refuseUnless(form, 'AddressRetention', ['retain'], 20001, 'porm keeps addresses');
  // Accepted, changing nothing: porm does no risk check of its own, sends MMS whenever media is
  // attached, has no prices, and counts attempts itself.
  refuseUnless(form, 'RiskCheck', ['enable', 'disable'], 20001, 'RiskCheck is enable or disable');
  bool(form, 'SendAsMms');
  if (single(form, 'MaxPrice') !== undefined && !/^[0-9]+(\.[0-9]+)?$/.test(single(form, 'MaxPrice')!)) throw bad(20001, 'MaxPrice must be a number');
  if (single(form, 'Attempt') !== undefined && !/^[0-9]{1,4}$/.test(single(form, 'Attempt')!)) throw bad(20001, 'Attempt must be a whole number');

  if ((body === undefined || body === '') && mediaUrls.length === 0) throw bad(21602, 'Message body is required.');
  if (mediaUrls.some((u) => u === '')) throw bad(21620, 'Invalid media URL(s): a MediaUrl is empty');

  const statusCallback = single(form, 'StatusCallback');
  // ApplicationSid only matters for its callback, which StatusCallback overrides (as on Twilio).
  if (form.ApplicationSid !== undefined && statusCallback === undefined) throw bad(20001, 'ApplicationSid is not supported by porm: give StatusCallback instead');
  const validityPeriod = validityOf(form);
  const sendAt = sendAtOf(form, now);
  // Twilio's link shortening is porm's tracked links (docs/links.md), on the account's own short domain.
  const shortenUrls = bool(form, 'ShortenUrls') === true;
  return {
    // Status callbacks of messages made here go out as Twilio sends them (form, X-Twilio-Signature).
    accountId, to, from: from ?? '', callbackDialect: 'twilio',
    ...(messagingServiceId !== null ? { messagingServiceId } : {}),
    ...(body !== undefined && body !== '' ? { body } : {}),
    ...(mediaUrls.length > 0 ? { media: mediaUrls.map((url) => ({ url })) } : {}),
    ...(statusCallback !== undefined && statusCallback !== '' ? { statusCallback } : {}),
    ...(validityPeriod !== undefined ? { validityPeriod } : {}),
    ...(sendAt !== undefined ? { sendAt } : {}),
    ...(shortenUrls ? { trackLinks: true } : {}),
  };
}
