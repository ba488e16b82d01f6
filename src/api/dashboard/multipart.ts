import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PormError, type ErrorCode } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { allows, type Role } from '../../dashboard/roles.ts';
import { readCookie } from './cookies.ts';
import { same } from './kit.ts';

// The one multipart/form-data reader of the dashboard's forms that carry a file (compose, CSV
// import). The kit checks the CSRF token in request.body before a page renders, so a multipart
// form's fields must be read into request.body first, in a preValidation hook. That hook reads
// nothing for a visitor without a live session, and hands the file part to its route only when the
// fields read before it carry the session's CSRF token and the user's role may post the form: a
// forged or anonymous form never makes porm buffer or write a file. Browsers send fields in the
// form's order, and the dashboard's forms put the token first. What went wrong reading the form
// is kept beside it with a stable code, so the page can say so next to the field.

/** Every field may repeat (checkboxes, attached media ids); a field is a string or a list of strings. */
export type Fields = Record<string, string | string[]>;

export interface MultipartRules {
  /** The name of the form's one file part; any other file part, or a second one, is refused. */
  fileField: string;
  maxFileBytes: number;
  /** What an oversized file is answered with (the route's own code: media or import). */
  fileTooLarge: ErrorCode;
  maxFields: number;
  maxFieldBytes: number;
  /** The role the route's POST needs; the file is taken only for such a user. */
  role: Role;
}

/** The file part as a route takes it: its bytes as a stream, its name made safe to show. */
export interface FilePart {
  stream: Readable;
  /** The last path segment of the name the client gave, without control characters; null when it gave none. */
  fileName: string | null;
  declaredType: string;
  /** True once the stream stopped at maxFileBytes. */
  truncated(): boolean;
}

export interface Taker<T> {
  /** Reads the file (to memory, to disk); undefined when there was nothing in it to keep. */
  take(file: FilePart, rules: MultipartRules): Promise<T | undefined>;
  /** Undoes take when the rest of the form turns out to be bad (deletes a spooled file). */
  discard?(taken: T): Promise<void>;
}

export interface MultipartForm<T> {
  fields: Fields;
  taken?: T;
  problem?: PormError;
}

const NAME_BYTES = 64;
const MAX_NAME_CHARS = 255;

/**
 * A file name a client sent, made safe to keep and show: its last path segment, without C0/C1
 * control characters or bidirectional overrides (which can make "exe.csv" look like "vsc.exe"),
 * without leading dots, at most 255 characters; null when nothing is left. Pages still escape it:
 * this keeps paths and invisible characters out, the HTML escaping keeps markup out.
 */
export function safeFileName(raw: string | undefined | null): string | null {
  if (!raw) return null;
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim().replace(/^\.+/, '');
  const chars = [...clean].slice(0, MAX_NAME_CHARS).join('');
  return chars === '' ? null : chars;
}

