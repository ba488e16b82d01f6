import type { FieldError } from '../errors.ts';
import type { MediaRef, NewMessage } from './model.ts';
import { CALLBACK_DIALECTS, type SendCommand } from './commands.ts';
import { mediaIdProblem } from './media-id.ts';
import { fastE164 } from '../phone/e164.ts';

// Domain validation of a send request: what a JSON schema cannot say (phone numbers, lengths
// counted in characters, time windows). Pure; returns every problem at once. Fields are named as
// JSON pointers over the command (`/sendAt`); each API surface maps them to its own names.

export const MAX_BODY_CHARS = 1600;
export const MAX_MEDIA = 10;
export const MAX_SUBJECT_CHARS = 200;
export const MAX_SCHEDULE_AHEAD_MS = 35 * 24 * 3600 * 1000;
export const MAX_METADATA_BYTES = 4096;

/** The fields of a send command that describe the message (validation is pure: no account, no key). */
export type SendInput = Omit<SendCommand, 'accountId' | 'idempotency'>;

/** E.164 for a valid "+digits" number, by libphonenumber's rules (src/phone/e164.ts computes its answer ~15× faster). */
export function normalizePhone(value: string): string | undefined {
  // "+", then 7–15 digits: e164.ts takes all of these, so the library is never asked.
  if (!/^\+[1-9][0-9]{6,14}$/.test(value)) return undefined;
  return fastE164(value) ?? undefined;
}

/** Short codes (3–8 digits) may send; recipients must be E.164. */
function normalizeSender(value: string): string | undefined {
  return /^[0-9]{3,8}$/.test(value) ? value : normalizePhone(value);
}

export function isHttpUrl(value: string): boolean {
  if (value.length > 2048) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
export const MAX_METADATA_DEPTH = 16;

/**
 * Strict ISO 8601 with a zone. Date.parse alone rolls impossible dates over (Feb 30 → Mar 2,
 * 24:00 → next day), so the fields are checked against what the date actually became.
 */
export function parseIsoTimestamp(value: string): number | undefined {
  const m = ISO_WITH_ZONE.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, zone] = m;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  const offsetMin = zone === 'Z' ? 0 : (zone!.startsWith('-') ? -1 : 1) * (Number(zone!.slice(1, 3)) * 60 + Number(zone!.slice(4, 6)));
  const local = new Date(ms + offsetMin * 60_000);
  const same = local.getUTCFullYear() === Number(y) && local.getUTCMonth() + 1 === Number(mo) && local.getUTCDate() === Number(d)
    && local.getUTCHours() === Number(h) && local.getUTCMinutes() === Number(mi) && (s === undefined || local.getUTCSeconds() === Number(s));
  return same ? ms : undefined;
}

/** Depth of nested objects/arrays, measured without recursion so hostile nesting cannot overflow the stack. */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

