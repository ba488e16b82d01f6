import { html, type SafeHtml } from '../html.ts';
import { layout, type PageFrame } from './layout.ts';
import { VARIANT_ROWS, type WizardValues } from '../campaign-form.ts';
import { checked, csrfField, fieldError, invalid, selected, type Problems } from './campaigns-form-parts.ts';

// /dashboard/campaigns/new: one form in numbered steps (audience, sender, content, schedule, an
// optional A/B test), posted as a whole so it works without JavaScript; it makes a draft and
// leads to the dry-run summary, where the campaign is started.

export interface WizardChoices {
  lists: Array<{ id: string; name: string; members: number }>;
  segments: Array<{ id: string; name: string }>;
  numbers: string[];
  services: Array<{ id: string; name: string }>;
  /** The account's saved rich templates, for "Content: a template". */
  templates: Array<{ id: string; name: string }>;
}

export const EMPTY_WIZARD: WizardValues = { fields: { content: 'body', category: 'marketing', track_links: '1', schedule: 'now', send_rate: '10', test_percent: '20', window_minutes: '240', metric: 'clicks' }, lists: [], segments: [], excludeLists: [] };

function input(p: Problems, v: WizardValues, name: string, label: string, attrs: SafeHtml = html``, hint?: string): SafeHtml {
  const hintId = `hint-${name}`;
  return html`<label for="f-${name}">${label}</label>${hint ? html`<small id="${hintId}">${hint}</small>` : ''}
<input id="f-${name}" name="${name}" value="${v.fields[name] ?? ''}"${attrs}${invalid(p, name)}>${fieldError(p, name)}`;
}

function step(n: number, title: string, body: SafeHtml): SafeHtml {
  return html`<fieldset class="camp-step"><legend>Step ${n} of 5: ${title}</legend>${body}</fieldset>`;
}

