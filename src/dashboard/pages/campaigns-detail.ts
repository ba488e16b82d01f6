import { html, type SafeHtml } from '../html.ts';
import { layout, wideTable, errorNote, type PageFrame } from './layout.ts';
import type { Campaign, CampaignStats } from '../../campaigns/model.ts';
import type { CampaignFigures } from '../../campaigns/analytics.ts';
import type { Progress } from '../campaign-progress.ts';
import { allows } from '../roles.ts';
import { csrfField, utc } from './campaigns-form-parts.ts';
import { progressBar, statusBadge } from './campaigns.ts';

// /dashboard/campaigns/{id}: a campaign's live progress (web/dashboard/campaign-live.ts polls
// progress.json and reloads the page when the status moves; without it, the Refresh link), its
// moves, its figures, the A/B test's results and a chart of its series (web/dashboard/
// campaign-chart.ts draws it with uPlot from the table that follows it, which is the chart's
// text alternative and stays on the page).

export interface CampaignView {
  campaign: Campaign;
  stats: CampaignStats;
  progress: Progress;
  figures: CampaignFigures;
  variants: ReadonlyArray<readonly [string, CampaignFigures]> | undefined;
}

/** Which moves a status allows (the service refuses the others with PORM_CAMPAIGN_BAD_TRANSITION). */
const MOVES: Record<string, ReadonlyArray<'pause' | 'resume' | 'cancel'>> = {
  scheduled: ['pause', 'cancel'], sending: ['pause', 'cancel'], testing: ['pause', 'cancel'], paused: ['resume', 'cancel'],
};
const MOVE_LABEL = { pause: 'Pause', resume: 'Resume', cancel: 'Cancel campaign' } as const;
export const FINAL_STATUSES = ['completed', 'canceled'];

const rate = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

function figuresList(f: CampaignFigures): SafeHtml {
  return html`<dl class="camp-figures">
<div><dt>Sent</dt><dd data-figure="sent">${f.sent}</dd></div><div><dt>Delivered</dt><dd data-figure="delivered">${f.delivered} <small>${rate(f.deliveryRate)}</small></dd></div>
<div><dt>Failed</dt><dd data-figure="failed">${f.failed.total}</dd></div><div><dt>Clicks</dt><dd data-figure="clicks">${f.clicks.unique} <small>${f.clicks.total} taps, ${rate(f.clickThroughRate)}</small></dd></div>
<div><dt>Conversions</dt><dd data-figure="conversions">${f.conversions}</dd></div><div><dt>Opt-outs</dt><dd data-figure="opt_outs">${f.optOuts} <small>${rate(f.optOutRate)}</small></dd></div>
<div><dt>Replies</dt><dd>${f.replies}</dd></div></dl>
${Object.keys(f.failed.byCode).length > 0 ? html`<p>Failures by code: ${Object.entries(f.failed.byCode).map(([code, n]) => html`<code>${code}</code> ${n} `)}</p>` : ''}
${Object.keys(f.revenue).length > 0 ? html`<p>Revenue: ${Object.entries(f.revenue).map(([cur, v]) => `${v} ${cur}`).join(', ')}</p>` : ''}`;
}

function abSection(c: Campaign, variants: CampaignView['variants']): SafeHtml {
  if (c.ab === null) return html``;
  const { test, winner, results, testEndsAt } = c.ab;
  const result = (name: string) => results?.find((r) => r.name === name);
  const figures = new Map(variants ?? []);
  return html`<h2>A/B test</h2>
<p>${winner ? html`Winner: <strong class="winner">${winner}</strong>, chosen by ${test.metric}.` : test.testPercent === 100 ? 'The whole audience is split between the variants; there is no winner phase.' : testEndsAt ? `The test ends at ${utc(testEndsAt)} UTC; then the variant with the most ${test.metric} goes to everyone else.` : `The test goes to ${test.testPercent}% of the audience first.`}</p>
${wideTable('A/B results', html`<table class="ab-results"><caption class="visually-hidden">Each variant's figures</caption><thead><tr><th scope="col">Variant</th><th scope="col">Sent</th><th scope="col">Delivered</th><th scope="col">Clicks</th><th scope="col">Conversions</th><th scope="col">Opt-outs</th><th scope="col">Rate at the choice</th></tr></thead>
<tbody>${test.variants.map((v) => {
    const f = figures.get(v.name);
    const r = result(v.name);
    return html`<tr${v.name === winner ? html` class="camp-winner-row"` : ''}><th scope="row">${v.name}${v.name === winner ? html` <span class="camp-badge">winner</span>` : ''}</th><td>${f?.sent ?? 0}</td><td>${f?.delivered ?? 0}</td><td>${f?.clicks.unique ?? 0}</td><td>${f?.conversions ?? 0}</td><td>${f?.optOuts ?? 0}</td><td>${r ? `${r.successes} of ${r.recipients} (${rate(r.rate)})` : '—'}</td></tr>`;
  })}</tbody></table>`)}`;
}

