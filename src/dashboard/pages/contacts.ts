import { html, type SafeHtml } from '../html.ts';
import { layout, wideTable, type PageFrame } from './layout.ts';
import type { Problem } from '../../api/dashboard/kit.ts';
import type { Contact, ContactList } from '../../contacts/model.ts';
import type { TimelineItem } from '../../contacts/timeline/contact-timeline.ts';
import type { ConsentEvent, Suppression } from '../../compliance/consent/ledger.ts';
import { allows } from '../roles.ts';
import { attributesText } from '../contact-form.ts';
import { csrfInput, field, formProblem, when } from './contacts-fields.ts';

// /dashboard/contacts: the account's contacts (search by number, filter by list or tag, keyset
// paging), one contact with its lists, consent standing and timeline, and the add/edit forms.

export interface ContactsView {
  contacts: Contact[];
  nextCursor: string | null;
  filter: { q?: string; tag?: string; list?: string };
  lists: ContactList[];
}

const CURRENT = '/dashboard/contacts';

export function contactsPage(frame: PageFrame, view: ContactsView, p?: Problem): string {
  const { filter } = view;
  const params = Object.fromEntries(Object.entries(filter).filter(([k, v]) => k !== 'q' && v !== undefined)) as Record<string, string>;
  const next = view.nextCursor === null ? null : `/dashboard/contacts?${new URLSearchParams({ ...params, cursor: view.nextCursor }).toString()}`;
  const names = new Map(view.lists.map((l) => [l.id, l.name]));
  const canWrite = frame.user !== undefined && allows(frame.user.role, 'member');
  return layout({ ...frame, title: 'Contacts', current: CURRENT }, html`
<p class="actions">${canWrite ? html`<a href="/dashboard/contacts/new">Add a contact</a> ` : ''}<a href="/dashboard/lists">Lists</a> <a href="/dashboard/imports">Imports</a> <a href="/dashboard/segments">Segments</a></p>
<form method="get" action="/dashboard/contacts" class="filters" role="search">
${field({ name: 'q', label: 'Number or id', value: filter.q ?? '', attrs: html` inputmode="tel"` }, p)}
<div class="field"><label for="f-list">List</label><select id="f-list" name="list"><option value="">any</option>${view.lists.map((l) => html`<option value="${l.id}"${l.id === filter.list ? html` selected` : ''}>${l.name}</option>`)}</select></div>
${field({ name: 'tag', label: 'Tag', value: filter.tag ?? '' }, p)}
<button type="submit">Search</button></form>
${formProblem(p, ['q', 'tag'])}
${wideTable('Contacts', html`<table><caption class="visually-hidden">Contacts, newest first</caption><thead><tr><th scope="col">Number</th><th scope="col">Name</th><th scope="col">Tags</th><th scope="col">Lists</th></tr></thead>
<tbody>${view.contacts.map((c) => html`<tr><td><a href="/dashboard/contacts/${c.id}">${c.phone}</a></td><td class="body">${c.name ?? ''}</td><td>${c.tags.join(', ')}</td><td>${c.lists.map((id) => names.get(id) ?? id).join(', ')}</td></tr>`)}</tbody></table>`)}
${view.contacts.length === 0 ? html`<p>No contacts match.</p>` : ''}
${next ? html`<p><a href="${next}" rel="next">Older contacts</a></p>` : ''}`);
}

export interface ContactView {
  contact: Contact;
  lists: ContactList[];
  consents: ConsentEvent[];
  suppressions: Suppression[];
  timeline: TimelineItem[];
  timelineNext: string | null;
}

function timelineLine(item: TimelineItem): SafeHtml {
  switch (item.type) {
    case 'message_sent': return html`<strong>sent</strong> <span class="status status-${item.data.status}">${item.data.status}</span> <a href="/dashboard/messages/${item.id}">${item.data.body.slice(0, 120)}</a>`;
    case 'message_received': return html`<strong>received</strong> <span class="body">${item.data.body.slice(0, 200)}</span>`;
    case 'link_clicked': return html`<strong>clicked a link</strong>${item.data.bot ? ' (link preview)' : ''} in <a href="/dashboard/messages/${item.data.message_id}">a message</a>`;
    case 'consent': return html`<strong>consent: ${item.data.event}</strong> by ${item.data.source}${item.data.keyword ? html` (<code>${item.data.keyword}</code>)` : ''}`;
    case 'conversion': return html`<strong>conversion</strong> ${String(item.data.value)} ${item.data.currency}${item.data.order_id ? html` order ${item.data.order_id}` : ''}`;
  }
}

