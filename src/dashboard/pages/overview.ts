import { html, type SafeHtml } from '../html.ts';
import { layout, wideTable, type PageFrame } from './layout.ts';
import type { ConnectorHealth, DaySeries, FailureSeries, Totals } from '../overview-model.ts';
import type { LiveHealth } from '../connector-health-model.ts';

// The overview: today's and this week's figures, the last 14 days as charts over tables (the
// tables are the data: web/dashboard/overview-charts.ts reads them and draws, and without
// JavaScript they are what is shown), the queue, and each carrier connector's health.

export interface OverviewView {
  today: Totals;
  week: Totals;
  volume: DaySeries;
  failures: FailureSeries;
  queue: { ready: number; scheduled: number; running: number };
  connectors: ConnectorHealth[];
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);
const percent = (rate: number | null) => rate === null ? '—' : `${(rate * 100).toFixed(1)} %`;

function figures(caption: string, t: Totals): SafeHtml {
  const cells: Array<[string, string | number]> = [['Sent', t.sent], ['Delivered', t.delivered], ['Failed', t.failed], ['Delivery rate', percent(t.rate)], ['Clicks', t.clicks], ['Opt-outs', t.optOuts], ['Accepted', t.accepted]];
  return html`<section class="ov-figures" aria-labelledby="${caption.replace(/\W+/g, '-').toLowerCase()}"><h2 id="${caption.replace(/\W+/g, '-').toLowerCase()}">${caption}</h2>
<dl>${cells.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl></section>`;
}

/** A chart's table: the first column is the day (data-x, ms), every other column one series (data-series). */
function chartTable(id: string, caption: string, days: readonly number[], series: ReadonlyArray<{ name: string; values: readonly number[] }>): SafeHtml {
  return wideTable(caption, html`<table id="${id}" data-chart="${id}"><caption>${caption}</caption>
<thead><tr><th scope="col">Day (UTC)</th>${series.map((s) => html`<th scope="col" data-series="${s.name}">${s.name}</th>`)}</tr></thead>
<tbody>${days.map((d, i) => html`<tr><th scope="row" data-x="${d}">${day(d)}</th>${series.map((s) => html`<td>${s.values[i] ?? 0}</td>`)}</tr>`)}</tbody></table>`);
}

const binds = (live: LiveHealth | undefined): string => live === undefined || live.instances === 0 ? '—' : live.binds === null ? 'n/a' : `${live.binds.up}/${live.binds.configured}`;
const instances = (live: LiveHealth | undefined): string => live === undefined ? '—' : `${live.instances}${live.staleInstances > 0 ? ` (+${live.staleInstances} stale)` : ''}`;

/** The connector's own errors (bind failures, carriers' refusals): its code, the carrier's words, when. */
function liveErrors(live: LiveHealth | undefined): SafeHtml | string {
  if (live === undefined || live.errors.length === 0) return '—';
  return html`<ul class="ov-plain ov-health-errors">${live.errors.map((e) => html`<li><code>${e.code}</code> ${e.message} <span class="muted">${time(e.at)}</span></li>`)}</ul>`;
}

function connectorRows(connectors: readonly ConnectorHealth[]): SafeHtml {
  return wideTable('Carrier connectors', html`<table><caption>Carrier connectors: live health from the processes running them, and your messages in the last 24 hours</caption>
<thead><tr><th scope="col">Connector</th><th scope="col">State</th><th scope="col">Binds up</th><th scope="col">Instances</th><th scope="col">Submits per minute</th><th scope="col">Connector errors</th><th scope="col">Handled</th><th scope="col">Delivered</th><th scope="col">Failed</th><th scope="col">Per minute (last 15 min)</th><th scope="col">Your recent errors</th></tr></thead>
<tbody>${connectors.map((c) => html`<tr><th scope="row">${c.name} <span class="muted">(${c.type})</span></th><td><span class="ov-health ov-health-${c.state}">${c.state}</span></td>
<td>${binds(c.live)}</td><td>${instances(c.live)}</td><td>${c.live === undefined || c.live.instances === 0 ? '—' : c.live.submitsPerMinute}</td><td>${liveErrors(c.live)}</td>
<td>${c.last24h.handled}</td><td>${c.last24h.delivered}</td><td>${c.last24h.failed}</td><td>${c.perMinute.toFixed(1)}</td>
<td>${c.errors.length === 0 ? '—' : html`<ul class="ov-plain">${c.errors.map((e) => html`<li><a href="/dashboard/messages?${new URLSearchParams({ error: e.code }).toString()}"><code>${e.code}</code></a> ×${e.count}, last ${time(e.lastAt)}</li>`)}</ul>`}</td></tr>`)}</tbody></table>`);
}

export function overviewPage(frame: PageFrame, view: OverviewView): string {
  const { volume, failures, queue } = view;
  return layout({ ...frame, title: 'Overview', current: '/dashboard' }, html`
<div class="ov-figure-row">${figures('Today (UTC)', view.today)}${figures('Last 7 days', view.week)}</div>
<h2>Last 14 days</h2>
<figure class="ov-chart-figure"><div class="ov-chart" data-chart-for="volume" aria-hidden="true"></div>
${chartTable('volume', 'Messages per day', volume.days, [{ name: 'sent', values: volume.sent }, { name: 'delivered', values: volume.delivered }, { name: 'failed', values: volume.failed }])}</figure>
<figure class="ov-chart-figure"><div class="ov-chart" data-chart-for="failures" aria-hidden="true"></div>
${failures.codes.length === 0 ? html`<p>No failures in the last 14 days.</p>` : chartTable('failures', 'Failures by error code per day', failures.days, failures.codes.map((c) => ({ name: c.code, values: c.counts })))}</figure>
<h2>Queue</h2>
<dl class="facts"><dt>Ready to run</dt><dd>${queue.ready}</dd><dt>Scheduled for later</dt><dd>${queue.scheduled}</dd><dt>Running</dt><dd>${queue.running}</dd></dl>
<h2>Carrier connectors</h2>
${connectorRows(view.connectors)}
<p class="muted">Binds, instances, submits and connector errors are what the processes running each connector reported in the last minute (an instance silent longer is counted as stale). State: down (no bind up), failing (more than half of your messages failed), stale (no process reports it), degraded (binds missing, an error since the last accepted submit, or more than a tenth of your messages failed).</p>
<script type="module" src="/dashboard/assets/overview-charts.js"></script>`);
}
