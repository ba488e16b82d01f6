import { Readable } from 'node:stream';
import type { DashboardKit, Form, Problem } from './kit.ts';
import { formOf, problem } from './kit.ts';
import { PormError } from '../../errors.ts';
import type { ImportOptions } from '../../contacts/import/options.ts';
import { importPage, importProgress, importsPage, type ImportFormValues } from '../../dashboard/pages/contacts-imports.ts';
import { dropUnusedUpload, importFormReader, uploadOf } from './imports-upload.ts';

// /dashboard/imports: CSV imports through the same ContactImports as POST /v1/imports (options
// checked by its checkOptions, the file spooled and run in the background the same way), the
// import's page with a progress bar, and the JSON that bar polls.

const ERRORS_SHOWN = 100;

/** `Header=field` lines to the API's column mapping. */
function columnsOf(text: string | undefined): Record<string, string> | undefined {
  const lines = (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length === 0) return undefined;
  return Object.fromEntries(lines.map((line, i) => {
    const eq = line.lastIndexOf('=');
    if (eq <= 0) {
      const message = `line ${i + 1} is not Header=field`;
      throw new PormError('PORM_IMPORT_BAD_MAPPING', message, [{ field: '/columns', code: 'PORM_IMPORT_BAD_MAPPING', message }]);
    }
    return [line.slice(0, eq).trim(), line.slice(eq + 1).trim()];
  }));
}

function optionsOf(form: Form): ImportOptions {
  const columns = columnsOf(form.columns);
  const t = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v.trim());
  return {
    ...(columns ? { columns } : {}), ...(t(form.default_country) ? { defaultCountry: t(form.default_country)! } : {}),
    ...(t(form.on_duplicate) ? { onDuplicate: t(form.on_duplicate) as ImportOptions['onDuplicate'] } : {}),
    ...(t(form.list) ? { listId: t(form.list)! } : {}), ...(t(form.encoding) ? { encoding: t(form.encoding) as ImportOptions['encoding'] } : {}),
  };
}

const valuesOf = (form: Form): ImportFormValues => ({
  ...(form.list !== undefined ? { list: form.list } : {}), ...(form.default_country !== undefined ? { default_country: form.default_country } : {}),
  ...(form.on_duplicate !== undefined ? { on_duplicate: form.on_duplicate } : {}), ...(form.encoding !== undefined ? { encoding: form.encoding } : {}),
  ...(form.columns !== undefined ? { columns: form.columns } : {}),
});

export function importsRoutes({ app, page, services }: DashboardKit): void {
  const { imports, lists } = services.contacts;
  importFormReader(app, services, '/dashboard/imports');
  app.addHook('onResponse', async (request) => {
    if (request.method === 'POST' && request.routeOptions.url === '/dashboard/imports') await dropUnusedUpload(request);
  });

  const listPage = async (accountId: string, cursor?: string) => {
    const [listed, known] = await Promise.all([imports.list(accountId, 50, cursor), lists.list(accountId, 200)]);
    return { listed, known: known.data };
  };

  page('/dashboard/imports', 'read-only', async (request, { user, csrf }, reply) => {
    const cursor = (request.query as Record<string, string | undefined>).cursor;
    try {
      const { listed, known } = await listPage(user.accountId, cursor);
      return importsPage({ title: '', user, csrf }, listed.data, listed.nextCursor, known);
    } catch (err) {
      const p = problem(err);
      reply.code(p.status);
      const { listed, known } = await listPage(user.accountId);
      return importsPage({ title: '', user, csrf }, listed.data, listed.nextCursor, known, {}, p);
    }
  });

  page('/dashboard/imports', 'member', async (request, { user, csrf }, reply) => {
    const form = formOf(request);
    const upload = uploadOf(request);
    const refuse = async (p: Problem): Promise<string> => {
      reply.code(p.status);
      const { listed, known } = await listPage(user.accountId);
      return importsPage({ title: '', user, csrf }, listed.data, listed.nextCursor, known, valuesOf(form), p);
    };
    if (upload?.problem) return refuse(upload.problem);
    try {
      const options = optionsOf(form);
      if (!upload?.path) throw new PormError('PORM_IMPORT_UNSUPPORTED_UPLOAD', 'choose a CSV file to import', [{ field: '/file', code: 'PORM_IMPORT_UNSUPPORTED_UPLOAD', message: 'choose a CSV file to import' }]);
      const created = await imports.create(user.accountId, upload.fileName, options, upload.rowsExpected);
      upload.taken = true;
      imports.runInBackground(user.accountId, created.id, upload.path, (err: unknown) => request.log.error({ err, importId: created.id }, 'contact import failed'));
      await reply.redirect(`/dashboard/imports/${created.id}`, 303);
      return undefined;
    } catch (err) {
      return refuse(problem(err));
    }
  }, 'POST');

  page('/dashboard/imports/:id', 'read-only', async (request, { user, csrf }, reply) => {
    const { id } = request.params as { id: string };
    try {
      const found = await imports.get(user.accountId, id);
      const errors = await imports.errorRows(user.accountId, id, ERRORS_SHOWN + 1);
      return importPage({ title: '', user, csrf }, found, errors.slice(0, ERRORS_SHOWN), errors.length > ERRORS_SHOWN);
    } catch (err) {
      const p = problem(err);
      reply.code(p.status);
      const { listed, known } = await listPage(user.accountId);
      return importsPage({ title: '', user, csrf }, listed.data, listed.nextCursor, known, {}, p);
    }
  });

  // What the progress bar polls: the session's account only, never cached (the dashboard's hook).
  page('/dashboard/imports/:id/progress', 'read-only', async (request, { user }, reply) => {
    const { id } = request.params as { id: string };
    try {
      await reply.send(importProgress(await imports.get(user.accountId, id)));
    } catch (err) {
      const p = problem(err);
      await reply.code(p.status).send({ code: p.code, message: p.message });
    }
    return undefined;
  });

  page('/dashboard/imports/:id/errors.csv', 'read-only', async (request, { user }, reply) => {
    const { id } = request.params as { id: string };
    const lines = imports.errorsCsv(user.accountId, id);
    let first: IteratorResult<string>;
    try {
      first = await lines.next();
    } catch (err) {
      const p = problem(err);
      await reply.code(p.status).type('text/plain; charset=utf-8').send(`${p.code}: ${p.message}\n`);
      return undefined;
    }
    async function* body(): AsyncGenerator<string> {
      if (!first.done) yield `${first.value}\r\n`;
      for await (const line of lines) yield `${line}\r\n`;
    }
    await reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${id}-errors.csv"`).send(Readable.from(body()));
    return undefined;
  });

  page('/dashboard/imports/:id/cancel', 'member', async (request, { user, csrf }, reply) => {
    const { id } = request.params as { id: string };
    try {
      await imports.cancel(user.accountId, id);
      await reply.redirect(`/dashboard/imports/${id}`, 303);
      return undefined;
    } catch (err) {
      const p = problem(err);
      reply.code(p.status);
      const { listed, known } = await listPage(user.accountId);
      return importsPage({ title: '', user, csrf }, listed.data, listed.nextCursor, known, {}, p);
    }
  }, 'POST');
}
