import { createWriteStream, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { PormError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type { Services } from '../../services.ts';
import { allows } from '../../dashboard/roles.ts';
import { MAX_IMPORT_BYTES } from '../routes/imports.ts';
import { readCookie } from './cookies.ts';
import { problem, same, type Form, type Problem } from './kit.ts';

// The import form is multipart (it carries the file), which the dashboard's form reader does not
// parse: before the page's own checks run, this reads the form's fields, and spools the file to
// the data directory (as POST /v1/imports does) only for a signed-in member whose form carries the
// session's CSRF token, so nobody else can make porm write a file. The page wrapper then checks the
// session, role and token on the fields as for every form; an upload the page did not take is
// deleted when the answer is sent.

export interface Upload {
  path: string | null;
  fileName: string | null;
  /** Lines of the file less the header (an estimate: quoted line breaks count too). */
  rowsExpected: number;
  problem?: Problem;
  /** Set by the page once an import owns the file (it deletes it when done). */
  taken: boolean;
}

const uploads = new WeakMap<FastifyRequest, Upload>();
export const uploadOf = (request: FastifyRequest): Upload | undefined => uploads.get(request);

const SESSION = 'porm_session';

async function maySpool(services: Services, request: FastifyRequest, csrf: string | undefined): Promise<boolean> {
  const id = readCookie(request.headers.cookie, SESSION);
  const session = id ? await services.dashboard.sessions.lookup(id) : null;
  if (!session || !same(csrf, session.csrf)) return false;
  const user = await services.dashboard.users.get(session.userId);
  return user !== undefined && allows(user.role, 'member');
}

/** Copies the file part to `path`, at most MAX_IMPORT_BYTES, counting its line breaks. */
async function spool(file: NodeJS.ReadableStream, path: string, truncated: () => boolean): Promise<number> {
  let bytes = 0;
  let lines = 0;
  let last = 0x0a;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > MAX_IMPORT_BYTES) return done(new PormError('PORM_PAYLOAD_TOO_LARGE', `an import file is at most ${MAX_IMPORT_BYTES} bytes`, [{ field: '/file', code: 'PORM_PAYLOAD_TOO_LARGE', message: `at most ${MAX_IMPORT_BYTES} bytes` }]));
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x0a) lines++;
      if (chunk.length > 0) last = chunk[chunk.length - 1]!;
      done(null, chunk);
    },
  });
  await pipeline(file, count, createWriteStream(path));
  if (truncated()) throw new PormError('PORM_PAYLOAD_TOO_LARGE', `an import file is at most ${MAX_IMPORT_BYTES} bytes`, [{ field: '/file', code: 'PORM_PAYLOAD_TOO_LARGE', message: `at most ${MAX_IMPORT_BYTES} bytes` }]);
  if (bytes === 0) throw new PormError('PORM_IMPORT_BAD_HEADER', 'the file is empty: it needs a header and rows', [{ field: '/file', code: 'PORM_IMPORT_BAD_HEADER', message: 'the file is empty' }]);
  return Math.max(0, lines + (last === 0x0a ? 0 : 1) - 1);
}

/** Reads a multipart import form into request.body (its fields) and the upload beside it. */
export async function readImportForm(services: Services, request: FastifyRequest): Promise<void> {
  const fields: Form = {};
  const upload: Upload = { path: null, fileName: null, rowsExpected: 0, taken: false };
  uploads.set(request, upload);
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12 } })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string' && !(part.fieldname in fields)) fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== 'file' || upload.path !== null || !(await maySpool(services, request, fields.csrf))) {
        part.file.resume();
        continue;
      }
      if (part.filename === '') {
        part.file.resume();
        continue;
      }
      const dir = join(services.config.dataDir, 'imports');
      mkdirSync(dir, { recursive: true });
      upload.path = join(dir, `${newId('imp')}.csv`);
      upload.fileName = part.filename.slice(0, 255);
      upload.rowsExpected = await spool(part.file, upload.path, () => part.file.truncated);
    }
  } catch (err) {
    if (upload.path !== null) await rm(upload.path, { force: true });
    upload.path = null;
    upload.problem = err instanceof PormError ? problem(err) : { message: `the upload is malformed: ${(err as Error).message}`.slice(0, 300), code: 'PORM_INVALID_MULTIPART', status: 400, field: '/file' };
  }
  request.body = fields;
}

/** Deletes an upload no import took (a refusal, a bad option). */
export async function dropUnusedUpload(request: FastifyRequest): Promise<void> {
  const upload = uploads.get(request);
  if (upload?.path && !upload.taken) await rm(upload.path, { force: true });
}
