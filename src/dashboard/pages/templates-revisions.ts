import { html, type SafeHtml } from '../html.ts';
import { errorNote, layout, wideTable, type PageFrame } from './layout.ts';
import type { TemplateRevision, TemplateSummary } from '../../rich/templates/template-service.ts';
import type { RevisionDiff } from '../template-diff.ts';
import { templateTabs } from './templates.ts';

// A template's revisions, and the lines that changed between two of them. Added and removed
// lines carry a + or − sign and the words "added"/"removed" for screen readers, never colour only.

const when = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);

export interface RevisionsView {
  template: TemplateSummary;
  revisions: Array<Omit<TemplateRevision, 'document'>>;
  from: number | null;
  to: number | null;
  diff: RevisionDiff | null;
}

function select(name: 'from' | 'to', label: string, v: RevisionsView): SafeHtml {
  const chosen = name === 'from' ? v.from : v.to;
  return html`<label for="rev-${name}">${label}</label> <select id="rev-${name}" name="${name}">${v.revisions.map((r) => html`<option value="${r.revision}"${r.revision === chosen ? html` selected` : ''}>${r.revision}</option>`)}</select>`;
}

function diffTable(v: RevisionsView, diff: RevisionDiff): SafeHtml {
  if (diff.tooLarge) return html`<p>These revisions differ too much to show line by line.</p>`;
  if (diff.added === 0 && diff.removed === 0) return html`<p>Revisions ${v.from} and ${v.to} have the same document.</p>`;
  return wideTable(`Changes from revision ${v.from ?? ''} to ${v.to ?? ''}`, html`<table class="diff"><caption>Revision ${v.from} → ${v.to}: ${diff.added} line${diff.added === 1 ? '' : 's'} added, ${diff.removed} removed</caption>
<thead><tr><th scope="col">${v.from}</th><th scope="col">${v.to}</th><th scope="col"><span class="visually-hidden">Change</span></th><th scope="col">Line</th></tr></thead>
<tbody>${diff.rows.map((r) => r.kind === 'folded'
    ? html`<tr class="diff-folded"><td colspan="4">… ${r.count} unchanged line${r.count === 1 ? '' : 's'}</td></tr>`
    : html`<tr class="diff-${r.kind}"><td class="diff-no">${r.oldLine ?? ''}</td><td class="diff-no">${r.newLine ?? ''}</td><td class="diff-mark">${r.kind === 'added' ? html`<span aria-hidden="true">+</span><span class="visually-hidden">added</span>` : r.kind === 'removed' ? html`<span aria-hidden="true">−</span><span class="visually-hidden">removed</span>` : ''}</td><td><code class="diff-text">${r.text}</code></td></tr>`)}</tbody></table>`);
}

export function revisionsPage(frame: PageFrame, v: RevisionsView, error?: { message: string; code: string }): string {
  const t = v.template;
  return layout({ ...frame, title: `Revisions: ${t.name}`, current: '/dashboard/templates' }, html`
${templateTabs(t.id, 'revisions')}
${errorNote(error?.message, error?.code)}
${wideTable('Revisions', html`<table><caption class="visually-hidden">Revisions, newest first</caption><thead><tr><th scope="col">Revision</th><th scope="col">Saved (UTC)</th><th scope="col">What changed</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody>${v.revisions.map((r) => html`<tr><td>${r.revision}${r.revision === t.latestRevision ? ' (latest)' : ''}</td><td><time datetime="${new Date(r.createdAt).toISOString()}">${when(r.createdAt)}</time></td><td class="body">${r.note ?? ''}</td>
<td>${r.revision > 1 ? html`<a href="/dashboard/templates/${t.id}/revisions?from=${r.revision - 1}&amp;to=${r.revision}">Changes</a> · ` : ''}<a href="/dashboard/templates/${t.id}?revision=${r.revision}">Open</a></td></tr>`)}</tbody></table>`)}
${v.revisions.length > 1 ? html`<h2>Compare</h2><form method="get" action="/dashboard/templates/${t.id}/revisions" class="filters">${select('from', 'From revision', v)} ${select('to', 'to revision', v)} <button type="submit">Compare</button></form>` : ''}
${v.diff ? diffTable(v, v.diff) : ''}`);
}
