// The dashboard over real HTTP without a browser: a cookie jar per person, pages fetched and forms
// posted as a browser would (with the CSRF token the page carries), and people of each role made
// through the real setup and invitation links.
import assert from 'node:assert/strict';
import type { Harness } from './harness.ts';
import type { Role } from '../../src/dashboard/roles.ts';

export const PASSWORD = 'correct horse battery staple';

/** One person's cookies. */
export interface Jar { cookies: Map<string, string> }
export const jar = (): Jar => ({ cookies: new Map() });

export interface Visit { status: number; text: string; headers: Headers }

/** A request with the jar's cookies (updated from the answer); a form is sent urlencoded; redirects are not followed. */
export async function visit(h: Harness, b: Jar, method: string, path: string, form?: Record<string, string> | URLSearchParams): Promise<Visit> {
  const res = await fetch(`${h.url}${path}`, {
    method, redirect: 'manual',
    headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    ...(form ? { body: (form instanceof URLSearchParams ? form : new URLSearchParams(form)).toString() } : {}),
  });
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair!.indexOf('=');
    const name = pair!.slice(0, eq);
    const value = pair!.slice(eq + 1);
    if (value === '' || /Max-Age=0/.test(line)) b.cookies.delete(name); else b.cookies.set(name, value);
  }
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** The CSRF token a page's forms carry. */
export const csrfOf = (page: string): string => /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

/** Opens a setup, invitation or reset link and posts its form; the answer's status. */
export async function acceptLink(h: Harness, b: Jar, token: string, fields: Record<string, string>): Promise<number> {
  const page = await visit(h, b, 'GET', `/dashboard/link/${token}`);
  assert.equal(page.status, 200, page.text);
  return (await visit(h, b, 'POST', `/dashboard/link/${token}`, { csrf: csrfOf(page.text), ...fields })).status;
}

export async function signIn(h: Harness, b: Jar, email: string, password: string): Promise<Visit> {
  const page = await visit(h, b, 'GET', '/dashboard/login');
  return visit(h, b, 'POST', '/dashboard/login', { csrf: csrfOf(page.text), email, password });
}

/** GETs `page`, then posts `form` to `action` (default: the same path) with that page's CSRF token. */
export async function submit(h: Harness, b: Jar, page: string, form: Record<string, string>, action = page): Promise<Visit> {
  const shown = await visit(h, b, 'GET', page);
  assert.equal(shown.status, 200, `${page}: ${shown.text.slice(0, 500)}`);
  return visit(h, b, 'POST', action, { csrf: csrfOf(shown.text), ...form });
}

/**
 * The harness account's owner, signed in: made through a setup link on the first call, signed in
 * again as that owner afterwards.
 */
export async function owner(h: Harness, email = 'owner@example.com'): Promise<Jar> {
  const b = jar();
  const link = await h.porm.services.dashboard.users.setupLink(h.porm.bootstrap.accountId);
  if (link !== null) assert.equal(await acceptLink(h, b, link, { email, name: 'Olive', password: PASSWORD }), 303);
  else assert.equal((await signIn(h, b, email, PASSWORD)).status, 303);
  return b;
}

/** A new signed-in user of `role` in `accountId` (default: the harness's account), invited by the system. */
export async function person(h: Harness, role: Role, email: string, accountId = h.porm.bootstrap.accountId): Promise<Jar> {
  const b = jar();
  const link = await h.porm.services.dashboard.users.invite(accountId, email, role);
  assert.equal(await acceptLink(h, b, link, { name: email.split('@')[0]!, password: PASSWORD }), 303);
  return b;
}