function add(fields: Fields, name: string, value: string): void {
  const had = fields[name];
  fields[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
}

const first = (fields: Fields, name: string): string | undefined => {
  const v = fields[name];
  return Array.isArray(v) ? v[0] : v;
};

/** An error a page shows as "message: short" by the field at pointer `field` (none when ''). */
const bad = (code: ErrorCode, message: string, field: string, short: string): PormError => new PormError(code, message, field === '' ? [] : [{ field, code, message: short }]);

/** The answer to a file over rules.maxFileBytes (a taker that sees file.truncated() throws it). */
export function fileTooLarge(rules: MultipartRules): PormError {
  return bad(rules.fileTooLarge, `the file is larger than ${rules.maxFileBytes} bytes`, `/${rules.fileField}`, `at most ${rules.maxFileBytes} bytes`);
}

/** The errors @fastify/multipart and busboy throw, as the codes a page shows by the field. */
function problemOf(err: unknown, rules: MultipartRules): PormError {
  if (err instanceof PormError) return err;
  const code = (err as { code?: unknown }).code;
  const pointer = `/${rules.fileField}`;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return fileTooLarge(rules);
  if (code === 'FST_FILES_LIMIT') return bad('PORM_INVALID_MULTIPART', 'the form carries more than one file', pointer, 'send one file');
  if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') return bad('PORM_PAYLOAD_TOO_LARGE', `the form has more than ${rules.maxFields} fields`, '', '');
  const message = err instanceof Error ? err.message : String(err);
  return bad('PORM_INVALID_MULTIPART', 'the form could not be read', pointer, message.slice(0, 200));
}

/**
 * Whether the signed-in user may post this form, as a check of its CSRF token that needs no
 * database: the session and user are read before the body is. The check runs between receiving
 * the file part and reading it, and nothing may be awaited there: a body that ends meanwhile fails
 * the part unseen (@fastify/multipart keeps that error for the next part and never ends the file
 * stream), and the read would wait forever.
 */
export async function postingCheck(services: Services, request: FastifyRequest, role: Role): Promise<(csrf: string | undefined) => boolean> {
  const id = readCookie(request.headers.cookie, 'porm_session');
  const session = id ? await services.dashboard.sessions.lookup(id) : null;
  const user = session ? await services.dashboard.users.get(session.userId) : undefined;
  const allowed = user !== undefined && allows(user.role, role);
  return (csrf) => session !== null && allowed && same(csrf, session.csrf);
}

/**
 * Reads a multipart form: its fields, and its one file part through taker.take once the CSRF
 * token among the fields before it passed mayTake (the route's session, token and role check). Never throws for what the client sent: a malformed
 * body, an oversized file or field, too many fields or a second file become `problem`, and a file
 * already taken is discarded then.
 */
export async function readMultipart<T>(request: FastifyRequest, rules: MultipartRules, taker: Taker<T>, mayTake: (csrf: string | undefined) => boolean): Promise<MultipartForm<T>> {
  const form: MultipartForm<T> = { fields: {} };
  let refusedFile = false;
  let seenFile = false;
  try {
    const limits = { fileSize: rules.maxFileBytes, files: 1, fields: rules.maxFields, parts: rules.maxFields + 1, fieldSize: rules.maxFieldBytes, headerPairs: 100 };
    for await (const part of request.parts({ limits })) {
      // busboy limits names only in urlencoded bodies; a multipart part's name is checked here.
      if (Buffer.byteLength(part.fieldname) > NAME_BYTES) {
        if (part.type === 'file') part.file.resume();
        throw bad('PORM_PAYLOAD_TOO_LARGE', `a field name is longer than ${NAME_BYTES} bytes`, '', '');
      }
      if (part.type === 'field') {
        if (part.valueTruncated) throw bad('PORM_PAYLOAD_TOO_LARGE', `the field "${part.fieldname}" is longer than ${rules.maxFieldBytes} bytes`, `/${part.fieldname}`, `at most ${rules.maxFieldBytes} bytes`);
        if (typeof part.value === 'string') add(form.fields, part.fieldname, part.value);
        continue;
      }
      // A browser sends an empty part with filename="" for a file input left empty.
      if (part.fieldname === rules.fileField && part.filename === '') {
        part.file.resume();
        continue;
      }
      if (part.fieldname !== rules.fileField || seenFile) {
        part.file.resume();
        throw bad('PORM_INVALID_MULTIPART', `the form carries a file part "${part.fieldname}"`, `/${rules.fileField}`, `send one file, in "${rules.fileField}"`);
      }
      seenFile = true;
      // A body that had fully arrived before it was parsed (the route read the session first) and
      // ends inside this part: @fastify/multipart hands the part over with its stream already
      // destroyed, without an error, and a read of it would wait forever.
      if (part.file.destroyed) throw bad('PORM_INVALID_MULTIPART', 'the form ends inside its file', `/${rules.fileField}`, 'the upload was cut off; send the whole file');
      const allowed = mayTake(first(form.fields, 'csrf'));
      if (!allowed) {
        refusedFile = true;
        part.file.resume();
        continue;
      }
      const taken = await taker.take({ stream: part.file, fileName: safeFileName(part.filename), declaredType: part.mimetype, truncated: () => part.file.truncated }, rules);
      if (taken !== undefined) form.taken = taken;
    }
    // A token sent after the file: the file was not taken, and the page would otherwise act as if none was chosen.
    if (refusedFile && mayTake(first(form.fields, 'csrf'))) {
      throw bad('PORM_INVALID_MULTIPART', 'the form\'s csrf field comes after its file', `/${rules.fileField}`, 'send the fields before the file');
    }
  } catch (err) {
    form.problem = problemOf(err, rules);
    if (form.taken !== undefined) {
      const taken = form.taken;
      delete form.taken;
      await taker.discard?.(taken);
    }
  }
  return form;
}

/**
 * Reads multipart POSTs to `path` (signed-in visitors only) into request.body (the fields), and
 * keeps the whole outcome (the file taken, the problem) in `forms` for the page.
 */
export function multipartRoute<T>(app: FastifyInstance, services: Services, path: string, rules: MultipartRules, taker: Taker<T>, forms: WeakMap<FastifyRequest, MultipartForm<T>>): void {
  app.addHook('preValidation', async (request) => {
    if (request.method !== 'POST' || request.routeOptions.url !== path || !request.isMultipart()) return;
    // A stranger's form is not read at all: the page wrapper sends them to sign in.
    const id = readCookie(request.headers.cookie, 'porm_session');
    if (!id || !(await services.dashboard.sessions.lookup(id))) return;
    const form = await readMultipart(request, rules, taker, await postingCheck(services, request, rules.role));
    forms.set(request, form);
    request.body = form.fields;
  });
}
