import { html, type SafeHtml } from '../html.ts';
import { layout, wideTable, type PageFrame } from './layout.ts';
import type { Problem } from '../../api/dashboard/kit.ts';
import type { ContactList } from '../../contacts/model.ts';
import type { ContactImport } from '../../contacts/import/import-service.ts';
import { ENCODINGS } from '../../contacts/import/decode.ts';
import { allows } from '../roles.ts';
import { csrfInput, field, formProblem, selectField, when } from './contacts-fields.ts';

// /dashboard/imports: the account's CSV imports, the upload form (list, default country, what to
// do with numbers that have a contact, encoding, column mapping, as POST /v1/imports takes them),
// and one import with its progress bar and error report. The page works without JavaScript (it
// asks to be reloaded while the import runs); web/dashboard/import-progress.ts moves the bar by itself.

const CURRENT = '/dashboard/contacts';
export const IMPORT_FORM_FIELDS = ['file', 'list', 'default_country', 'on_duplicate', 'encoding', 'columns'];

export interface ImportFormValues { list?: string; default_country?: string; on_duplicate?: string; encoding?: string; columns?: string }

export function importsPage(frame: PageFrame, imports: ContactImport[], nextCursor: string | null, lists: ContactList[], values: ImportFormValues = {}, p?: Problem): string {
  const canWrite = frame.user !== undefined && allows(frame.user.role, 'member');
  return layout({ ...frame, title: 'Imports', current: CURRENT }, html`
${canWrite ? html`<h2>Import a CSV file</h2>${formProblem(p, IMPORT_FORM_FIELDS)}
<form method="post" action="/dashboard/imports" enctype="multipart/form-data" class="card" novalidate>${csrfInput(frame.csrf)}
${selectField('list', 'Add everyone to list', [{ value: '', label: 'no list' }, ...lists.map((l) => ({ value: l.id, label: l.name }))], values.list, p)}
${field({ name: 'default_country', label: 'Default country', value: values.default_country ?? 'US', hint: 'how numbers without + are read', attrs: html` maxlength="2" autocomplete="off"` }, p)}
${selectField('on_duplicate', 'A number that has a contact', [{ value: 'update', label: 'update it' }, { value: 'skip', label: 'leave it' }], values.on_duplicate, p)}
${selectField('encoding', 'Encoding', ENCODINGS.map((e) => ({ value: e, label: e })), values.encoding ?? 'auto', p)}
${field({ name: 'columns', label: 'Column mapping', value: values.columns ?? '', rows: 3, hint: 'optional, one Header=field a line (phone, name, time_zone, locale, tags, attributes.<key>, ignore); headers named like a field map by themselves' }, p)}
<p class="hint">The file goes last: its fields above are read first.</p>
${field({ name: 'file', label: 'CSV file', type: 'file', required: true, attrs: html` accept=".csv,text/csv,text/plain"` }, p)}
<button type="submit">Start the import</button></form>` : ''}
<h2>Imports</h2>
${wideTable('Imports', html`<table><thead><tr><th scope="col">Started (UTC)</th><th scope="col">File</th><th scope="col">Status</th><th scope="col">Rows</th><th scope="col">Refused</th></tr></thead>
<tbody>${imports.map((i) => html`<tr><td><a href="/dashboard/imports/${i.id}">${when(i.createdAt)}</a></td><td class="body">${i.fileName ?? '(no name)'}</td><td>${i.status}</td><td>${i.rowsRead}</td><td>${i.invalid}</td></tr>`)}</tbody></table>`)}
${imports.length === 0 ? html`<p>No imports yet.</p>` : ''}
${nextCursor ? html`<p><a href="/dashboard/imports?${new URLSearchParams({ cursor: nextCursor }).toString()}" rel="next">Older imports</a></p>` : ''}`);
}

