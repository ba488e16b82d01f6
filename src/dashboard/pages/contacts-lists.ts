import { html } from '../html.ts';
import { layout, wideTable, type PageFrame } from './layout.ts';
import type { Problem } from '../../api/dashboard/kit.ts';
import type { ContactList } from '../../contacts/model.ts';
import { allows } from '../roles.ts';
import { csrfInput, field, formProblem, when } from './contacts-fields.ts';

// /dashboard/lists: the account's lists with their member counts, a new list, and adding
// contacts (by number or id) to one.

const CURRENT = '/dashboard/contacts';

export function listsPage(frame: PageFrame, lists: ContactList[], nextCursor: string | null, form: { name?: string; description?: string } = {}, p?: Problem): string {
  const canWrite = frame.user !== undefined && allows(frame.user.role, 'member');
  return layout({ ...frame, title: 'Lists', current: CURRENT }, html`
${wideTable('Lists', html`<table><thead><tr><th scope="col">Name</th><th scope="col">Members</th><th scope="col">Created (UTC)</th></tr></thead>
<tbody>${lists.map((l) => html`<tr><td><a href="/dashboard/lists/${l.id}">${l.name}</a></td><td>${l.memberCount}</td><td>${when(l.createdAt)}</td></tr>`)}</tbody></table>`)}
${lists.length === 0 ? html`<p>No lists yet.</p>` : ''}
${nextCursor ? html`<p><a href="/dashboard/lists?${new URLSearchParams({ cursor: nextCursor }).toString()}" rel="next">Older lists</a></p>` : ''}
${canWrite ? html`<h2>New list</h2>${formProblem(p, ['name', 'description'])}
<form method="post" action="/dashboard/lists" class="card" novalidate>${csrfInput(frame.csrf)}
${field({ name: 'name', label: 'Name', value: form.name ?? '', required: true }, p)}
${field({ name: 'description', label: 'Description', value: form.description ?? '', rows: 2 }, p)}
<button type="submit">Create</button></form>` : ''}
<p><a href="/dashboard/contacts">Contacts</a></p>`);
}

export function listPage(frame: PageFrame, list: ContactList, form: { contacts?: string; default_country?: string } = {}, p?: Problem, added?: number): string {
  const canWrite = frame.user !== undefined && allows(frame.user.role, 'member');
  return layout({ ...frame, title: `List ${list.name}`, current: CURRENT }, html`
<dl class="facts"><dt>Id</dt><dd><code>${list.id}</code></dd><dt>Members</dt><dd>${list.memberCount}</dd><dt>Description</dt><dd>${list.description ?? '—'}</dd></dl>
<p><a href="/dashboard/contacts?${new URLSearchParams({ list: list.id }).toString()}">Its contacts</a></p>
${added !== undefined ? html`<p role="status">Added ${added} ${added === 1 ? 'contact' : 'contacts'}.</p>` : ''}
${canWrite ? html`<h2>Add contacts</h2>${formProblem(p, ['contacts', 'default_country'])}
<form method="post" action="/dashboard/lists/${list.id}/members" class="card" novalidate>${csrfInput(frame.csrf)}
${field({ name: 'contacts', label: 'Numbers or contact ids', value: form.contacts ?? '', rows: 4, required: true, hint: 'one a line, or separated by commas; a number without a contact gets one' }, p)}
${field({ name: 'default_country', label: 'Default country', value: form.default_country ?? 'US', attrs: html` maxlength="2" autocomplete="off"` }, p)}
<button type="submit">Add</button></form>` : ''}
<p><a href="/dashboard/lists">All lists</a></p>`);
}
