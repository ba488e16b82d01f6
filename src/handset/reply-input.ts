import { PormError, type FieldError } from '../errors.ts';
import { MAX_BODY_CHARS, MAX_MEDIA, MAX_SUBJECT_CHARS, normalizePhone } from '../messages/validate.ts';
import { mediaIdProblem } from '../messages/media-id.ts';

// Checks what a caller asks a handset to send (POST /v1/sandbox/inbound, `porm sandbox reply`).
// Pure; every problem is reported at once, each at its JSON pointer.

export interface ReplyCommand {
  from: string;
  to: string;
  body: string;
  subject?: string;
  /** Media of the caller's account by id, or small parts given inline (base64). */
  media?: Array<{ id?: string; content_type?: string; data?: string; filename?: string }>;
  carrier?: string;
}

export type ReplyMedia = { kind: 'id'; id: string } | { kind: 'inline'; contentType: string; data: Buffer; filename: string | null };

export interface Reply {
  from: string;
  to: string;
  body: string;
  subject: string | null;
  media: ReplyMedia[];
  carrier: string | undefined;
}

/** A handset sends one MMS of at most this many bytes of media. */
export const MAX_REPLY_MEDIA_BYTES = 1024 * 1024;

const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const FILENAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// XML 1.0 cannot carry C0 controls other than tab, newline and carriage return.
// eslint-disable-next-line no-control-regex -- finding those controls is the point
const XML_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

function text(errors: FieldError[], field: string, value: string, max: number, tooLong: FieldError['code']): void {
  if (!value.isWellFormed()) errors.push({ field, code: 'PORM_INVALID_FIELD', message: `${field.slice(1)} contains invalid Unicode (an unpaired surrogate)` });
  else if (XML_UNSAFE.test(value)) errors.push({ field, code: 'PORM_INVALID_FIELD', message: `${field.slice(1)} contains a control character` });
  const chars = [...value].length;
  if (chars > max) errors.push({ field, code: tooLong, message: `${field.slice(1)} has ${chars} characters; the limit is ${max}` });
}

function mediaItem(errors: FieldError[], item: NonNullable<ReplyCommand['media']>[number], i: number): ReplyMedia | undefined {
  const at = `/media/${i}`;
  if (item.id !== undefined) {
    if (item.content_type !== undefined || item.data !== undefined || item.filename !== undefined) {
      errors.push({ field: at, code: 'PORM_INVALID_FIELD', message: 'a media item is either {id} or {content_type, data, filename}' });
      return undefined;
    }
    const problem = mediaIdProblem(item.id, `${at}/id`);
    if (!problem) return { kind: 'id', id: item.id };
    errors.push(problem);
    return undefined;
  }
  if (item.content_type === undefined || item.data === undefined) {
    errors.push({ field: at, code: 'PORM_MISSING_FIELD', message: 'an inline media item needs content_type and data (base64)' });
    return undefined;
  }
  const contentType = item.content_type.toLowerCase();
  let ok = true;
  if (!CONTENT_TYPE.test(contentType) || contentType.startsWith('multipart/')) {
    errors.push({ field: `${at}/content_type`, code: 'PORM_INVALID_FIELD', message: 'must be a media type such as image/png' });
    ok = false;
  }
  if (item.data === '' || !BASE64.test(item.data)) {
    errors.push({ field: `${at}/data`, code: 'PORM_INVALID_FIELD', message: 'must be non-empty standard base64' });
    ok = false;
  }
  if (item.filename !== undefined && !FILENAME.test(item.filename)) {
    errors.push({ field: `${at}/filename`, code: 'PORM_INVALID_FIELD', message: 'must be 1 to 64 letters, digits, dots, dashes or underscores' });
    ok = false;
  }
  return ok ? { kind: 'inline', contentType, data: Buffer.from(item.data, 'base64'), filename: item.filename ?? null } : undefined;
}

export function validateReply(command: ReplyCommand): Reply {
  const errors: FieldError[] = [];
  const from = normalizePhone(command.from);
  if (!from) errors.push({ field: '/from', code: 'PORM_INVALID_PHONE_NUMBER', message: `"${command.from.slice(0, 40)}" is not a valid E.164 number (the handset)` });
  const to = /^[0-9]{3,8}$/.test(command.to) ? command.to : normalizePhone(command.to);
  if (!to) errors.push({ field: '/to', code: 'PORM_INVALID_PHONE_NUMBER', message: `"${command.to.slice(0, 40)}" is not a valid E.164 number or short code (your number)` });
  text(errors, '/body', command.body, MAX_BODY_CHARS, 'PORM_BODY_TOO_LONG');
  if (command.subject !== undefined) text(errors, '/subject', command.subject, MAX_SUBJECT_CHARS, 'PORM_INVALID_FIELD');
  if (command.carrier !== undefined && !/^[a-z][a-z0-9-]{0,31}$/.test(command.carrier)) {
    errors.push({ field: '/carrier', code: 'PORM_SANDBOX_CARRIER_UNKNOWN', message: 'is not a carrier name' });
  }
  const items = command.media ?? [];
  if (items.length > MAX_MEDIA) errors.push({ field: '/media', code: 'PORM_TOO_MANY_MEDIA', message: `${items.length} media items; the limit is ${MAX_MEDIA}` });
  const media = items.slice(0, MAX_MEDIA).map((item, i) => mediaItem(errors, item, i)).filter((m): m is ReplyMedia => m !== undefined);
  if (errors.length === 0 && command.body === '' && media.length === 0) errors.push({ field: '/body', code: 'PORM_SANDBOX_REPLY_EMPTY', message: 'a reply needs a body or media' });
  if (errors.length > 0) throw new PormError(errors[0]!.code, errors[0]!.message, errors);
  return { from: from!, to: to!, body: command.body, subject: command.subject ?? null, media, carrier: command.carrier };
}