/** The JSON the progress script polls (and the page's own figures): one shape for both. */
export function importProgress(i: ContactImport) {
  const done = i.status !== 'importing';
  // The expected count is the file's lines: quoted line breaks and empty lines make it a little
  // high, so the bar never passes its end, and it is full once the import has ended.
  const max = done ? Math.max(i.rowsRead, 1) : Math.max(i.rowsExpected ?? 0, i.rowsRead, 1);
  return {
    id: i.id, status: i.status, done, rows: i.rowsRead, max: done || i.rowsExpected !== null ? max : null, value: done ? max : i.rowsRead,
    created: i.created, updated: i.updated, skipped: i.skipped, duplicates: i.duplicates, invalid: i.invalid, consents: i.consents,
    error: i.errorCode === null ? null : { code: i.errorCode, message: i.errorMessage ?? '' },
  };
}

export interface ImportErrorRow { row: number; value: string; code: string; reason: string }

function counts(i: ContactImport): SafeHtml {
  return html`<dl class="facts import-counts"><dt>Rows read</dt><dd data-count="rows">${i.rowsRead}</dd><dt>Created</dt><dd data-count="created">${i.created}</dd><dt>Updated</dt><dd data-count="updated">${i.updated}</dd>
<dt>Left as they were</dt><dd data-count="skipped">${i.skipped}</dd><dt>Duplicates in the file</dt><dd data-count="duplicates">${i.duplicates}</dd><dt>Refused</dt><dd data-count="invalid">${i.invalid}</dd><dt>Opt-ins recorded</dt><dd data-count="consents">${i.consents}</dd></dl>`;
}

export function importPage(frame: PageFrame, i: ContactImport, errors: ImportErrorRow[], more: boolean): string {
  const progress = importProgress(i);
  const canWrite = frame.user !== undefined && allows(frame.user.role, 'member');
  return layout({ ...frame, title: `Import ${i.fileName ?? i.id}`, current: CURRENT }, html`
<div class="contacts-import" data-import="${i.id}" data-status="${i.status}">
<p><label for="import-progress">Progress</label> <progress id="import-progress"${progress.max !== null ? html` max="${progress.max}" value="${progress.value}"` : ''}>${i.rowsRead} rows</progress>
<span class="contacts-import-status" role="status" aria-live="polite">${i.status === 'importing' ? `Importing: ${i.rowsRead} rows read so far.` : `${i.status[0]!.toUpperCase()}${i.status.slice(1)}: ${i.rowsRead} rows read.`}</span></p>
${i.status === 'importing' ? html`<p class="reload-hint">Still running: <a href="/dashboard/imports/${i.id}">reload</a> to see it move.</p>` : ''}
${i.errorCode ? html`<p class="error" role="alert">${i.errorMessage ?? ''} <code>${i.errorCode}</code></p>` : ''}
${counts(i)}
<h2>Error report</h2>
<div class="import-errors">${errors.length === 0 ? html`<p>${i.status === 'importing' ? 'No refused rows so far.' : 'No row was refused.'}</p>` : html`
${wideTable('Refused rows', html`<table class="contacts-errors"><thead><tr><th scope="col">Row</th><th scope="col">Value</th><th scope="col">Code</th><th scope="col">Reason</th></tr></thead>
<tbody>${errors.map((e) => html`<tr><td>${e.row}</td><td class="body"><code>${e.value}</code></td><td><code>${e.code}</code></td><td class="body">${e.reason}</td></tr>`)}</tbody></table>`)}
${more ? html`<p>The first ${errors.length} refused rows; the download has them all.</p>` : ''}`}
<p><a href="/dashboard/imports/${i.id}/errors.csv" download>Download the error report (CSV)</a></p></div>
${canWrite && i.status === 'importing' ? html`<form method="post" action="/dashboard/imports/${i.id}/cancel">${csrfInput(frame.csrf)}<button type="submit">Stop the import</button></form>` : ''}
</div>
<p><a href="/dashboard/imports">All imports</a></p>
<script type="module" src="/dashboard/assets/import-progress.js"></script>`);
}