export function wizardPage(frame: PageFrame, choices: WizardChoices, v: WizardValues, p: Problems): string {
  const f = v.fields;
  const ab = f.ab === '1';
  const boxes = (name: string, chosen: string[], items: Array<{ id: string; name: string; members?: number }>) => items.length === 0
    ? html`<p>None yet.</p>`
    : html`<ul class="camp-choices">${items.map((item) => html`<li><input type="checkbox" id="${name}-${item.id}" name="${name}" value="${item.id}"${checked(chosen.includes(item.id))}> <label for="${name}-${item.id}">${item.name}${item.members !== undefined ? html` <span class="muted">(${item.members})</span>` : ''}</label></li>`)}</ul>`;
  return layout({ ...frame, title: 'New campaign', current: '/dashboard/campaigns' }, html`
${p[''] ? html`<p class="error" role="alert">${p['']!.message} <code>${p['']!.code}</code></p>` : Object.keys(p).length > 0 ? html`<p class="error" role="alert">The campaign was not saved: see the fields marked below.</p>` : ''}
<form method="post" action="/dashboard/campaigns/new" class="camp-wizard" novalidate>${csrfField(frame.csrf)}
${input(p, v, 'name', 'Campaign name', html` required maxlength="200"`)}
${step(1, 'Audience', html`
<div role="group" aria-label="Lists and segments"${p.audience ? html` aria-describedby="err-audience"` : ''}><h3 class="camp-sub">Lists</h3>${boxes('lists', v.lists, choices.lists.map((l) => ({ id: l.id, name: l.name, members: l.members })))}
<h3 class="camp-sub">Segments</h3>${boxes('segments', v.segments, choices.segments)}</div>${fieldError(p, 'audience')}
<details${v.excludeLists.length > 0 ? html` open` : ''}><summary>Leave out members of lists</summary>${boxes('exclude_lists', v.excludeLists, choices.lists)}</details>${fieldError(p, 'exclude_lists')}`)}
${step(2, 'Sender', html`
${input(p, v, 'from', 'From number', html` inputmode="tel" list="own-numbers" autocomplete="off"`, 'E.164, such as +14155550199')}
<datalist id="own-numbers">${choices.numbers.map((n) => html`<option value="${n}"></option>`)}</datalist>
<label for="f-messaging_service_id">Or a messaging service</label><select id="f-messaging_service_id" name="messaging_service_id"${invalid(p, 'messaging_service_id')}><option value="">none</option>${choices.services.map((s) => html`<option value="${s.id}"${selected(f.messaging_service_id === s.id)}>${s.name}</option>`)}</select>${fieldError(p, 'messaging_service_id')}
<label for="f-category">Category</label><select id="f-category" name="category"><option value="marketing"${selected(f.category !== 'transactional')}>marketing (consent, quiet hours and caps apply)</option><option value="transactional"${selected(f.category === 'transactional')}>transactional</option></select>`)}
${step(3, 'Content', html`
<div role="radiogroup" aria-labelledby="content-label"><span id="content-label" class="sub">Content</span>
<p><input type="radio" id="c-body" name="content" value="body"${checked(f.content !== 'template')}> <label for="c-body">A message with merge fields</label></p>
<p><input type="radio" id="c-template" name="content" value="template"${checked(f.content === 'template')}> <label for="c-template">A rich template</label></p></div>
<label for="f-template">Template</label><small id="hint-template">Each recipient's data is the fixed data below with <code>contact</code> set to their contact: {{ contact.name }}, {{ contact.phone }}, {{ contact.attributes.plan }}, …</small>
<select id="f-template" name="template" aria-describedby="hint-template${p.template ? ' err-template' : ''}"${p.template ? html` aria-invalid="true"` : ''}><option value="">choose a template</option>${choices.templates.map((t) => html`<option value="${t.id}"${selected(f.template === t.id)}>${t.name} (${t.id})</option>`)}</select>${fieldError(p, 'template')}
<label for="f-template_data">Fixed data for the template (JSON, optional)</label>
<textarea id="f-template_data" name="template_data" rows="3" maxlength="32000"${invalid(p, 'template_data')}>${f.template_data ?? ''}</textarea>${fieldError(p, 'template_data')}
<label for="f-body">Message</label><small id="hint-body">Merge fields: {{ contact.name | default: "there" }}, {{ contact.attributes.plan }}, {{ contact.phone }}. Leave empty with an A/B test or a template.</small>
<textarea id="f-body" name="body" rows="4" maxlength="1600" aria-describedby="hint-body${p.body ? ' err-body' : ''}"${p.body ? html` aria-invalid="true"` : ''}>${f.body ?? ''}</textarea>${fieldError(p, 'body')}
<p><input type="checkbox" id="f-track_links" name="track_links" value="1"${checked(f.track_links === '1')}> <label for="f-track_links">Count link clicks (short links)</label></p>`)}
${step(4, 'Schedule', html`
<div role="radiogroup" aria-labelledby="schedule-label"><span id="schedule-label" class="camp-sub">When</span>
<p><input type="radio" id="s-now" name="schedule" value="now"${checked(f.schedule !== 'at' && f.schedule !== 'local')}> <label for="s-now">As soon as it is started</label></p>
<p><input type="radio" id="s-at" name="schedule" value="at"${checked(f.schedule === 'at')}> <label for="s-at">At a time (UTC)</label></p>
<p><input type="radio" id="s-local" name="schedule" value="local"${checked(f.schedule === 'local')}> <label for="s-local">At a local time in each recipient's zone</label></p></div>
${input(p, v, 'send_at', 'Start at (UTC)', html` type="datetime-local"`)}
${input(p, v, 'send_at_local', 'Recipients\' local time', html` type="datetime-local"`)}
${input(p, v, 'fallback_zone', 'Zone for recipients porm cannot place', html` placeholder="UTC" autocomplete="off"`)}
${input(p, v, 'send_rate', 'Messages per second', html` type="number" min="1" max="100000" inputmode="numeric"`)}`)}
${step(5, 'A/B test (optional)', html`
<p><input type="checkbox" id="f-ab" name="ab" value="1"${checked(ab)}${invalid(p, 'ab')}> <label for="f-ab">Test variants of the message first</label></p>${fieldError(p, 'ab')}
<div class="camp-variants">${Array.from({ length: VARIANT_ROWS }, (_, i) => html`<fieldset class="camp-variant"><legend>Variant ${i + 1}${i < 2 ? '' : ' (optional)'}</legend>
${input(p, v, `v${i}_name`, 'Name', html` maxlength="32"`)}
<label for="f-v${i}_body">Message</label><textarea id="f-v${i}_body" name="v${i}_body" rows="2" maxlength="1600"${invalid(p, `v${i}_body`)}>${f[`v${i}_body`] ?? ''}</textarea>${fieldError(p, `v${i}_body`)}
${input(p, v, `v${i}_weight`, 'Weight (1–100)', html` type="number" min="1" max="100" inputmode="numeric"`)}</fieldset>`)}</div>
${input(p, v, 'test_percent', 'Share of the audience in the test (%)', html` type="number" min="1" max="100" inputmode="numeric"`)}
<label for="f-metric">The winner has the most</label><select id="f-metric" name="metric"><option value="clicks"${selected(f.metric !== 'conversions')}>clicks</option><option value="conversions"${selected(f.metric === 'conversions')}>conversions</option></select>
${input(p, v, 'window_minutes', 'Test window (minutes)', html` type="number" min="5" max="10080" inputmode="numeric"`)}`)}
<p><button type="submit">Save draft and review (dry run)</button></p>
</form>`);
}
