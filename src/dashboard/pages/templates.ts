import { html, type SafeHtml } from '../html.ts';
import { errorNote, layout, wideTable, type PageFrame } from './layout.ts';
import type { TemplateSummary } from '../../rich/templates/template-service.ts';
import type { EngagementStats } from '../../rich/analytics/rich-stats.ts';

// The templates list and one template's engagement (renders, clicks per button, form answers),
// from the same TemplateService and RichStats as /v1/templates.

const when = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);
const percent = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10} %`);

/** The editor / revisions / engagement links of one template. */
export function templateTabs(id: string, current: 'editor' | 'revisions' | 'engagement'): SafeHtml {
  const tabs = [['editor', 'Editor', `/dashboard/templates/${id}`], ['revisions', 'Revisions', `/dashboard/templates/${id}/revisions`], ['engagement', 'Engagement', `/dashboard/templates/${id}/engagement`]] as const;
  return html`<nav aria-label="This template" class="tpl-tabs"><ul>${tabs.map(([key, label, href]) => html`<li><a href="${href}"${key === current ? html` aria-current="page"` : ''}>${label}</a></li>`)}</ul></nav>`;
}

export interface TemplateRow extends TemplateSummary { renders: number; clicks: number }

export function templatesPage(frame: PageFrame, view: { rows: TemplateRow[]; nextCursor: string | null; canCreate: boolean }, error?: { message: string; code: string }): string {
  return layout({ ...frame, title: 'Templates', current: '/dashboard/templates' }, html`
${view.canCreate ? html`<p><a href="/dashboard/templates/new" class="tpl-button">New template</a></p>` : ''}
${errorNote(error?.message, error?.code)}
${wideTable('Templates', html`<table><caption class="visually-hidden">Templates, newest first</caption><thead><tr><th scope="col">Name</th><th scope="col">Latest revision</th><th scope="col">Updated (UTC)</th><th scope="col">Renders</th><th scope="col">Clicks</th></tr></thead>
<tbody>${view.rows.map((t) => html`<tr><td class="body"><a href="/dashboard/templates/${t.id}">${t.name}</a></td><td><a href="/dashboard/templates/${t.id}/revisions">${t.latestRevision}</a></td><td><time datetime="${new Date(t.updatedAt).toISOString()}">${when(t.updatedAt)}</time></td><td>${t.renders}</td><td><a href="/dashboard/templates/${t.id}/engagement">${t.clicks}</a></td></tr>`)}</tbody></table>`)}
${view.rows.length === 0 ? html`<p>No templates yet.</p>` : ''}
${view.nextCursor ? html`<p><a href="/dashboard/templates?${new URLSearchParams({ cursor: view.nextCursor }).toString()}" rel="next">Older templates</a></p>` : ''}`);
}

export function engagementPage(frame: PageFrame, t: TemplateSummary, s: EngagementStats): string {
  return layout({ ...frame, title: `Engagement: ${t.name}`, current: '/dashboard/templates' }, html`
${templateTabs(t.id, 'engagement')}
<dl class="facts"><dt>Messages sent</dt><dd>${s.messages}</dd><dt>Opened</dt><dd>${s.opened_messages} (${percent(s.open_rate)}), ${s.opens} opens</dd>
<dt>Renders</dt><dd>${s.renders.ok} ok, ${s.renders.failed} failed (${percent(s.renders.success_rate)} success)${s.renders.median_ms !== null ? html`, median ${s.renders.median_ms} ms` : ''}</dd>
<dt>Form answers</dt><dd>${s.forms.reduce((n, f) => n + f.submissions, 0)}</dd><dt>Quick replies</dt><dd>${s.quick_replies}</dd><dt>Postbacks</dt><dd>${s.postbacks}</dd></dl>
<h2>Clicks per button</h2>
${s.actions.length === 0 ? html`<p>No clicks yet.</p>` : wideTable('Clicks per button', html`<table><caption class="visually-hidden">Clicks per button</caption><thead><tr><th scope="col">Button or link</th><th scope="col">Clicks</th><th scope="col">Messages</th><th scope="col">Click-through</th></tr></thead>
<tbody>${s.actions.map((a) => html`<tr><td><code>${a.action_id}</code></td><td>${a.clicks}</td><td>${a.unique_messages}</td><td>${percent(a.click_through_rate)}</td></tr>`)}</tbody></table>`)}
<h2>Form answers</h2>
${s.forms.length === 0 ? html`<p>No answers yet.</p>` : wideTable('Form answers', html`<table><caption class="visually-hidden">Answers per form</caption><thead><tr><th scope="col">Form</th><th scope="col">Answers</th></tr></thead>
<tbody>${s.forms.map((f) => html`<tr><td><code>${f.form_id}</code></td><td>${f.submissions}</td></tr>`)}</tbody></table>`)}
${s.opens_by_revision.length > 0 ? html`<h2>Opens per revision</h2><ul>${s.opens_by_revision.map((r) => html`<li>Revision ${r.revision}: ${r.opens}</li>`)}</ul>` : ''}`);
}

/** A template that is not there (another account's, a wrong id or revision): the code and a way back. */
export function templateProblemPage(frame: PageFrame, p: { message: string; code: string }): string {
  return layout({ ...frame, title: 'Templates', current: '/dashboard/templates' }, html`${errorNote(p.message, p.code)}<p><a href="/dashboard/templates">All templates</a></p>`);
}
