import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PormError } from '../../errors.ts';
import type { UploadInput } from '../../media/media-service.ts';
import type { Services } from '../../services.ts';
import { readCookie } from './cookies.ts';

// The compose form is multipart/form-data (it carries a file). The kit checks the CSRF token in
// request.body before a page renders, so the form's fields are read into request.body first, in a
// preValidation hook of the compose path; the file goes aside, with what went wrong reading it, so
// the page can say so next to the field instead of failing the whole request. Nothing is read
// without a live session: a stranger's upload is refused before its bytes are buffered.

export type UploadOutcome = { upload: UploadInput } | { problem: PormError };

const uploads = new WeakMap<FastifyRequest, UploadOutcome>();

/** The file the compose form carried (its part named "file"), if any. */
export function uploadOf(request: FastifyRequest): UploadOutcome | undefined {
  return uploads.get(request);
}

/** Every field may repeat (the attached media ids); a field is a string or a list of strings. */
type Fields = Record<string, string | string[]>;

function add(fields: Fields, name: string, value: string): void {
  const had = fields[name];
  fields[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
}

async function readForm(request: FastifyRequest, maxUploadBytes: number): Promise<Fields> {
  const fields: Fields = {};
  try {
    for await (const part of request.parts({ limits: { fileSize: maxUploadBytes, files: 1, fields: 40, parts: 42, fieldSize: 64 * 1024, headerPairs: 100 } })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') add(fields, part.fieldname.slice(0, 64), part.value);
        continue;
      }
      if (part.fieldname !== 'file') {
        part.file.resume();
        continue;
      }
      const bytes = await part.toBuffer();
      // A browser sends an empty part for a file input left empty.
      if (bytes.length === 0 && (part.filename ?? '') === '') continue;
      uploads.set(request, { upload: { bytes, declaredType: part.mimetype, filename: part.filename ?? null } });
    }
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const problem = code === 'FST_REQ_FILE_TOO_LARGE' ? new PormError('PORM_MEDIA_TOO_LARGE', `the file is larger than ${maxUploadBytes} bytes`)
      : new PormError('PORM_INVALID_MULTIPART', `the form could not be read: ${(err as Error).message.slice(0, 200)}`);
    uploads.set(request, { problem });
  }
  return fields;
}

/** Reads multipart posts to `path` into request.body (fields) and uploadOf(request) (the file). */
export function composeFormReader(app: FastifyInstance, services: Services, path: string): void {
  app.addHook('preValidation', async (request) => {
    if (request.method !== 'POST' || request.routeOptions.url !== path || !request.isMultipart()) return;
    const id = readCookie(request.headers.cookie, 'porm_session');
    if (!id || !(await services.dashboard.sessions.lookup(id))) return;
    request.body = await readForm(request, services.config.media.maxUploadBytes);
  });
}