function seriesSection(f: CampaignFigures): SafeHtml {
  const unit = f.interval === 'hour' ? 'hour' : 'day';
  return html`<h2 id="series-heading">Over time (by ${unit}, UTC)</h2>
${f.series.length === 0 ? html`<p>Nothing has happened yet.</p>` : html`<figure class="camp-chart" aria-labelledby="series-heading">
<div class="camp-chart-canvas" data-chart-for="series-table" role="img" aria-label="Line chart of messages sent and delivered, clicks, opt-outs and conversions by ${unit}; the table below has the same figures"></div>
<figcaption><ul class="camp-chart-key"><li class="camp-key-sent">sent</li><li class="camp-key-delivered">delivered</li><li class="camp-key-clicks">clicks</li><li class="camp-key-opt_outs">opt-outs</li><li class="camp-key-conversions">conversions</li></ul></figcaption></figure>
${wideTable('Figures over time', html`<table id="series-table" class="series" data-step="${f.interval === 'hour' ? 3600 : 86400}"><caption>Figures by ${unit}</caption><thead><tr><th scope="col">From (UTC)</th><th scope="col">Sent</th><th scope="col">Delivered</th><th scope="col">Clicks</th><th scope="col">Opt-outs</th><th scope="col">Conversions</th></tr></thead>
<tbody>${f.series.map((b) => html`<tr data-t="${Math.floor(b.start / 1000)}"><th scope="row">${utc(b.start)}</th><td>${b.sent}</td><td>${b.delivered}</td><td>${b.clicks}</td><td>${b.optOuts}</td><td>${b.conversions}</td></tr>`)}</tbody></table>`)}`}`;
}

export function campaignPage(frame: PageFrame, view: CampaignView, error?: { message: string; code: string }): string {
  const { campaign: c, stats, progress } = view;
  const member = frame.user !== undefined && allows(frame.user.role, 'member');
  const live = !FINAL_STATUSES.includes(c.status) && c.status !== 'draft';
  const excluded = Object.entries(stats.excluded);
  return layout({ ...frame, title: c.name, current: '/dashboard/campaigns' }, html`
${errorNote(error?.message, error?.code)}
<section class="live" aria-labelledby="progress-heading"${live ? html` data-live="/dashboard/campaigns/${c.id}/progress.json" data-status="${c.status}"` : ''}>
<h2 id="progress-heading">Progress</h2>
<p role="status" aria-live="polite">Status: <span data-live-field="status">${statusBadge(c.status)}</span> · ${progressBar(progress, 'Recipients handled')}</p>
<p>Messages accepted: <span data-live-field="queued">${progress.queued}</span>${excluded.length > 0 ? html` · excluded: ${excluded.map(([code, n]) => html`<code>${code}</code> ${n} `)}` : ''}</p>
<p class="messages-by-status">Their messages: <span data-live-field="messages">${Object.entries(stats.messages).map(([s, n]) => `${s} ${n}`).join(', ') || 'none yet'}</span></p>
${live ? html`<p><a href="/dashboard/campaigns/${c.id}">Refresh</a></p>` : ''}
</section>
${c.status === 'draft' ? html`<p><a href="/dashboard/campaigns/${c.id}/review">Review the dry run${member ? ' and start' : ''}</a></p>` : ''}
${member && MOVES[c.status] ? html`<div class="actions">${MOVES[c.status]!.map((move) => html`<form method="post" action="/dashboard/campaigns/${c.id}/${move}">${csrfField(frame.csrf)}<button type="submit"${move === 'cancel' ? html` class="secondary"` : ''}>${MOVE_LABEL[move]}</button></form>`)}</div>` : ''}
<dl class="facts"><dt>Id</dt><dd><code>${c.id}</code></dd><dt>From</dt><dd>${c.from ?? c.messagingServiceId ?? '—'}</dd><dt>Category</dt><dd>${c.category}</dd>
<dt>Started</dt><dd>${utc(c.startedAt)}</dd><dt>Finished</dt><dd>${utc(c.finishedAt)}</dd>${c.sendAtLocal !== null ? html`<dt>Local time</dt><dd>${c.sendAtLocal}${stats.late !== undefined ? ` (${stats.late} late)` : ''}</dd>` : ''}</dl>
${c.template !== null ? html`<h2>Message</h2><p>Rich template <a href="/dashboard/templates/${c.template.id}"><code>${c.template.id}</code></a> (revision ${c.template.revision})</p>` : c.ab === null ? html`<h2>Message</h2><div class="bubble">${c.body}</div>` : ''}
<h2>Results</h2>${figuresList(view.figures)}
<p><a href="/dashboard/campaigns/${c.id}/analytics.csv" download>Download the series (CSV)</a></p>
${abSection(c, view.variants)}
${seriesSection(view.figures)}
<script type="module" src="/dashboard/assets/campaign-live.js"></script>${view.figures.series.length > 0 ? html`<script type="module" src="/dashboard/assets/campaign-chart.js"></script>` : ''}
<p><a href="/dashboard/campaigns">All campaigns</a></p>`);
}
