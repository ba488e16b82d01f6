import { html } from '../html.ts';
import { layout, wideTable, errorNote, type PageFrame } from './layout.ts';
import type { Suppression } from '../../compliance/consent/ledger.ts';
import type { Program } from '../../compliance/programs/program-store.ts';
import { allows } from '../roles.ts';
import { complianceNav } from './compliance.ts';
import { csrfField, fieldError, invalid, selected, utc, type Problems } from './campaigns-form-parts.ts';

// /dashboard/compliance/suppressions: the account's suppression lists (brand-wide and per
// program), filtered by number, keyset-paged; admins add and lift entries.

export interface SuppressionsView {
  rows: Suppression[];
  nextCursor: string | null;
  filter: string;
  programs: Program[];
  values: { to?: string; reason?: string; program_id?: string };
  done?: string;
}

export function suppressionsPage(frame: PageFrame, v: SuppressionsView, p: Problems = {}): string {
  const admin = frame.user !== undefined && allows(frame.user.role, 'admin');
  const names = new Map(v.programs.map((pr) => [pr.id, pr.name]));
  const next = v.nextCursor ? `/dashboard/compliance/suppressions?${new URLSearchParams({ ...(v.filter ? { to: v.filter } : {}), cursor: v.nextCursor }).toString()}` : null;
  return layout({ ...frame, title: 'Suppression lists', current: '/dashboard/compliance' }, html`${complianceNav()}
${v.done ? html`<p role="status">${v.done}</p>` : ''}${errorNote(p['']?.message, p['']?.code)}
<form method="get" action="/dashboard/compliance/suppressions" class="filters" role="search" aria-label="Filter suppressions"><label for="filter-to">Number</label><input id="filter-to" name="to" value="${v.filter}" inputmode="tel"${invalid(p, 'filter')}><button type="submit">Filter</button>${fieldError(p, 'filter')}</form>
${wideTable('Suppressions', html`<table class="suppressions"><caption class="visually-hidden">Suppressed numbers</caption><thead><tr><th scope="col">Number</th><th scope="col">Program</th><th scope="col">Reason</th><th scope="col">How</th><th scope="col">Since (UTC)</th>${admin ? html`<th scope="col"><span class="visually-hidden">Lift</span></th>` : ''}</tr></thead>
<tbody>${v.rows.map((s) => html`<tr><td><a href="/dashboard/compliance/lookup?to=${encodeURIComponent(s.recipient)}">${s.recipient}</a></td><td>${s.programId === null ? 'all programs' : names.get(s.programId) ?? s.programId}</td><td class="body">${s.reason}</td><td>${s.source}</td><td>${utc(s.createdAt)}</td>
${admin ? html`<td><form method="post" action="/dashboard/compliance/suppressions/remove" class="compl-inline-form">${csrfField(frame.csrf)}<input type="hidden" name="to" value="${s.recipient}"><input type="hidden" name="program_id" value="${s.programId ?? ''}"><button type="submit" aria-label="Lift the suppression of ${s.recipient}">Lift</button></form></td>` : ''}</tr>`)}</tbody></table>`)}
${v.rows.length === 0 ? html`<p>No suppressions${v.filter ? ' for this number' : ''}.</p>` : ''}
${next ? html`<p><a href="${next}" rel="next">More</a></p>` : ''}
${admin ? html`<h2>Suppress a number</h2>
<form method="post" action="/dashboard/compliance/suppressions" class="card">${csrfField(frame.csrf)}
<label for="s-to">Number</label><input id="s-to" name="to" value="${v.values.to ?? ''}" inputmode="tel" required${invalid(p, 'to')}>${fieldError(p, 'to')}
<label for="s-program">Program</label><select id="s-program" name="program_id"${invalid(p, 'program_id')}><option value="">all programs (brand-wide)</option>${v.programs.map((pr) => html`<option value="${pr.id}"${selected(v.values.program_id === pr.id)}>${pr.name}</option>`)}</select>${fieldError(p, 'program_id')}
<label for="s-reason">Reason</label><input id="s-reason" name="reason" value="${v.values.reason ?? ''}" maxlength="500" required${invalid(p, 'reason')}>${fieldError(p, 'reason')}
<button type="submit">Suppress</button></form>` : ''}`);
}