export function validateSend(input: SendInput, now: number): { value?: NewMessage; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const to = normalizePhone(input.to);
  if (!to) errors.push({ field: '/to', code: 'PORM_INVALID_PHONE_NUMBER', message: `"${input.to.slice(0, 40)}" is not a valid E.164 phone number (like +14155550100)` });
  // With a messaging service and no sender, the pool picks one in the send's unit.
  const pooled = input.messagingServiceId !== undefined && input.from === '';
  const from = pooled ? '' : normalizeSender(input.from);
  if (from === undefined) errors.push({ field: '/from', code: 'PORM_INVALID_PHONE_NUMBER', message: `"${input.from.slice(0, 40)}" is not a valid E.164 number or short code` });

  const body = input.body ?? '';
  if (!body.isWellFormed()) errors.push({ field: '/body', code: 'PORM_INVALID_FIELD', message: 'body contains invalid Unicode (an unpaired surrogate)' });
  // No carrier encoding carries U+0000 (an MM1 text-string ends at it) and PostgreSQL text cannot hold it.
  if (body.includes('\u0000')) errors.push({ field: '/body', code: 'PORM_INVALID_FIELD', message: 'body contains a NUL character (U+0000)' });
  const chars = [...body].length;
  if (chars > MAX_BODY_CHARS) errors.push({ field: '/body', code: 'PORM_BODY_TOO_LONG', message: `body has ${chars} characters; the limit is ${MAX_BODY_CHARS}` });
  const subject = input.subject ?? null;
  if (subject !== null && !subject.isWellFormed()) errors.push({ field: '/subject', code: 'PORM_INVALID_FIELD', message: 'subject contains invalid Unicode (an unpaired surrogate)' });
  if (subject !== null && subject.includes('\u0000')) errors.push({ field: '/subject', code: 'PORM_INVALID_FIELD', message: 'subject contains a NUL character (U+0000)' });
  if (subject !== null && [...subject].length > MAX_SUBJECT_CHARS) errors.push({ field: '/subject', code: 'PORM_INVALID_FIELD', message: `subject is longer than ${MAX_SUBJECT_CHARS} characters` });

  const mediaInput = input.media ?? [];
  if (mediaInput.length > MAX_MEDIA) errors.push({ field: '/media', code: 'PORM_TOO_MANY_MEDIA', message: `${mediaInput.length} media items; the limit is ${MAX_MEDIA}` });
  const media: MediaRef[] = [];
  mediaInput.slice(0, MAX_MEDIA).forEach((item, i) => {
    if ((item.url === undefined) === (item.id === undefined)) {
      errors.push({ field: `/media/${i}`, code: 'PORM_INVALID_FIELD', message: 'each media item needs exactly one of url or id' });
    } else if (item.url !== undefined) {
      if (isHttpUrl(item.url)) media.push({ kind: 'url', url: item.url });
      else errors.push({ field: `/media/${i}/url`, code: 'PORM_INVALID_URL', message: 'must be an absolute http(s) URL without credentials' });
    } else if (item.id !== undefined) {
      const problem = mediaIdProblem(item.id, `/media/${i}/id`);
      if (problem) errors.push(problem);
      else media.push({ kind: 'id', id: item.id });
    }
  });
  if (input.template !== undefined) {
    // A templated message's text and media come from the template.
    if (input.body !== undefined) errors.push({ field: '/body', code: 'PORM_VALIDATION_FAILED', message: 'body and template exclude each other: the template makes the text' });
    if (input.media !== undefined) errors.push({ field: '/media', code: 'PORM_VALIDATION_FAILED', message: 'media and template exclude each other: the template names its media' });
  } else if (input.data !== undefined || input.templateRevision !== undefined || input.channel === 'porm') {
    errors.push({ field: '/template', code: 'PORM_MISSING_FIELD', message: 'data, a template revision and the porm channel need a template' });
  } else if (input.channel === 'sms' && mediaInput.length > 0) {
    errors.push({ field: '/media', code: 'PORM_SMS_MEDIA_NOT_SUPPORTED', message: 'channel "sms" carries text only; leave channel out (or use "mms") to send media' });
  } else if (body === '' && mediaInput.length === 0) errors.push({ field: '/body', code: 'PORM_MISSING_FIELD', message: 'a message needs a body, media, or both' });

  const statusCallback = input.statusCallback ?? null;
  if (statusCallback !== null && !isHttpUrl(statusCallback)) errors.push({ field: '/statusCallback', code: 'PORM_INVALID_URL', message: 'must be an absolute http(s) URL without credentials' });

  const callbackDialect = input.callbackDialect ?? 'standard';
  // Commands come from JavaScript callers too (scripts, other surfaces): the type is not enough.
  if (!(CALLBACK_DIALECTS as readonly string[]).includes(callbackDialect)) errors.push({ field: '/callbackDialect', code: 'PORM_INVALID_FIELD', message: `must be one of ${CALLBACK_DIALECTS.join(', ')}` });

  let sendAt: number | null = null;
  if (input.sendAt !== undefined) {
    const parsed = parseIsoTimestamp(input.sendAt) ?? NaN;
    // The example is a time porm accepts: the next full hour but one, never a fixed date that ages out of the window.
    const example = new Date((Math.floor(now / 3_600_000) + 2) * 3_600_000).toISOString().replace('.000Z', 'Z');
    if (Number.isNaN(parsed)) errors.push({ field: '/sendAt', code: 'PORM_INVALID_SEND_AT', message: `must be an ISO 8601 timestamp with a zone, e.g. ${example}` });
    else if (parsed > now + MAX_SCHEDULE_AHEAD_MS) errors.push({ field: '/sendAt', code: 'PORM_INVALID_SEND_AT', message: `can be at most 35 days ahead (until ${new Date(now + MAX_SCHEDULE_AHEAD_MS).toISOString()})` });
    else sendAt = parsed > now ? parsed : null;
  }

  const metadata = input.metadata ?? null;
  if (metadata !== null && jsonDepthExceeds(metadata, MAX_METADATA_DEPTH)) {
    errors.push({ field: '/metadata', code: 'PORM_INVALID_FIELD', message: `metadata is nested deeper than ${MAX_METADATA_DEPTH} levels` });
  } else if (metadata !== null && Buffer.byteLength(JSON.stringify(metadata)) > MAX_METADATA_BYTES) {
    errors.push({ field: '/metadata', code: 'PORM_INVALID_FIELD', message: `metadata is larger than ${MAX_METADATA_BYTES} bytes of JSON` });
  }

  if (errors.length > 0) return { errors };
  return {
    errors,
    value: {
      to: to!, from: from!, body, subject, media, statusCallback, metadata, sendAt,
      validityPeriod: input.validityPeriod ?? null, callbackDialect,
      fallback: input.fallback ?? 'auto',
      requestedChannel: input.template === undefined && (input.channel === 'sms' || input.channel === 'mms') ? input.channel : 'auto',
      category: input.category ?? 'transactional',
      ...(input.messagingServiceId !== undefined ? { messagingServiceId: input.messagingServiceId } : {}),
    },
  };
}
