import { html, type SafeHtml } from '../html.ts';
import { layout, wideTable, type PageFrame } from './layout.ts';
import type { Message, MessageEvent } from '../../messages/model.ts';
import { MESSAGE_STATUSES } from '../../messages/status.ts';
import type { SearchField, SearchForm } from '../message-search.ts';

export interface SearchChoices {
  campaigns: Array<{ id: string; name: string }>;
  templates: Array<{ id: string; name: string }>;
}

export interface MessageListView {
  messages: Message[];
  nextCursor: string | null;
  filter: SearchForm;
  choices: SearchChoices;
}

const when = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

type Shown = { message: string; code: string; field?: string };

/** A picker of ids by name; an id given in the URL but not among the newest is kept as an option. */
function picker(id: SearchField, label: string, options: Array<{ id: string; name: string }>, value: string | undefined, invalid: SafeHtml | ''): SafeHtml {
  const all = value !== undefined && !options.some((o) => o.id === value) ? [...options, { id: value, name: value }] : options;
  return html`<span class="field"><label for="${id}">${label}</label><select id="${id}" name="${id}"${invalid}><option value="">any</option>${all.map((o) => html`<option value="${o.id}"${o.id === value ? html` selected` : ''}>${o.name}</option>`)}</select></span>`;
}

export function messagesPage(frame: PageFrame, view: MessageListView, error?: Shown): string {
  const { filter } = view;
  const invalid = (field: SearchField): SafeHtml | '' => error?.field === field ? html` aria-invalid="true" aria-describedby="search-error"` : '';
  const input = (field: SearchField, label: string, extra: SafeHtml) => html`<span class="field"><label for="${field}">${label}</label><input id="${field}" name="${field}" value="${filter[field] ?? ''}"${extra}${invalid(field)}></span>`;
  const next = view.nextCursor === null ? null : `/dashboard/messages?${new URLSearchParams({ ...filter, cursor: view.nextCursor }).toString()}`;
  return layout({ ...frame, title: 'Messages', current: '/dashboard/messages' }, html`
<form method="get" action="/dashboard/messages" class="filters search" role="search" aria-label="Search messages">
<span class="field"><label for="status">Status</label><select id="status" name="status"${invalid('status')}><option value="">any</option>${MESSAGE_STATUSES.map((s) => html`<option${s === filter.status ? html` selected` : ''}>${s}</option>`)}</select></span>
${input('to', 'To', html` inputmode="tel" autocomplete="off"`)}${input('from', 'From', html` inputmode="tel" autocomplete="off"`)}
${input('since', 'From day (UTC)', html` type="date"`)}${input('until', 'To day (UTC)', html` type="date"`)}
${picker('campaign', 'Campaign', view.choices.campaigns, filter.campaign, invalid('campaign'))}${picker('template', 'Template', view.choices.templates, filter.template, invalid('template'))}
${input('error', 'Error code', html` placeholder="PORM_…" autocomplete="off" spellcheck="false"`)}
<button type="submit">Search</button> <a href="/dashboard/messages">Clear</a></form>
${error ? html`<p class="error" role="alert" id="search-error">${error.message} <code>${error.code}</code></p>` : ''}
${wideTable('Messages', html`<table><caption class="visually-hidden">Messages, newest first</caption><thead><tr><th scope="col">Created (UTC)</th><th scope="col">To</th><th scope="col">From</th><th scope="col">Status</th><th scope="col">Body</th></tr></thead>
<tbody>${view.messages.map((m) => html`<tr><td><a href="/dashboard/messages/${m.id}">${when(m.createdAt)}</a></td><td>${m.to}</td><td>${m.from}</td><td><span class="status status-${m.status}">${m.status}</span>${m.errorCode ? html` <code>${m.errorCode}</code>` : ''}</td><td class="body">${m.body.slice(0, 80)}</td></tr>`)}</tbody></table>`)}
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
