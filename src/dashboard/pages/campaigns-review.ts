import { html } from '../html.ts';
import { layout, wideTable, errorNote, type PageFrame } from './layout.ts';
import type { Campaign } from '../../campaigns/model.ts';
import type { DryRun } from '../../campaigns/campaign-service.ts';
import { allows } from '../roles.ts';
import { csrfField, utc } from './campaigns-form-parts.ts';

// /dashboard/campaigns/{id}/review: a draft and the API's dry run (who would get it now, who is
// excluded and why, and with send_at_local when each would go), with "Start" and "Discard".

function schedule(c: Campaign): string {
  if (c.sendAtLocal !== null) return `${c.sendAtLocal.replace('T', ' ')} in each recipient's zone (else ${c.sendAtLocalFallbackZone ?? 'UTC'})`;
  return c.sendAt === null ? 'as soon as it is started' : `${utc(c.sendAt)} UTC`;
}

export function reviewPage(frame: PageFrame, c: Campaign, dry: DryRun, error?: { message: string; code: string }): string {
  const member = frame.user !== undefined && allows(frame.user.role, 'member');
  const excluded = Object.entries(dry.excluded).sort((a, b) => b[1] - a[1]);
  return layout({ ...frame, title: `Review: ${c.name}`, current: '/dashboard/campaigns' }, html`
${errorNote(error?.message, error?.code)}
<p>Nothing has been sent. This is what would happen if the campaign started now (a dry run through the same checks as each message).</p>
<dl class="facts"><dt>Audience</dt><dd>${dry.audience} contacts</dd><dt>Would send</dt><dd><strong class="would-send">${dry.wouldSend}</strong></dd>
<dt>Excluded</dt><dd>${dry.audience - dry.wouldSend}</dd><dt>From</dt><dd>${c.from ?? c.messagingServiceId ?? '—'}</dd><dt>Category</dt><dd>${c.category}</dd>
<dt>Schedule</dt><dd>${schedule(c)}</dd><dt>Rate</dt><dd>${c.effectiveRate} per second${c.effectiveRate < c.sendRate ? ` (asked ${c.sendRate}, capped by the route)` : ''}</dd></dl>
<h2>Message</h2>${c.template !== null ? html`<p>Rich template <a href="/dashboard/templates/${c.template.id}"><code>${c.template.id}</code></a> (revision ${c.template.revision}), bound for each recipient with their contact.</p>` : c.ab === null ? html`<div class="bubble">${c.body}</div>` : html`<p>A/B test: ${c.ab.test.testPercent}% of the audience first, the winner by ${c.ab.test.metric} after ${c.ab.test.windowMinutes} minutes.</p>
<ul class="variants-list">${c.ab.test.variants.map((v) => html`<li><strong>${v.name}</strong> (weight ${v.weight}) <div class="bubble">${v.body}</div></li>`)}</ul>`}
${dry.messages.length > 0 ? html`<h2>What they would get</h2>${wideTable('What each would get', html`<table class="would-get"><thead><tr><th scope="col">Recipient</th>${c.template !== null ? html`<th scope="col">As</th>` : ''}<th scope="col">Message</th></tr></thead><tbody>${dry.messages.map((m) => html`<tr><td>${m.phone}</td>${c.template !== null ? html`<td>${m.channel ?? ''}</td>` : ''}<td>${m.text}</td></tr>`)}</tbody></table>`)}` : ''}
<h2>Excluded by reason</h2>
${excluded.length === 0 ? html`<p>No one is excluded.</p>` : wideTable('Excluded by reason', html`<table class="excluded"><thead><tr><th scope="col">Reason</th><th scope="col">Recipients</th></tr></thead><tbody>${excluded.map(([code, n]) => html`<tr><td><code>${code}</code></td><td>${n}</td></tr>`)}</tbody></table>`)}
${dry.sample.length > 0 ? html`<details><summary>Some of them (${dry.sample.length})</summary><ul>${dry.sample.map((s) => html`<li>${s.phone} <code>${s.reason}</code></li>`)}</ul></details>` : ''}
${dry.sendTimes ? html`<h2>When they would go</h2>${wideTable('Send times', html`<table class="send-times"><thead><tr><th scope="col">Send time (UTC)</th><th scope="col">Recipients</th></tr></thead><tbody>${Object.entries(dry.sendTimes).sort().map(([at, n]) => html`<tr><td>${at === 'now' ? 'at once (their local time has passed)' : at.replace('T', ' ').slice(0, 16)}</td><td>${n}</td></tr>`)}</tbody></table>`)}` : ''}
${member ? html`<div class="actions"><form method="post" action="/dashboard/campaigns/${c.id}/start">${csrfField(frame.csrf)}<button type="submit">Start campaign</button></form>
<form method="post" action="/dashboard/campaigns/${c.id}/cancel">${csrfField(frame.csrf)}<button type="submit" class="secondary">Discard draft</button></form></div>` : ''}
<p><a href="/dashboard/campaigns">All campaigns</a></p>`);
}
