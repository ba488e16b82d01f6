import { html, type SafeHtml } from '../html.ts';
import { layout, wideTable, type PageFrame } from './layout.ts';
import type { Message, MessageEvent } from '../../messages/model.ts';
import { MESSAGE_STATUSES } from '../../messages/status.ts';

export interface MessageListView {
  messages: Message[];
  nextCursor: string | null;
  filter: { status?: string; to?: string; from?: string };
}

const when = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

export function messagesPage(frame: PageFrame, view: MessageListView, error?: { message: string; code: string }): string {
  const { filter } = view;
  const next = view.nextCursor === null ? null : `/dashboard/messages?${new URLSearchParams({ ...filter, cursor: view.nextCursor }).toString()}`;
  return layout({ ...frame, title: 'Messages', current: '/dashboard/messages' }, html`
<form method="get" action="/dashboard/messages" class="filters" role="search">
<label for="status">Status</label><select id="status" name="status"><option value="">any</option>${MESSAGE_STATUSES.map((s) => html`<option${s === filter.status ? html` selected` : ''}>${s}</option>`)}</select>
<label for="to">To</label><input id="to" name="to" value="${filter.to ?? ''}" inputmode="tel">
<label for="from">From</label><input id="from" name="from" value="${filter.from ?? ''}" inputmode="tel">
<button type="submit">Filter</button></form>
${error ? html`<p class="error" role="alert">${error.message} <code>${error.code}</code></p>` : ''}
${wideTable('Messages', html`<table><caption class="visually-hidden">Messages, newest first</caption><thead><tr><th scope="col">Created (UTC)</th><th scope="col">To</th><th scope="col">From</th><th scope="col">Status</th><th scope="col">Body</th></tr></thead>
<tbody>${view.messages.map((m) => html`<tr><td><a href="/dashboard/messages/${m.id}">${when(m.createdAt)}</a></td><td>${m.to}</td><td>${m.from}</td><td><span class="status status-${m.status}">${m.status}</span></td><td class="body">${m.body.slice(0, 80)}</td></tr>`)}</tbody></table>`)}
${view.messages.length === 0 ? html`<p>No messages match.</p>` : ''}
${next ? html`<p><a href="${next}" rel="next">Older messages</a></p>` : ''}`);
}

/** `previews`: the device previews (src/dashboard/pages/previews.ts); the status and timeline move by themselves with live-status.js. */
export function messagePage(frame: PageFrame, message: Message, events: MessageEvent[], previews?: SafeHtml): string {
  return layout({ ...frame, title: `Message to ${message.to}`, current: '/dashboard/messages' }, html`<script type="module" src="/dashboard/assets/live-status.js"></script>
<dl class="facts" id="live" data-live="/dashboard/messages/${message.id}/live"><dt>Id</dt><dd><code>${message.id}</code></dd><dt>Status</dt><dd aria-live="polite"><span class="status status-${message.status}">${message.status}</span></dd>
<dt>From</dt><dd>${message.from}</dd><dt>Carrier</dt><dd>${message.carrier ?? '—'}</dd>
${message.errorCode ? html`<dt>Error</dt><dd><code>${message.errorCode}</code> ${message.errorMessage ?? ''}</dd>` : ''}</dl>
<h2>What was sent</h2><div class="bubble">${message.subject ? html`<strong>${message.subject}</strong><br>` : ''}${message.body}</div>
${previews ?? ''}
<h2>Timeline</h2><ol class="timeline">${events.map((e) => html`<li><time datetime="${new Date(e.at).toISOString()}">${when(e.at)}</time> <strong>${e.type}</strong>${e.data ? html` <code>${JSON.stringify(e.data)}</code>` : ''}</li>`)}</ol>
<p><a href="/dashboard/messages">All messages</a></p>`);
}
