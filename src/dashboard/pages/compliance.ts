import { html, type SafeHtml } from '../html.ts';
import { layout, wideTable, errorNote, type PageFrame } from './layout.ts';
import type { ConsentEvent } from '../../compliance/consent/ledger.ts';
import type { Program } from '../../compliance/programs/program-store.ts';
import { utc } from './campaigns-form-parts.ts';

// /dashboard/compliance: the latest opt-outs, the consent lookup's form, and each program's
// quiet hours and caps at a glance; suppressions and programs have their own pages.

export const complianceNav = (): SafeHtml => html`<nav aria-label="Compliance" class="subnav"><ul class="filters"><li><a href="/dashboard/compliance">Opt-outs and lookup</a></li><li><a href="/dashboard/compliance/suppressions">Suppression lists</a></li><li><a href="/dashboard/compliance/programs">Programs and quiet hours</a></li></ul></nav>`;

export function lookupForm(values: { to?: string; from?: string }, problems: Record<string, { message: string; code: string }> = {}): SafeHtml {
  const err = (name: string) => (problems[name] ? html`<p class="field-error" id="err-${name}">${problems[name]!.message} <code>${problems[name]!.code}</code></p>` : '');
  const inv = (name: string) => (problems[name] ? html` aria-invalid="true" aria-describedby="err-${name}"` : '');
  return html`<form method="get" action="/dashboard/compliance/lookup" class="compl-lookup" role="search" aria-label="Consent lookup">
<div><label for="lookup-to">Recipient number</label><input id="lookup-to" name="to" value="${values.to ?? ''}" inputmode="tel" required${inv('to')}>${err('to')}</div>
<div><label for="lookup-from">Sender number (optional: its program)</label><input id="lookup-from" name="from" value="${values.from ?? ''}" inputmode="tel"${inv('from')}>${err('from')}</div>
<button type="submit">Look up</button></form>`;
}

export function consentRows(events: ConsentEvent[], programs: Map<string, string>): SafeHtml {
  return html`${events.map((e) => html`<tr><td>${utc(e.at)}</td><td><a href="/dashboard/compliance/lookup?to=${encodeURIComponent(e.recipient)}">${e.recipient}</a></td><td>${e.type}</td><td>${e.source}${e.keyword ? html` (<code>${e.keyword}</code>)` : ''}</td><td>${e.programId === '' ? 'all programs' : programs.get(e.programId) ?? e.programId}</td><td class="body">${e.wording ?? ''}</td></tr>`)}`;
}

export const consentHead = html`<thead><tr><th scope="col">When (UTC)</th><th scope="col">Number</th><th scope="col">Event</th><th scope="col">How</th><th scope="col">Program</th><th scope="col">Wording or reason</th></tr></thead>`;

export function quietHoursTable(programs: Program[]): SafeHtml {
  return wideTable('Quiet hours and caps by program', html`<table class="quiet-hours"><caption>Quiet hours and caps (recipient local time)</caption><thead><tr><th scope="col">Program</th><th scope="col">Marketing window</th><th scope="col">Transactional too</th><th scope="col">State rules</th><th scope="col">Frequency cap</th></tr></thead>
<tbody>${programs.map((p) => {
    const q = p.settings.quietHours;
    const cap = p.settings.frequencyCap;
    return html`<tr><th scope="row"><a href="/dashboard/compliance/programs/${p.id}">${p.name}</a>${p.isDefault ? ' (default)' : ''}</th><td>${q.start}–${q.end}</td><td>${q.appliesToTransactional ? 'yes' : 'no'}</td><td>${q.stateRules ? 'yes' : 'no'}</td><td>${cap ? `${cap.max} per ${cap.windowHours} h (${cap.action})` : 'none'}</td></tr>`;
  })}</tbody></table>`);
}

export function compliancePage(frame: PageFrame, optOuts: ConsentEvent[], programs: Program[]): string {
  const names = new Map(programs.map((p) => [p.id, p.name]));
  return layout({ ...frame, title: 'Compliance', current: '/dashboard/compliance' }, html`${complianceNav()}
<h2>Consent lookup</h2>${lookupForm({})}
<h2>Recent opt-outs</h2>
${optOuts.length === 0 ? html`<p>No opt-outs yet.</p>` : wideTable('Recent opt-outs', html`<table class="opt-outs"><caption class="visually-hidden">The latest opt-outs, newest first</caption>${consentHead}<tbody>${consentRows(optOuts, names)}</tbody></table>`)}
<h2>Quiet hours</h2>${quietHoursTable(programs)}`);
}

export function lookupErrorPage(frame: PageFrame, values: { to?: string; from?: string }, problems: Record<string, { message: string; code: string }>): string {
  return layout({ ...frame, title: 'Consent lookup', current: '/dashboard/compliance' }, html`${complianceNav()}${errorNote(problems['']?.message, problems['']?.code)}${lookupForm(values, problems)}`);
}
