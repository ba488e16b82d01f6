import { html, type SafeHtml } from '../html.ts';
import { errorNote, layout, wideTable, type PageFrame } from './layout.ts';
import type { ProfileFit } from '../compose-fit.ts';

// /dashboard/compose: one form (multipart, for the file) that posts back to itself. "Attach and
// preview" uploads the file and shows what each carrier profile would send; "Send" sends through
// the API's SendService. Errors appear next to their field with the API's code.

export interface ComposeChoices {
  numbers: string[];
  services: Array<{ id: string; name: string }>;
  templates: Array<{ id: string; name: string }>;
  maxUploadBytes: number;
  /** The account's lists and segments, for sending to one of them as a one-off campaign. */
  lists: Array<{ id: string; name: string; members: number }>;
  segments: Array<{ id: string; name: string }>;
}

export interface AttachedMedia { id: string; filename: string | null; contentType: string; size: number; url: string }

export interface ComposeValues {
  /** Who it goes to: the typed numbers, or a list or a segment (then it is sent as a campaign). */
  audience: 'numbers' | 'list' | 'segment';
  to: string;
  list: string;
  segment: string;
  /** A list or segment send's category (campaigns': marketing holds it to consent, quiet hours and caps). */
  category: 'marketing' | 'transactional';
  /** A number of the account, a messaging service id (mgs_…), or '' for the typed `from`. */
  sender: string;
  from: string;
  body: string;
  template: string;
  data: string;
  sendAt: string;
  sendZone: 'utc' | 'recipient';
  /** The form's idempotency key: sending the same form twice sends once. */
  key: string;
  media: AttachedMedia[];
}

/** A problem shown next to a form field (the field is a form input's name, or '' for the whole form). */
export interface FieldProblem { field: string; message: string; code: string }

export const COMPOSE_FIELDS = ['to', 'sender', 'from', 'body', 'file', 'template', 'data', 'send_at', 'category'] as const;

const kb = (bytes: number): string => (bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(2)} MB` : `${(bytes / 1000).toFixed(1)} KB`);

function fieldError(problem: FieldProblem | undefined, name: string): SafeHtml {
  return problem && problem.field === name ? html`<p class="field-error" id="${name}-error">${problem.message} <code>${problem.code}</code></p>` : html``;
}

/** aria attributes of a field, pointing at its error when it has one. */
function invalid(problem: FieldProblem | undefined, name: string, hint?: string): SafeHtml {
  const ids = [...(hint ? [hint] : []), ...(problem?.field === name ? [`${name}-error`] : [])];
  return html`${problem?.field === name ? html` aria-invalid="true"` : ''}${ids.length > 0 ? html` aria-describedby="${ids.join(' ')}"` : ''}`;
}

const option = (value: string, label: string, selected: string): SafeHtml => html`<option value="${value}"${value === selected ? html` selected` : ''}>${label}</option>`;

export function fitTable(fits: readonly ProfileFit[], media: readonly AttachedMedia[]): SafeHtml {
  if (fits.length === 0) return html``;
  const name = (i: number): string => media[i]?.filename ?? `attachment ${i + 1}`;
  return html`<section aria-labelledby="fit-heading" class="fit"><h2 id="fit-heading">What each carrier profile would send</h2>
${wideTable('Fitting preview', html`<table><thead><tr><th scope="col">Profile</th><th scope="col">Budget</th><th scope="col">Attachment</th><th scope="col">Sent as</th><th scope="col">Size</th><th scope="col">Warnings</th></tr></thead>
<tbody>${fits.map((f) => (f.error
    ? html`<tr class="compose-fit-error"><th scope="row">${f.profile}${f.carriers.length > 0 ? html`<br><small>${f.carriers.join(', ')}</small>` : ''}</th><td>${f.budgetBytes > 0 ? kb(f.budgetBytes) : '—'}</td><td colspan="4"><code>${f.error.code}</code> ${f.error.message}</td></tr>`
    : f.parts.map((p, i) => html`<tr><th scope="row">${i === 0 ? html`${f.profile}${f.carriers.length > 0 ? html`<br><small>${f.carriers.join(', ')}</small>` : ''}` : ''}</th><td>${i === 0 ? kb(f.budgetBytes) : ''}</td>
<td class="body">${name(i)}</td><td>${p.sent.content_type}${p.sent.width !== null && p.sent.height !== null ? html` ${p.sent.width}×${p.sent.height}` : ''}</td>
<td>${kb(p.sent.bytes)}${p.converted ? html` <small>(from ${kb(p.original.bytes)})</small>` : ''}</td><td>${p.warnings.length > 0 ? p.warnings.join('; ') : '—'}</td></tr>`)))}</tbody></table>`)}</section>`;
}

export function composePage(frame: PageFrame, choices: ComposeChoices, values: ComposeValues, fits: readonly ProfileFit[], problem?: FieldProblem): string {
  const p = problem;
  const senderChoices = [
    ...choices.numbers.map((n) => option(n, n, values.sender)),
    ...choices.services.map((s) => option(s.id, `Messaging service: ${s.name}`, values.sender)),
  ];
  return layout({ ...frame, title: 'Compose', current: '/dashboard/compose' }, html`<script type="module" src="/dashboard/assets/compose-attach.js"></script>
