import { html } from '../html.ts';
import { layout, wideTable, errorNote, type PageFrame } from './layout.ts';
import type { Program } from '../../compliance/programs/program-store.ts';
import type { ProgramForm } from '../program-form.ts';
import { allows } from '../roles.ts';
import { complianceNav, quietHoursTable } from './compliance.ts';
import { checked, csrfField, fieldError, invalid, selected, utc, type Problems } from './campaigns-form-parts.ts';

// /dashboard/compliance/programs: programs with their quiet hours and caps; one program's
// settings, which admins change through ProgramService.update (the API's PATCH).

export function programsPage(frame: PageFrame, programs: Program[], error?: { message: string; code: string }): string {
  return layout({ ...frame, title: 'Programs', current: '/dashboard/compliance' }, html`${complianceNav()}${errorNote(error?.message, error?.code)}
<p>A program is one messaging use case; each number belongs to one (the default otherwise). Its settings decide consent, quiet hours and caps.</p>
${quietHoursTable(programs)}`);
}

export function programPage(frame: PageFrame, p: Program, form: ProgramForm, problems: Problems = {}, saved = false): string {
  const admin = frame.user !== undefined && allows(frame.user.role, 'admin');
  const s = p.settings;
  const box = (name: keyof ProgramForm, label: string) => html`<p><input type="checkbox" id="p-${name}" name="${name}" value="1"${checked(form[name] === '1')}${admin ? '' : html` disabled`}> <label for="p-${name}">${label}</label></p>`;
  const text = (name: keyof ProgramForm, label: string, attrs = html``) => html`<label for="p-${name}">${label}</label><input id="p-${name}" name="${name}" value="${form[name] ?? ''}"${attrs}${admin ? '' : html` readonly`}${invalid(problems, name)}>${fieldError(problems, name)}`;
  return layout({ ...frame, title: `Program: ${p.name}`, current: '/dashboard/compliance' }, html`${complianceNav()}
${saved ? html`<p role="status">Saved.</p>` : ''}${errorNote(problems['']?.message, problems['']?.code)}
<dl class="facts"><dt>Id</dt><dd><code>${p.id}</code></dd><dt>Default</dt><dd>${p.isDefault ? 'yes' : 'no'}</dd><dt>Updated (UTC)</dt><dd>${utc(p.updatedAt)}</dd>
<dt>Keywords added</dt><dd>${[...s.keywords.optOut, ...s.keywords.optIn, ...s.keywords.help].join(', ') || 'none (the built-in STOP, START, HELP always work)'}</dd><dt>Reply languages</dt><dd>${Object.keys(s.replies).join(', ')} (default ${s.defaultLanguage})</dd></dl>
<form method="post" action="/dashboard/compliance/programs/${p.id}" class="camp-wizard">${csrfField(frame.csrf)}
${text('name', 'Name', html` maxlength="64"`)}
<fieldset class="camp-step"><legend>Consent</legend>${box('require_consent_for_marketing', 'Marketing needs an opt-in on record')}${box('double_opt_in', 'Double opt-in (the recipient confirms with YES)')}${box('brand_wide_suppression', 'An opt-out here suppresses every program')}</fieldset>
<fieldset class="camp-step"><legend>Quiet hours (recipient local time)</legend>${text('quiet_start', 'Marketing from (HH:MM)', html` inputmode="numeric" maxlength="5"`)}${text('quiet_end', 'until (HH:MM)', html` inputmode="numeric" maxlength="5"`)}
${box('applies_to_transactional', 'Transactional messages too')}${box('state_rules', 'Stricter US state rules (FL, OK, MD, CT, WA) by area code')}</fieldset>
<fieldset class="camp-step"><legend>Frequency cap (marketing)</legend><small>Leave both numbers empty for no cap.</small>${text('cap_max', 'At most', html` type="number" min="1" max="1000" inputmode="numeric"`)}${text('cap_window_hours', 'messages per hours', html` type="number" min="1" max="744" inputmode="numeric"`)}
<label for="p-cap_action">Over the cap</label><select id="p-cap_action" name="cap_action"${admin ? '' : html` disabled`}><option value="hold"${selected(form.cap_action !== 'fail')}>hold until allowed</option><option value="fail"${selected(form.cap_action === 'fail')}>fail the message</option></select></fieldset>
${admin ? html`<p><button type="submit">Save settings</button></p>` : html`<p>Only admins change programs.</p>`}
</form>
${wideTable('Replies', html`<table><caption>Keyword replies</caption><thead><tr><th scope="col">Language</th><th scope="col">STOP</th><th scope="col">HELP</th></tr></thead><tbody>${Object.entries(s.replies).map(([lang, r]) => html`<tr><td>${lang}</td><td class="body">${r.optOut}</td><td class="body">${r.help}</td></tr>`)}</tbody></table>`)}
<p><a href="/dashboard/compliance/programs">All programs</a></p>`);
}
