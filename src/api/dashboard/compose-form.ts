import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PormError } from '../../errors.ts';
import type { UploadInput } from '../../media/media-service.ts';
import type { Services } from '../../services.ts';
import { fileTooLarge, multipartRoute, type Fields, type MultipartForm, type MultipartRules } from './multipart.ts';

// The compose form is multipart/form-data (it carries a file), read by the dashboard's one
// multipart reader (multipart.ts): the form's fields go to request.body before the kit's CSRF
// check, the file goes aside, with what went wrong reading it, so the page can say so next to the
// field instead of failing the whole request. Nothing is read without a live session, and the
// file is buffered only for a form carrying the session's CSRF token; it is stored (as media) by
// the page, after the kit's checks.

export type UploadOutcome = { upload: UploadInput } | { problem: PormError };
export type { Fields };

/** How many fields the compose form may carry (to, sender, body, template data, attached media ids, …), and their size. */
const FIELDS = 40;
const FIELD_BYTES = 64 * 1024;

const forms = new WeakMap<FastifyRequest, MultipartForm<UploadInput>>();

/** The file the compose form carried (its part named "file"), if any. */
export function uploadOf(request: FastifyRequest): UploadOutcome | undefined {
  const form = forms.get(request);
  if (form?.problem) return { problem: form.problem };
  return form?.taken ? { upload: form.taken } : undefined;
}

/** Reads multipart posts to `path` into request.body (fields) and uploadOf(request) (the file). */
export function composeFormReader(app: FastifyInstance, services: Services, path: string): void {
  const rules: MultipartRules = { fileField: 'file', maxFileBytes: services.config.media.maxUploadBytes, fileTooLarge: 'PORM_MEDIA_TOO_LARGE', maxFields: FIELDS, maxFieldBytes: FIELD_BYTES, role: 'member' };
  multipartRoute<UploadInput>(app, services, path, rules, {
    // Media is checked whole (its type sniffed, its pixels counted), so it is read to memory: at most maxUploadBytes.
    async take(file) {
      const chunks: Buffer[] = [];
      for await (const chunk of file.stream) chunks.push(chunk as Buffer);
      if (file.truncated()) throw fileTooLarge(rules);
      return { bytes: Buffer.concat(chunks), declaredType: file.declaredType, filename: file.fileName };
    },
  }, forms);
}
