import { createWriteStream, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import { PormError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type { ContactImport } from '../../contacts/import/import-service.ts';
import type { ImportOptions } from '../../contacts/import/options.ts';
import { accountOf } from '../auth.ts';
import { Nullable, PageOf, PageQuery, Timestamp, errorResponses } from '../schemas/common.ts';

// /v1/imports (docs/contacts.md#csv-import): the CSV comes as the raw body (text/csv) or as the
// `file` part of a multipart upload; options as JSON in the `options` query parameter (or a
// multipart field before the file). The upload is spooled to the data directory and imported in
// the background; GET /v1/imports/{id} shows the counts as they grow.

/** The largest CSV an import takes (a million rows of a few columns is ~50 MB). */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024 * 1024;

const ImportResource = Type.Object({
  id: Type.String(), object: Type.Literal('import'),
  status: Type.Union([Type.Literal('importing'), Type.Literal('completed'), Type.Literal('canceled'), Type.Literal('failed')]),
  file_name: Nullable(Type.String()),
  rows: Type.Integer({ description: 'Rows read so far (the header not counted)' }),
  created: Type.Integer(), updated: Type.Integer(), skipped: Type.Integer({ description: 'Numbers that existed, left as they were (on_duplicate skip)' }),
  duplicates: Type.Integer({ description: 'Rows whose number an earlier row of the file had' }), invalid: Type.Integer({ description: 'Rows refused (see the error report)' }),
  consents: Type.Integer({ description: 'Opt-ins recorded in the consent ledger' }),
  error: Nullable(Type.Object({ code: Type.String(), message: Type.String() }, { description: 'Why a failed import stopped' })),
  errors_url: Type.String({ description: 'The per-row error report (CSV)' }),
  created_at: Timestamp, updated_at: Timestamp, finished_at: Nullable(Timestamp),
}, { $id: 'ContactImport' });

const OptionsSchema = Type.Object({
  columns: Type.Optional(Type.Record(Type.String({ maxLength: 200 }), Type.String({ maxLength: 100 }))),
  default_country: Type.Optional(Type.String({ maxLength: 2 })),
  on_duplicate: Type.Optional(Type.Union([Type.Literal('update'), Type.Literal('skip')])),
  list: Type.Optional(Type.String({ maxLength: 64 })),
  encoding: Type.Optional(Type.Union(['auto', 'utf-8', 'utf-16le', 'utf-16be', 'latin1', 'windows-1252'].map((e) => Type.Literal(e)))),
  consent: Type.Optional(Type.Object({
    wording: Type.String({ maxLength: 4000 }), source: Type.Optional(Type.Union([Type.Literal('import'), Type.Literal('web_form'), Type.Literal('api')])),
    url: Type.Optional(Type.String({ maxLength: 2048 })), program_id: Type.Optional(Type.String({ maxLength: 64 })),
  }, { additionalProperties: false })),
}, { additionalProperties: false });

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
export function importResource(i: ContactImport) {
  return {
    id: i.id, object: 'import' as const, status: i.status, file_name: i.fileName, rows: i.rowsRead, created: i.created, updated: i.updated, skipped: i.skipped,
    duplicates: i.duplicates, invalid: i.invalid, consents: i.consents, error: i.errorCode === null ? null : { code: i.errorCode, message: i.errorMessage ?? '' },
    errors_url: `/v1/imports/${i.id}/errors`, created_at: iso(i.createdAt)!, updated_at: iso(i.updatedAt)!, finished_at: iso(i.finishedAt),
  };
}

/** The /v1 options JSON (snake_case, checked against OptionsSchema by hand: it arrives as a string). */
function optionsOf(text: string | undefined, validate: (value: unknown) => boolean): ImportOptions {
  if (text === undefined || text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PormError('PORM_INVALID_FIELD', 'options is a JSON object', [{ field: '/options', code: 'PORM_INVALID_FIELD', message: 'not valid JSON' }]);
  }
  if (!validate(value)) throw new PormError('PORM_INVALID_FIELD', 'options has an unknown key or a value of the wrong type (docs/contacts.md#csv-import)', [{ field: '/options', code: 'PORM_INVALID_FIELD', message: 'columns, default_country, on_duplicate, list, encoding, consent' }]);
  const o = value as { columns?: Record<string, string>; default_country?: string; on_duplicate?: 'update' | 'skip'; list?: string; encoding?: ImportOptions['encoding']; consent?: { wording: string; source?: 'import' | 'web_form' | 'api'; url?: string; program_id?: string } };
  return {
    ...(o.columns ? { columns: o.columns } : {}), ...(o.default_country ? { defaultCountry: o.default_country } : {}), ...(o.on_duplicate ? { onDuplicate: o.on_duplicate } : {}),
    ...(o.list ? { listId: o.list } : {}), ...(o.encoding ? { encoding: o.encoding } : {}),
    ...(o.consent ? { consent: { wording: o.consent.wording, ...(o.consent.source ? { source: o.consent.source } : {}), ...(o.consent.url ? { url: o.consent.url } : {}), ...(o.consent.program_id ? { programId: o.consent.program_id } : {}) } } : {}),
  };
}

/** Writes the upload to `path`, refusing more than MAX_IMPORT_BYTES. */
async function spool(stream: Readable, path: string): Promise<void> {
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > MAX_IMPORT_BYTES) done(new PormError('PORM_PAYLOAD_TOO_LARGE', `an import file is at most ${MAX_IMPORT_BYTES} bytes`));
      else done(null, chunk);
    },
  });
  await pipeline(stream, limit, createWriteStream(path));
}

