import { html, type SafeHtml } from '../html.ts';
import { layout, wideTable, type PageFrame } from './layout.ts';
import type { Problem } from '../../api/dashboard/kit.ts';
import type { Contact, ContactList } from '../../contacts/model.ts';
import type { Segment } from '../../contacts/segments/segment-service.ts';
import { allows } from '../roles.ts';
import { rowOfPointer, SEGMENT_FIELDS, SEGMENT_OPS, type SegmentRow } from '../segment-form.ts';
import { csrfInput, field, fieldOfProblem, formProblem, when } from './contacts-fields.ts';

// /dashboard/segments: the account's segments and the builder: rule rows (field, attribute name,
// operator, value) that make the rules document /v1/segments takes, a count of the contacts it
// matches (the Count button; web/dashboard/segment-builder.ts keeps it live while typing) and Save.

const CURRENT = '/dashboard/segments';
const FIELD_LABELS: Record<string, string> = {
  attribute: 'attribute', tag: 'tag', list: 'list (id)', consent: 'consent', name: 'name', phone: 'phone', time_zone: 'time zone', locale: 'locale',
  received: 'received within days', replied: 'replied within days', clicked: 'clicked within days',
};
const OP_LABELS: Record<string, string> = {
  eq: 'is', ne: 'is not', gt: '>', gte: '≥', lt: '<', lte: '≤', contains: 'contains', in: 'is one of (a, b)', prefix: 'starts with', exists: 'is set', not_exists: 'is not set',
};

export interface BuilderView {
  rows: SegmentRow[];
  match: string;
  name: string;
  lists: ContactList[];
  count?: { count: number; sample: Contact[] };
}

function rowHtml(row: SegmentRow, i: number, p: Problem | undefined, rowCount: number): SafeHtml {
  const at = p?.field ? rowOfPointer(p.field, rowCount) : undefined;
  const bad = (input: string): boolean => at !== undefined && at.row === i && at.input === input;
  const invalid = (input: string): SafeHtml => (bad(input) ? html` aria-invalid="true" aria-describedby="rule-${i}-error"` : html``);
  return html`<fieldset class="rule-row" data-row="${i}"><legend>Rule ${i + 1}</legend>
<label for="rule-${i}-field">Field</label><select id="rule-${i}-field" name="field"${invalid('field')}>${SEGMENT_FIELDS.map((f) => html`<option value="${f}"${f === row.field ? html` selected` : ''}>${FIELD_LABELS[f] ?? f}</option>`)}</select>
<label for="rule-${i}-key">Attribute name</label><input id="rule-${i}-key" name="key" value="${row.key}" autocomplete="off"${invalid('key')}>
<label for="rule-${i}-op">Operator</label><select id="rule-${i}-op" name="op"${invalid('op')}>${SEGMENT_OPS.map((o) => html`<option value="${o}"${o === row.op ? html` selected` : ''}>${OP_LABELS[o] ?? o}</option>`)}</select>
<label for="rule-${i}-value">Value</label><input id="rule-${i}-value" name="value" value="${row.value}" autocomplete="off" list="segment-lists"${invalid('value')}>
<button type="submit" name="remove" value="${i}" class="remove-rule" formnovalidate>Remove rule ${i + 1}</button>
${at !== undefined && at.row === i && p ? html`<p class="error" id="rule-${i}-error" role="alert">${p.message} <code>${p.code}</code></p>` : ''}</fieldset>`;
}

export function segmentsPage(frame: PageFrame, segments: Segment[], nextCursor: string | null, view: BuilderView, p?: Problem, saved?: Segment): string {
  const canWrite = frame.user !== undefined && allows(frame.user.role, 'member');
  const aboutRow = p?.field?.startsWith('/rule') === true && rowOfPointer(p.field, view.rows.length) !== undefined;
  const aboutName = fieldOfProblem(p) === 'name';
  const count = view.count;
  return layout({ ...frame, title: 'Segments', current: CURRENT }, html`
${saved ? html`<p role="status">Saved the segment <a href="/dashboard/segments/${saved.id}">${saved.name}</a>.</p>` : ''}
<h2>Build a segment</h2>
${aboutRow || aboutName ? '' : formProblem(p, [])}
<form method="post" action="/dashboard/segments" class="segment-builder" novalidate>${csrfInput(frame.csrf)}
<div class="field"><label for="f-match">Contacts matching</label><select id="f-match" name="match"><option value="all"${view.match !== 'any' ? html` selected` : ''}>all of the rules</option><option value="any"${view.match === 'any' ? html` selected` : ''}>any of the rules</option></select></div>
<div class="rule-rows">${view.rows.map((r, i) => rowHtml(r, i, p, view.rows.length))}</div>
<datalist id="segment-lists">${view.lists.map((l) => html`<option value="${l.id}">${l.name}</option>`)}<option value="opted_in"></option><option value="opted_out"></option><option value="none"></option></datalist>
<p class="builder-actions"><button type="submit" name="action" value="add" class="add-rule" formnovalidate>Add a rule</button> <button type="submit" name="action" value="count">Count</button></p>
<p class="segment-count">Matching contacts: <output id="segment-count" aria-live="polite" for="${view.rows.map((_r, i) => `rule-${i}-value`).join(' ')}">${count ? String(count.count) : '—'}</output>
<span class="segment-count-error error" role="alert"></span></p>
${count && count.sample.length > 0 ? html`<p class="sample">For example: ${count.sample.map((c, i) => html`${i > 0 ? ', ' : ''}<a href="/dashboard/contacts/${c.id}">${c.name ?? c.phone}</a>`)}</p>` : ''}
${canWrite ? html`${field({ name: 'name', label: 'Segment name', value: view.name }, p)}<button type="submit" name="action" value="save">Save the segment</button>` : ''}
</form>
<h2>Saved segments</h2>
${wideTable('Segments', html`<table><thead><tr><th scope="col">Name</th><th scope="col">Created (UTC)</th></tr></thead>
<tbody>${segments.map((s) => html`<tr><td><a href="/dashboard/segments/${s.id}">${s.name}</a></td><td>${when(s.createdAt)}</td></tr>`)}</tbody></table>`)}
${segments.length === 0 ? html`<p>No segments yet.</p>` : ''}
${nextCursor ? html`<p><a href="/dashboard/segments?${new URLSearchParams({ cursor: nextCursor }).toString()}" rel="next">Older segments</a></p>` : ''}
<script type="module" src="/dashboard/assets/segment-builder.js"></script>`);
}

export function segmentPage(frame: PageFrame, segment: Segment, count: number): string {
  return layout({ ...frame, title: `Segment ${segment.name}`, current: CURRENT }, html`
<dl class="facts"><dt>Id</dt><dd><code>${segment.id}</code></dd><dt>Matching now</dt><dd>${count}</dd><dt>Created</dt><dd>${when(segment.createdAt)}</dd></dl>
<h2>Rule</h2><pre class="contacts-rule"><code>${JSON.stringify(segment.rule, null, 2)}</code></pre>
<p><a href="/dashboard/segments">All segments</a></p>`);
}
