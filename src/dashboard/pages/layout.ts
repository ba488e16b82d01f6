import { html, type SafeHtml } from '../html.ts';
import type { DashboardUser } from '../users.ts';
import { allows } from '../roles.ts';
import { NAV } from './nav.ts';

// The frame of every dashboard page: no inline script or style (the Content-Security-Policy
// forbids both), one stylesheet served by porm, a skip link and landmarks for keyboard and
// screen-reader users, and a viewport that fits a phone.

export interface PageFrame {
  title: string;
  user?: DashboardUser;
  csrf?: string;
  /** The nav entry of this page. */
  current?: string;
}


export function layout(frame: PageFrame, main: SafeHtml): string {
  const { user } = frame;
  const nav = user ? html`<nav aria-label="Main"><ul>${NAV.filter((n) => allows(user.role, n.role)).map((n) => html`<li><a href="${n.href}"${n.href === frame.current ? html` aria-current="page"` : ''}>${n.label}</a></li>`)}</ul>
      <form method="post" action="/dashboard/logout" class="logout"><input type="hidden" name="csrf" value="${frame.csrf ?? ''}"><span>${user.email} (${user.role})</span> <button type="submit">Sign out</button></form></nav>` : '';
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${frame.title} · porm</title><link rel="stylesheet" href="/dashboard/assets/dashboard.css"></head>
<body><a class="skip" href="#main">Skip to content</a><header><a class="brand" href="/dashboard">porm</a>${nav}</header>
<main id="main"><h1>${frame.title}</h1>${main}</main></body></html>`.value;
}

/**
 * A table that may be wider than a phone: it scrolls inside its own region (focusable, so a
 * keyboard can scroll it too) instead of making the whole page scroll sideways.
 */
export function wideTable(label: string, table: SafeHtml): SafeHtml {
  return html`<div class="table-wrap" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
}

export function errorNote(message: string | undefined, code?: string): SafeHtml {
  return message ? html`<p class="error" role="alert">${message}${code ? html` <code>${code}</code>` : ''}</p>` : html``;
}

/** A refusal shown in the frame (the user stays signed in and can navigate on): its title and code. */
export function refusalPage(frame: PageFrame, code: 'PORM_DASHBOARD_FORBIDDEN' | 'PORM_DASHBOARD_CSRF', title: string): string {
  return layout({ ...frame, title }, errorNote(title, code));
}
