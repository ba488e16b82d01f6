import { html } from '../html.ts';
import { layout, wideTable, type PageFrame } from './layout.ts';
import type { DashboardUser } from '../users.ts';
import { ROLES } from '../roles.ts';

export function usersPage(frame: PageFrame, users: DashboardUser[], invited?: { email: string; link: string }, error?: { message: string; code: string }): string {
  return layout({ ...frame, title: 'Users', current: '/dashboard/users' }, html`
${wideTable('Users', html`<table><thead><tr><th scope="col">E-mail</th><th scope="col">Name</th><th scope="col">Role</th></tr></thead>
<tbody>${users.map((u) => html`<tr><td>${u.email}</td><td>${u.name}</td><td>${u.role}</td></tr>`)}</tbody></table>`)}
<h2>Invite someone</h2>
${error ? html`<p class="error" role="alert">${error.message} <code>${error.code}</code></p>` : ''}
${invited ? html`<p role="status">Send this one-time link to ${invited.email} (valid 7 days): <code>${invited.link}</code></p>` : ''}
<form method="post" action="/dashboard/users" class="card"><input type="hidden" name="csrf" value="${frame.csrf ?? ''}">
<label for="email">E-mail</label><input id="email" name="email" type="email" required>
<label for="role">Role</label><select id="role" name="role">${ROLES.filter((r) => r !== 'owner').map((r) => html`<option>${r}</option>`)}</select>
<button type="submit">Invite</button></form>`);
}
