import { html } from '../html.ts';
import { errorNote, wideTable, type PageFrame } from './layout.ts';
import { csrfField, developersLayout, when } from './developers.ts';
import type { WebhookEndpoint } from '../../webhooks/endpoints-service.ts';
import type { WebhookDelivery } from '../../webhooks/deliveries-query.ts';

// Webhook endpoints (list, create, delete) and one endpoint's delivery log with "send again".

export interface PageError { message: string; code: string; field?: string }

export function webhooksPage(frame: PageFrame, endpoints: WebhookEndpoint[], form: { url?: string; description?: string; events?: string } = {}, error?: PageError, notice?: string): string {
  return developersLayout({ ...frame, title: 'Webhook endpoints' }, '/dashboard/developers/webhooks', html`
${notice ? html`<p role="status">${notice}</p>` : ''}
${endpoints.length === 0 ? html`<p>No webhook endpoints yet.</p>` : wideTable('Webhook endpoints', html`<table><thead><tr><th scope="col">URL</th><th scope="col">Events</th><th scope="col">Description</th><th scope="col">Enabled</th><th scope="col">Created (UTC)</th></tr></thead>
<tbody>${endpoints.map((e) => html`<tr><td class="body"><a href="/dashboard/developers/webhooks/${e.id}">${e.url}</a></td><td>${e.events.join(', ')}</td><td class="body">${e.description ?? ''}</td><td>${e.enabled ? 'yes' : 'no'}</td><td>${when(e.createdAt)}</td></tr>`)}</tbody></table>`)}
<h2>Add an endpoint</h2>
${errorNote(error?.message, error?.code)}
<form method="post" action="/dashboard/developers/webhooks" class="card">${csrfField(frame)}
<label for="url">URL</label><input id="url" name="url" type="url" required maxlength="2048" value="${form.url ?? ''}"${error?.field === '/url' ? html` aria-invalid="true"` : ''}>
<label for="events">Events (comma-separated, <code>*</code> for all)</label><input id="events" name="events" value="${form.events ?? '*'}" maxlength="2000"${error?.field?.startsWith('/events') ? html` aria-invalid="true"` : ''}>
<label for="description">Description</label><input id="description" name="description" maxlength="500" value="${form.description ?? ''}">
<button type="submit">Add endpoint</button></form>`);
}

export function webhookPage(frame: PageFrame, endpoint: WebhookEndpoint, deliveries: WebhookDelivery[], nextCursor: string | null, error?: PageError, notice?: string): string {
  const base = `/dashboard/developers/webhooks/${endpoint.id}`;
  return developersLayout({ ...frame, title: 'Webhook endpoint' }, '/dashboard/developers/webhooks', html`
${notice ? html`<p role="status">${notice}</p>` : ''}${errorNote(error?.message, error?.code)}
<dl class="facts"><dt>URL</dt><dd><code>${endpoint.url}</code></dd><dt>Events</dt><dd>${endpoint.events.join(', ')}</dd>
<dt>Description</dt><dd>${endpoint.description ?? '—'}</dd><dt>Enabled</dt><dd>${endpoint.enabled ? 'yes' : 'no'}</dd>
<dt>Signing secret</dt><dd>starts <code>${endpoint.secret.slice(0, 10)}…</code> (the whole secret: <code>GET /v1/webhooks/${endpoint.id}</code>)</dd></dl>
<h2>Delivery log</h2>
${deliveries.length === 0 ? html`<p>Nothing delivered to this endpoint yet.</p>` : wideTable('Deliveries', html`<table><thead><tr><th scope="col">Created (UTC)</th><th scope="col">Event</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Response</th><th scope="col">Last attempt (UTC)</th><th scope="col">Action</th></tr></thead>
<tbody>${deliveries.map((d) => {
    const last = d.attemptLog[d.attemptLog.length - 1];
    return html`<tr><td>${when(d.createdAt)}</td><td>${d.eventType}${d.messageId ? html` <a href="/dashboard/messages/${d.messageId}">message</a>` : ''}</td><td><span class="status status-${d.status}">${d.status}</span></td><td>${d.attempts}</td>
<td class="body">${last ? (last.statusCode ?? last.error ?? '—') : '—'}</td><td>${last ? when(last.at) : '—'}</td>
<td>${d.status === 'pending' ? 'queued' : html`<form method="post" action="${base}/deliveries/${d.id}/send-again">${csrfField(frame)}<button type="submit" aria-label="Send delivery ${d.id} again">Send again</button></form>`}</td></tr>`;
  })}</tbody></table>`)}
${nextCursor ? html`<p><a href="${base}?cursor=${nextCursor}" rel="next">Older deliveries</a></p>` : ''}
<h2>Delete this endpoint</h2>
<p>Nothing more is sent to it; its delivery log is kept.</p>
<form method="post" action="${base}/delete">${csrfField(frame)}<button type="submit">Delete endpoint</button></form>`);
}