${p && p.field === '' ? errorNote(p.message, p.code) : p ? html`<p class="error" role="alert">The message was not sent: see ${p.field.replace('_', ' ')} below. <code>${p.code}</code></p>` : ''}
<form method="post" action="/dashboard/compose" enctype="multipart/form-data" class="compose">
<input type="hidden" name="csrf" value="${frame.csrf ?? ''}"><input type="hidden" name="key" value="${values.key}">
<fieldset><legend>Recipients and sender</legend>
<div role="radiogroup" aria-labelledby="audience-label"><span id="audience-label">Send to</span>
<p><input type="radio" id="audience-numbers" name="audience" value="numbers"${values.audience === 'numbers' ? html` checked` : ''}> <label for="audience-numbers">Numbers</label>
<input type="radio" id="audience-list" name="audience" value="list"${values.audience === 'list' ? html` checked` : ''}> <label for="audience-list">A list</label>
<input type="radio" id="audience-segment" name="audience" value="segment"${values.audience === 'segment' ? html` checked` : ''}> <label for="audience-segment">A segment</label></p></div>
<label for="to">To (numbers)</label>
<textarea id="to" name="to" rows="2" inputmode="tel" autocomplete="off"${invalid(p, 'to', 'to-hint')}>${values.to}</textarea>
<p class="hint" id="to-hint">One or more numbers in E.164 (+14155550100), separated by commas or lines.</p>
<label for="list">List</label>
<select id="list" name="list">${option('', 'choose a list', values.list)}${choices.lists.map((l) => option(l.id, `${l.name} (${l.members})`, values.list))}</select>
<label for="segment">Segment</label>
<select id="segment" name="segment">${option('', 'choose a segment', values.segment)}${choices.segments.map((g) => option(g.id, g.name, values.segment))}</select>
<p class="hint" id="audience-hint">To a list or a segment, the message is sent as a <strong>campaign</strong>: each recipient is checked for opt-outs, consent and quiet hours, gets one message even if listed twice, and the fan-out is paced and resumable. It starts at once (or at the time below) and you are taken to its live progress.</p>
${fieldError(p, 'to')}
<label for="category">Category (lists and segments)</label>
<select id="category" name="category"${invalid(p, 'category')}>${option('marketing', 'marketing (consent, quiet hours and caps apply)', values.category)}${option('transactional', 'transactional', values.category)}</select>
${fieldError(p, 'category')}
<label for="sender">From</label>
<select id="sender" name="sender"${invalid(p, 'sender')}>${senderChoices}${option('', 'Another number (type it below)', values.sender)}</select>
${fieldError(p, 'sender')}
<label for="from">Other sender number</label>
<input id="from" name="from" value="${values.from}" inputmode="tel" autocomplete="off"${invalid(p, 'from', 'from-hint')}>
<p class="hint" id="from-hint">Used when From is "Another number": an E.164 number or a short code of this account.</p>
${fieldError(p, 'from')}
</fieldset>
<fieldset><legend>Message</legend>
<label for="body">Text</label>
<textarea id="body" name="body" rows="5"${invalid(p, 'body', 'body-hint')}>${values.body}</textarea>
<p class="hint" id="body-hint">Merge fields read the recipient's contact: <code>{{ contact.name | default: "there" }}</code>, <code>{{ contact.attributes.plan }}</code>.</p>
${fieldError(p, 'body')}
${values.media.length > 0 ? html`<ul class="compose-attached" aria-label="Attached media">${values.media.map((m) => html`<li><input type="hidden" name="media" value="${m.id}">${m.contentType.startsWith('image/') ? html`<img src="${m.url}" alt="" width="64" height="64">` : ''}<span>${m.filename ?? m.id} · ${m.contentType} · ${kb(m.size)}</span>
<label class="remove"><input type="checkbox" name="remove" value="${m.id}"> remove</label></li>`)}</ul>` : ''}
<label for="file">Attach a file (image, video, audio; at most ${kb(choices.maxUploadBytes)})</label>
<input id="file" name="file" type="file" accept="image/*,video/*,audio/*,text/vcard,text/calendar"${invalid(p, 'file')}>
${fieldError(p, 'file')}
<button type="submit" name="action" value="attach" class="secondary">Attach and preview</button>
</fieldset>
<fieldset><legend>Or a rich template</legend>
<label for="template">Template</label>
<select id="template" name="template"${invalid(p, 'template', 'template-hint')}>${option('', 'none', values.template)}${choices.templates.map((t) => option(t.id, `${t.name} (${t.id})`, values.template))}</select>
<p class="hint" id="template-hint">A template makes the text and media itself: leave Text and attachments empty.</p>
${fieldError(p, 'template')}
<label for="data">Template data (JSON)</label>
<textarea id="data" name="data" rows="3" spellcheck="false"${invalid(p, 'data')}>${values.data}</textarea>
${fieldError(p, 'data')}
</fieldset>
<fieldset><legend>When</legend>
<label for="send_at">Send at (leave empty to send now)</label>
<input id="send_at" name="send_at" type="datetime-local" value="${values.sendAt}"${invalid(p, 'send_at')}>
${fieldError(p, 'send_at')}
<label for="send_zone">Time zone of that time</label>
<select id="send_zone" name="send_zone">${option('utc', 'UTC', values.sendZone)}${option('recipient', 'Each recipient\'s local time', values.sendZone)}</select>
</fieldset>
<button type="submit" name="action" value="send">Send</button>
</form>
${fitTable(fits, values.media)}`);
}

export interface SentRow { to: string; id?: string; problem?: FieldProblem }

/** After sending to several recipients: each one's message, or why it was not sent. */
export function sentPage(frame: PageFrame, rows: readonly SentRow[]): string {
  return layout({ ...frame, title: 'Sent', current: '/dashboard/compose' }, html`
<ul class="compose-sent">${rows.map((r) => html`<li>${r.to}: ${r.id ? html`<a href="/dashboard/messages/${r.id}">${r.id}</a>` : html`<span class="error">${r.problem?.message ?? ''} <code>${r.problem?.code ?? ''}</code></span>`}</li>`)}</ul>
<p><a href="/dashboard/compose">Compose another</a> · <a href="/dashboard/messages">All messages</a></p>`);
}