export function contactPage(frame: PageFrame, view: ContactView): string {
  const { contact: c } = view;
  const names = new Map(view.lists.map((l) => [l.id, l.name]));
  const canWrite = frame.user !== undefined && allows(frame.user.role, 'member');
  const attributes = Object.entries(c.attributes);
  const optedIn = view.consents.filter((e) => e.type === 'opt_in').at(-1);
  return layout({ ...frame, title: c.name ? `${c.name} (${c.phone})` : c.phone, current: CURRENT }, html`
<dl class="facts"><dt>Id</dt><dd><code>${c.id}</code></dd><dt>Number</dt><dd>${c.phone}</dd><dt>Name</dt><dd>${c.name ?? '—'}</dd>
<dt>Time zone</dt><dd>${c.timeZone ?? '—'}</dd><dt>Locale</dt><dd>${c.locale ?? '—'}</dd><dt>Tags</dt><dd>${c.tags.length ? c.tags.join(', ') : '—'}</dd>
<dt>Lists</dt><dd>${c.lists.length ? c.lists.map((id, i) => html`${i > 0 ? ', ' : ''}<a href="/dashboard/lists/${id}">${names.get(id) ?? id}</a>`) : '—'}</dd>
<dt>Added</dt><dd>${when(c.createdAt)}</dd></dl>
<h2>Attributes</h2>
${attributes.length === 0 ? html`<p>None.</p>` : wideTable('Attributes', html`<table class="contacts-attributes"><thead><tr><th scope="col">Name</th><th scope="col">Value</th></tr></thead><tbody>${attributes.map(([k, v]) => html`<tr><td><code>${k}</code></td><td class="body">${v === null ? 'null' : String(v)}</td></tr>`)}</tbody></table>`)}
<h2>Consent and suppression</h2>
<p class="standing">${view.suppressions.length > 0
    ? html`<strong class="contacts-suppressed">Suppressed</strong>: ${view.suppressions.map((s, i) => html`${i > 0 ? '; ' : ''}${s.programId ?? 'every program'} since ${when(s.createdAt)} (${s.reason})`)}`
    : optedIn ? html`<strong>Opted in</strong> ${when(optedIn.at)} by ${optedIn.source}` : html`No opt-in on record, not suppressed.`}</p>
${view.consents.length > 0 ? html`<ol class="timeline">${view.consents.map((e) => html`<li><time datetime="${new Date(e.at).toISOString()}">${when(e.at)}</time> <strong>${e.type}</strong> by ${e.source}${e.wording ? html`: <span class="body">${e.wording.slice(0, 200)}</span>` : ''}</li>`)}</ol>` : ''}
<h2>Timeline</h2>
${view.timeline.length === 0 ? html`<p>Nothing has happened with this number yet.</p>` : html`<ol class="timeline contact-timeline">${view.timeline.map((t) => html`<li><time datetime="${new Date(t.at).toISOString()}">${when(t.at)}</time> ${timelineLine(t)}</li>`)}</ol>`}
${view.timelineNext ? html`<p><a href="/dashboard/contacts/${c.id}?${new URLSearchParams({ cursor: view.timelineNext }).toString()}" rel="next">Earlier</a></p>` : ''}
${canWrite ? html`<p class="actions"><a href="/dashboard/contacts/${c.id}/edit">Edit</a></p>
<form method="post" action="/dashboard/contacts/${c.id}/remove" class="card">${csrfInput(frame.csrf)}<p>Removing erases the name, zone, locale, tags, attributes and list memberships; consent history and suppressions stay.</p><button type="submit" class="contacts-danger">Remove this contact</button></form>` : ''}
<p><a href="/dashboard/contacts">All contacts</a></p>`);
}

export interface ContactFormValues { phone?: string; default_country?: string; name?: string; time_zone?: string; locale?: string; tags?: string; attributes?: string; lists?: string }

export const CONTACT_FORM_FIELDS = ['phone', 'default_country', 'name', 'time_zone', 'locale', 'tags', 'attributes', 'lists'];

/** The add form (no contact) or the edit form of one. */
export function contactFormPage(frame: PageFrame, lists: ContactList[], values: ContactFormValues, contact?: Contact, p?: Problem): string {
  const action = contact ? `/dashboard/contacts/${contact.id}/edit` : '/dashboard/contacts/new';
  return layout({ ...frame, title: contact ? `Edit ${contact.phone}` : 'Add a contact', current: CURRENT }, html`
${formProblem(p, CONTACT_FORM_FIELDS)}
<form method="post" action="${action}" class="card" novalidate>${csrfInput(frame.csrf)}
${contact ? '' : html`${field({ name: 'phone', label: 'Phone number', value: values.phone ?? '', type: 'tel', required: true, hint: 'E.164 (+14155550100) or a national number of the default country' }, p)}
${field({ name: 'default_country', label: 'Default country', value: values.default_country ?? 'US', attrs: html` maxlength="2" autocomplete="off"` }, p)}`}
${field({ name: 'name', label: 'Name', value: values.name ?? '' }, p)}
${field({ name: 'time_zone', label: 'Time zone', value: values.time_zone ?? '', hint: 'IANA, like America/New_York' }, p)}
${field({ name: 'locale', label: 'Locale', value: values.locale ?? '', hint: 'like en-US' }, p)}
${field({ name: 'tags', label: 'Tags', value: values.tags ?? '', hint: 'separated by commas' }, p)}
${field({ name: 'attributes', label: 'Attributes', value: values.attributes ?? '', rows: 5, hint: 'one name=value a line; an empty value removes it' }, p)}
${contact ? '' : html`<div class="field"><label for="f-lists">Add to list</label><select id="f-lists" name="lists"><option value="">none</option>${lists.map((l) => html`<option value="${l.id}"${l.id === values.lists ? html` selected` : ''}>${l.name}</option>`)}</select>${p && p.field?.startsWith('/lists') ? html`<p class="error" role="alert">${p.message} <code>${p.code}</code></p>` : ''}</div>`}
<button type="submit">${contact ? 'Save' : 'Add'}</button></form>
<p><a href="${contact ? `/dashboard/contacts/${contact.id}` : '/dashboard/contacts'}">Cancel</a></p>`);
}

/** The edit form's values from the stored contact. */
export function formValuesOf(c: Contact): ContactFormValues {
  return { name: c.name ?? '', time_zone: c.timeZone ?? '', locale: c.locale ?? '', tags: c.tags.join(', '), attributes: attributesText(c.attributes) };
}
