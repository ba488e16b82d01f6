import { html, type SafeHtml } from '../html.ts';
import { layout, wideTable, errorNote, type PageFrame } from './layout.ts';
import type { Campaign } from '../../campaigns/model.ts';
import type { Progress } from '../campaign-progress.ts';
import { allows } from '../roles.ts';
import { utc } from './campaigns-form-parts.ts';

// /dashboard/campaigns: every campaign, newest first, with its status and how far it has got.

export function progressBar(p: Progress, label: string): SafeHtml {
  return html`<progress max="100" value="${p.percent}" aria-label="${label}">${p.percent}%</progress> <span class="camp-progress-text">${p.handled} of ${p.total} (${p.percent}%)</span>`;
}

export const statusBadge = (status: string): SafeHtml => html`<span class="status status-${status}">${status}</span>`;

export function campaignsPage(frame: PageFrame, rows: Array<{ campaign: Campaign; progress: Progress }>, nextCursor: string | null, error?: { message: string; code: string }): string {
  const member = frame.user !== undefined && allows(frame.user.role, 'member');
  return layout({ ...frame, title: 'Campaigns', current: '/dashboard/campaigns' }, html`
${member ? html`<p><a class="button" href="/dashboard/campaigns/new">New campaign</a></p>` : ''}
${errorNote(error?.message, error?.code)}
${wideTable('Campaigns', html`<table><caption class="visually-hidden">Campaigns, newest first</caption><thead><tr><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Created (UTC)</th><th scope="col">Progress</th></tr></thead>
<tbody>${rows.map(({ campaign: c, progress }) => html`<tr><td><a href="/dashboard/campaigns/${c.id}${c.status === 'draft' ? '/review' : ''}">${c.name}</a></td><td>${statusBadge(c.status)}</td><td>${utc(c.createdAt)}</td><td>${progressBar(progress, `${c.name}: recipients handled`)}</td></tr>`)}</tbody></table>`)}
${rows.length === 0 ? html`<p>No campaigns yet.</p>` : ''}
${nextCursor ? html`<p><a href="/dashboard/campaigns?cursor=${nextCursor}" rel="next">Older campaigns</a></p>` : ''}`);
}
