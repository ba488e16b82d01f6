import { html } from '../html.ts';
import { layout, wideTable, type PageFrame } from './layout.ts';
import type { StandingReport } from '../../compliance/standing-report.ts';
import { complianceNav, consentHead, consentRows, lookupForm } from './compliance.ts';
import { utc } from './campaigns-form-parts.ts';

// /dashboard/compliance/lookup?to=…: one recipient's standing, from the send path's own checks
// (src/compliance/standing-report.ts): would a marketing message be accepted, are they
// suppressed, their consent history, quiet hours in their zones now, and the caps.

export function lookupPage(frame: PageFrame, r: StandingReport, programs: Map<string, string>): string {
  const { settings } = r.program;
  const q = r.quietHours;
  const cap = settings.frequencyCap;
  return layout({ ...frame, title: `Consent: ${r.to}`, current: '/dashboard/compliance' }, html`${complianceNav()}${lookupForm({ to: r.to, from: r.from })}
<h2>Standing</h2>
<dl class="compl-standing">
<dt>Program</dt><dd><a href="/dashboard/compliance/programs/${r.program.id}">${r.program.name}</a>${r.from === '' ? ' (the default program: no sender given)' : ` (of sender ${r.from})`}</dd>
<dt>A marketing message now</dt><dd class="accept">${r.acceptRefusal === null ? html`<span class="compl-ok">would be accepted</span>` : html`<span class="compl-warn">refused</span> <code>${r.acceptRefusal}</code>`}</dd>
<dt>Suppressed</dt><dd class="suppressed">${r.suppressed ? html`<span class="compl-warn">yes</span>` : html`<span class="compl-ok">no</span>`}</dd>
<dt>Latest consent</dt><dd>${r.latest ? `${r.latest.type}${r.latest.confirmed ? ' (confirmed)' : ''}` : 'none on record'}</dd>
<dt>Consent required for marketing</dt><dd>${settings.requireConsentForMarketing ? 'yes' : 'no'}${settings.doubleOptIn ? '; double opt-in' : ''}</dd>
<dt>Quiet hours</dt><dd class="quiet">${q.stop === undefined ? html`<span class="compl-ok">open now</span>` : html`<span class="compl-warn">closed now</span>${q.stop.kind === 'defer' ? ` until ${utc(q.stop.until)} UTC` : ''}`}: marketing ${q.window} in ${q.zones.join(', ')}; now ${q.localNow.join(', ')}${q.notes.length > 0 ? ` (${q.notes.join('; ')})` : ''}</dd>
<dt>Frequency caps</dt><dd class="caps">${r.caps.rules.length === 0 ? 'none apply' : html`${r.caps.rules.map((rule) => `${rule.source}: ${rule.max} per ${rule.windowMs / 3_600_000} h (${rule.action})`).join('; ')}; ${r.caps.sentInLongestWindow} sent in the window${r.caps.stop ? html` — <span class="compl-warn">${r.caps.stop.kind === 'fail' ? 'the next would fail' : 'the next would be held'}</span>` : ''}`}${cap === null && r.caps.rules.length > 0 ? ' (the program has no cap of its own)' : ''}</dd>
</dl>
<h2>Suppressions</h2>
${r.suppressions.length === 0 ? html`<p>On no suppression list.</p>` : wideTable('Suppressions of this number', html`<table><thead><tr><th scope="col">Program</th><th scope="col">Reason</th><th scope="col">How</th><th scope="col">Since (UTC)</th></tr></thead>
<tbody>${r.suppressions.map((s) => html`<tr><td>${s.programId === null ? 'all programs' : programs.get(s.programId) ?? s.programId}</td><td class="body">${s.reason}</td><td>${s.source}</td><td>${utc(s.createdAt)}</td></tr>`)}</tbody></table>`)}
<h2>Consent history</h2>
${r.history.length === 0 ? html`<p>No consent events.</p>` : wideTable('Consent history', html`<table class="history"><caption class="visually-hidden">Consent events, newest first</caption>${consentHead}<tbody>${consentRows(r.history, programs)}</tbody></table>`)}
<p><a href="/dashboard/compliance">Compliance</a></p>`);
}