async function uploadOf(request: FastifyRequest, queryOptions: string | undefined): Promise<{ stream: Readable; fileName: string | null; options: string | undefined }> {
  if (request.isMultipart()) {
    const part = await request.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } });
    if (!part || part.fieldname !== 'file') throw new PormError('PORM_IMPORT_UNSUPPORTED_UPLOAD', 'the multipart upload needs a part named "file"');
    const field = part.fields.options;
    const fieldValue = field && !Array.isArray(field) && field.type === 'field' ? String(field.value) : undefined;
    return { stream: part.file, fileName: part.filename || null, options: fieldValue ?? queryOptions };
  }
  if (!/^text\/(csv|plain)\b/i.test(String(request.headers['content-type'] ?? ''))) throw new PormError('PORM_IMPORT_UNSUPPORTED_UPLOAD');
  return { stream: request.body as Readable, fileName: null, options: queryOptions };
}

export function importRoutes(services: Services): FastifyPluginAsyncTypebox {
  const imports = services.contacts.imports;
  return async (app) => {
    app.addSchema(ImportResource);
    // The raw CSV reaches the handler as the request stream: never buffered, never size-limited by bodyLimit.
    app.addContentTypeParser(['text/csv', 'text/plain'], (_request, payload, done) => done(null, payload));
    const validate = (value: unknown): boolean => Value.Check(OptionsSchema, value);
    const tags = ['imports'];
    const Params = Type.Object({ id: Type.String({ maxLength: 64, description: 'imp_…' }) });

    app.post('/v1/imports', {
      schema: {
        summary: 'Import contacts from a CSV file', tags,
        description: 'The CSV is the raw body (Content-Type: text/csv) or the `file` part of a multipart/form-data upload. Options go as JSON in the `options` query parameter (or a multipart field before the file). Answers 202 with the import, which runs in the background: poll GET /v1/imports/{id}.',
        querystring: Type.Object({ options: Type.Optional(Type.String({ maxLength: 64 * 1024, description: 'JSON: columns, default_country, on_duplicate (update|skip), list, encoding, consent {wording, source, url, program_id}' })) }, { additionalProperties: false }),
        response: { 202: Type.Ref('ContactImport'), 413: Type.Ref('Problem'), 415: Type.Ref('Problem'), ...errorResponses },
      },
    }, async (request, reply) => {
      const accountId = accountOf(request);
      const upload = await uploadOf(request, request.query.options);
      const options = optionsOf(upload.options, validate);
      const dir = join(services.config.dataDir, 'imports');
      mkdirSync(dir, { recursive: true });
      const path = join(dir, `${newId('imp')}.csv`);
      try {
        await spool(upload.stream, path);
        if ('truncated' in upload.stream && upload.stream.truncated === true) throw new PormError('PORM_PAYLOAD_TOO_LARGE', `an import file is at most ${MAX_IMPORT_BYTES} bytes`);
        const created = await imports.create(accountId, upload.fileName, options);
        imports.runInBackground(accountId, created.id, path, (err: unknown) => request.log.error({ err, importId: created.id }, 'contact import failed'));
        return await reply.code(202).header('location', `/v1/imports/${created.id}`).send(importResource(created));
      } catch (err) {
        await rm(path, { force: true });
        throw err;
      }
    });

    app.get('/v1/imports', {
      schema: { summary: 'Your imports, newest first', tags, querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: PageOf(Type.Ref('ContactImport')), ...errorResponses } },
    }, async (request) => {
      const page = await imports.list(accountOf(request), request.query.limit ?? 50, request.query.cursor);
      return { object: 'list' as const, data: page.data.map(importResource), next_cursor: page.nextCursor };
    });
    app.get('/v1/imports/:id', { schema: { summary: 'An import: its status and counts', tags, params: Params, response: { 200: Type.Ref('ContactImport'), ...errorResponses } } },
      async (request) => importResource(await imports.get(accountOf(request), request.params.id)));
    app.post('/v1/imports/:id/cancel', {
      schema: { summary: 'Stop an import; rows already committed stay', tags, params: Params, response: { 200: Type.Ref('ContactImport'), 409: Type.Ref('Problem'), ...errorResponses } },
    }, async (request) => importResource(await imports.cancel(accountOf(request), request.params.id)));
    app.get('/v1/imports/:id/errors', {
      schema: { summary: 'The per-row error report as CSV (row, value, code, reason)', tags, params: Params, response: { 200: { description: 'RFC 4180 CSV; cells a spreadsheet would run as formulas are prefixed with \'', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errorResponses } },
    }, async (request, reply) => {
      const lines = imports.errorsCsv(accountOf(request), request.params.id);
      const first = await lines.next();
      async function* body(): AsyncGenerator<string> {
        if (!first.done) yield `${first.value}\r\n`;
        for await (const line of lines) yield `${line}\r\n`;
      }
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${request.params.id}-errors.csv"`).send(Readable.from(body()));
    });
  };
}

