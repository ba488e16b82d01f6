import { html } from '../html.ts';
import { errorNote, layout } from './layout.ts';
import type { PendingLink } from '../users.ts';

export function signInPage(csrf: string, error?: { message: string; code: string }, email = ''): string {
  return layout({ title: 'Sign in' }, html`${errorNote(error?.message, error?.code)}
<form method="post" action="/dashboard/login" class="card">
<input type="hidden" name="csrf" value="${csrf}">
<label for="email">E-mail</label><input id="email" name="email" type="email" autocomplete="username" required value="${email}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form>`);
}

const HEADINGS = { setup: 'Set up the owner of this porm', invite: 'Accept your invitation', reset: 'Choose a new password' } as const;

export function linkPage(token: string, csrf: string, link: PendingLink, error?: { message: string; code: string }): string {
  return layout({ title: HEADINGS[link.purpose] }, html`${errorNote(error?.message, error?.code)}
<form method="post" action="/dashboard/link/${token}" class="card">
<input type="hidden" name="csrf" value="${csrf}">
${link.email === null ? html`<label for="email">E-mail</label><input id="email" name="email" type="email" autocomplete="username" required>` : html`<p>For <strong>${link.email}</strong> (${link.role})</p>`}
${link.purpose !== 'reset' ? html`<label for="name">Name</label><input id="name" name="name" autocomplete="name">` : ''}
<label for="password">Password (at least 12 characters)</label><input id="password" name="password" type="password" autocomplete="new-password" minlength="12" required>
<button type="submit">Continue</button></form>`);
}
