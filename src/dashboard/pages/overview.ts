import { html } from '../html.ts';
import { layout, wideTable, type PageFrame } from './layout.ts';

const SHOWN = ['queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed'] as const;

function rate(counts: Record<string, number>): string {
  const done = (counts.delivered ?? 0) + (counts.undelivered ?? 0) + (counts.failed ?? 0);
  return done === 0 ? '—' : `${(((counts.delivered ?? 0) / done) * 100).toFixed(1)} %`;
}

export function overviewPage(frame: PageFrame, today: Record<string, number>, week: Record<string, number>): string {
  const table = (caption: string, counts: Record<string, number>) => wideTable(caption, html`<table><caption>${caption}</caption>
<thead><tr>${SHOWN.map((s) => html`<th scope="col">${s}</th>`)}<th scope="col">delivery rate</th></tr></thead>
<tbody><tr>${SHOWN.map((s) => html`<td>${counts[s] ?? 0}</td>`)}<td>${rate(counts)}</td></tr></tbody></table>`);
  return layout({ ...frame, title: 'Overview', current: '/dashboard' }, html`${table('Today (UTC)', today)}${table('Last 7 days', week)}`);
}
