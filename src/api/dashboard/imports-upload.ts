import { createWriteStream, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PormError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type { Services } from '../../services.ts';
import { MAX_IMPORT_BYTES } from '../routes/imports.ts';
import { problem, type Problem } from './kit.ts';
import { fileTooLarge, multipartRoute, type FilePart, type MultipartForm, type MultipartRules } from './multipart.ts';

// The import form is multipart (it carries the file), read by the dashboard's one multipart reader
// (multipart.ts) before the page's own checks run: it reads the form's fields, and hands the file
// here only for a signed-in member whose form carries the session's CSRF token, so nobody else can
// make porm write a file. The file is streamed to the data directory (as POST /v1/imports does),
// never held in memory, whatever its size. The page wrapper then checks the session, role and
// token on the fields as for every form; an upload the page did not take is deleted when the
// answer is sent.

export interface Upload {
  path: string | null;
  fileName: string | null;
  /** Lines of the file less the header (an estimate: quoted line breaks count too). */
  rowsExpected: number;
  problem?: Problem;
  /** Set by the page once an import owns the file (it deletes it when done). */
  taken: boolean;
}

interface Spooled { path: string; fileName: string | null; rowsExpected: number }

const FIELDS = 10;
const FIELD_BYTES = 64 * 1024;

const forms = new WeakMap<FastifyRequest, MultipartForm<Spooled>>();
const uploads = new WeakMap<FastifyRequest, Upload>();

/** The import form's file as the page takes it: spooled, or what went wrong; undefined for a form that was not read. */
export function uploadOf(request: FastifyRequest): Upload | undefined {
  const known = uploads.get(request);
  if (known) return known;
  const form = forms.get(request);
  if (!form) return undefined;
  const upload: Upload = { path: form.taken?.path ?? null, fileName: form.taken?.fileName ?? null, rowsExpected: form.taken?.rowsExpected ?? 0, taken: false, ...(form.problem ? { problem: problem(form.problem) } : {}) };
  uploads.set(request, upload);
  return upload;
}

/** Copies the file part to `path`, counting its line breaks; the reader stops it at MAX_IMPORT_BYTES. */
async function spool(file: FilePart, path: string, rules: MultipartRules): Promise<number> {
  let bytes = 0;
  let lines = 0;
  let last = 0x0a;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x0a) lines++;
      if (chunk.length > 0) last = chunk[chunk.length - 1]!;
      done(null, chunk);
    },
  });
  await pipeline(file.stream, count, createWriteStream(path));
  if (file.truncated()) throw fileTooLarge(rules);
  if (bytes === 0) throw new PormError('PORM_IMPORT_BAD_HEADER', 'the file is empty: it needs a header and rows', [{ field: '/file', code: 'PORM_IMPORT_BAD_HEADER', message: 'the file is empty' }]);
  return Math.max(0, lines + (last === 0x0a ? 0 : 1) - 1);
}

/** Reads multipart posts to the import form into request.body (its fields) and uploadOf(request). */
export function importFormReader(app: FastifyInstance, services: Services, path: string): void {
  const rules: MultipartRules = { fileField: 'file', maxFileBytes: MAX_IMPORT_BYTES, fileTooLarge: 'PORM_PAYLOAD_TOO_LARGE', maxFields: FIELDS, maxFieldBytes: FIELD_BYTES, role: 'member' };
  multipartRoute<Spooled>(app, services, path, rules, {
    async take(file) {
      const dir = join(services.config.dataDir, 'imports');
      mkdirSync(dir, { recursive: true });
      // The spooled file is named by porm, never by the client.
      const spooled = join(dir, `${newId('imp')}.csv`);
      try {
        return { path: spooled, fileName: file.fileName, rowsExpected: await spool(file, spooled, rules) };
      } catch (err) {
        await rm(spooled, { force: true });
        throw err;
      }
    },
    async discard(taken) {
      await rm(taken.path, { force: true });
    },
  }, forms);
}

/** Deletes an upload no import took (a refusal, a bad option). */
export async function dropUnusedUpload(request: FastifyRequest): Promise<void> {
  const upload = uploadOf(request);
  if (upload?.path && !upload.taken) await rm(upload.path, { force: true });
}
