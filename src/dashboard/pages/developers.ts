import { html, type SafeHtml } from '../html.ts';
import { errorNote, layout, wideTable, type PageFrame } from './layout.ts';
import type { SenderNumber } from '../../numbers/model.ts';

// The developers' pages (admins): numbers and their routes, webhook endpoints and their delivery
// log, API keys, Twilio credentials, settings. This file: the frame shared by them, and the first
// page (numbers and settings).

const SECTIONS = [
  { href: '/dashboard/developers', label: 'Numbers and settings' },
  { href: '/dashboard/developers/webhooks', label: 'Webhooks' },
  { href: '/dashboard/developers/keys', label: 'API keys' },
  { href: '/dashboard/developers/twilio', label: 'Twilio credentials' },
] as const;

export const when = (ms: number | null): string => ms === null ? '—' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

/** A developers' page: the main frame, then the section links (the current one marked). */
export function developersLayout(frame: PageFrame, section: string, main: SafeHtml): string {
  return layout({ ...frame, current: '/dashboard/developers' }, html`<nav aria-label="Developers" class="subnav"><ul>${SECTIONS.map((s) => html`<li><a href="${s.href}"${s.href === section ? html` aria-current="page"` : ''}>${s.label}</a></li>`)}</ul></nav>${main}`);
}

/** The hidden CSRF field every form carries. */
export const csrfField = (frame: PageFrame): SafeHtml => html`<input type="hidden" name="csrf" value="${frame.csrf ?? ''}">`;

export interface SettingsView {
  publicUrl: string;
  role: string;
  database: string;
  complianceEnforced: boolean;
  smsMaxSegments: number;
  retry: { maxAttempts: number };
  webhooks: { maxAttempts: number; timeoutMs: number; allowPrivateNetworks: boolean };
  media: { maxUploadBytes: number; allowPrivateNetworks: boolean };
  carriers: Array<{ name: string; type: string; profile: string }>;
  routes: Array<{ match: string; carriers: string }>;
}

export function developersPage(frame: PageFrame, numbers: SenderNumber[], more: string | null, settings: SettingsView, error?: { message: string; code: string }): string {
  const yes = (b: boolean) => b ? 'yes' : 'no';
  return developersLayout({ ...frame, title: 'Developers' }, '/dashboard/developers', html`
${errorNote(error?.message, error?.code)}
<h2>Numbers and their routes</h2>
${numbers.length === 0 ? html`<p>No numbers are registered yet (<code>POST /v1/numbers</code> or <code>porm numbers add</code>).</p>` : wideTable('Numbers', html`<table><thead><tr><th scope="col">Number</th><th scope="col">Kind</th><th scope="col">Route</th><th scope="col">Capabilities</th><th scope="col">Inbound webhook</th></tr></thead>
<tbody>${numbers.map((n) => html`<tr><td>${n.number}</td><td>${n.kind}</td><td>${n.route ?? 'routing table'}</td><td>${n.capabilities.join(', ')}</td><td class="body">${n.inboundWebhook ? n.inboundWebhook.url : '—'}</td></tr>`)}</tbody></table>`)}
${more ? html`<p><a href="/dashboard/developers?cursor=${more}" rel="next">More numbers</a></p>` : ''}
<h2>Settings</h2>
<p>These come from porm's configuration (file or <code>PORM_…</code> variables); change them there and restart.</p>
<dl class="facts">
<dt>Public URL</dt><dd><code>${settings.publicUrl}</code></dd>
<dt>Process role</dt><dd>${settings.role}</dd><dt>Database</dt><dd>${settings.database}</dd>
<dt>Compliance checks</dt><dd>${settings.complianceEnforced ? 'enforced' : 'off'} (quiet hours and consent are set per program)</dd>
<dt>Longest SMS</dt><dd>${settings.smsMaxSegments} segments</dd>
<dt>Send attempts</dt><dd>${settings.retry.maxAttempts}</dd>
<dt>Webhook attempts</dt><dd>${settings.webhooks.maxAttempts}, ${settings.webhooks.timeoutMs} ms timeout, private networks: ${yes(settings.webhooks.allowPrivateNetworks)}</dd>
<dt>Largest upload</dt><dd>${Math.round(settings.media.maxUploadBytes / 1024)} KiB, media from private networks: ${yes(settings.media.allowPrivateNetworks)}</dd>
</dl>
${wideTable('Carrier connectors', html`<table><caption>Carrier connectors</caption><thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Profile</th></tr></thead>
<tbody>${settings.carriers.map((c) => html`<tr><td>${c.name}</td><td>${c.type}</td><td>${c.profile}</td></tr>`)}</tbody></table>`)}
${wideTable('Routes', html`<table><caption>Routes, in order</caption><thead><tr><th scope="col">Match</th><th scope="col">Carriers</th></tr></thead>
<tbody>${settings.routes.map((r) => html`<tr><td><code>${r.match}</code></td><td>${r.carriers}</td></tr>`)}</tbody></table>`)}`);
}
