import { html } from '../html.ts';
import { errorNote, wideTable, type PageFrame } from './layout.ts';
import { csrfField, developersLayout, when } from './developers.ts';
import type { ApiKeyInfo } from '../../accounts/api-keys.ts';

// API keys: create (the secret shown on the answer to the creating POST only), list (prefix), revoke.

export function keysPage(frame: PageFrame, keys: ApiKeyInfo[], created?: { name: string; key: string }, error?: { message: string; code: string; field?: string }, notice?: string): string {
  return developersLayout({ ...frame, title: 'API keys' }, '/dashboard/developers/keys', html`
${created ? html`<div class="dev-secret" role="status"><p><strong>Copy the key “${created.name}” now:</strong> it is shown this once and never again (porm keeps only its hash).</p><p><code class="dev-secret-value">${created.key}</code></p></div>` : ''}
${notice ? html`<p role="status">${notice}</p>` : ''}
${wideTable('API keys', html`<table><thead><tr><th scope="col">Name</th><th scope="col">Key</th><th scope="col">Created (UTC)</th><th scope="col">Revoked (UTC)</th><th scope="col">Action</th></tr></thead>
<tbody>${keys.map((k) => html`<tr><td class="body">${k.name}</td><td><code>${k.prefix}…</code></td><td>${when(k.createdAt)}</td><td>${when(k.revokedAt)}</td>
<td>${k.revokedAt === null ? html`<form method="post" action="/dashboard/developers/keys/${k.id}/revoke">${csrfField(frame)}<button type="submit" aria-label="Revoke key ${k.name} (${k.prefix}…)">Revoke</button></form>` : 'revoked'}</td></tr>`)}</tbody></table>`)}
<h2>Create a key</h2>
${errorNote(error?.message, error?.code)}
<form method="post" action="/dashboard/developers/keys" class="card">${csrfField(frame)}
<label for="name">Name</label><input id="name" name="name" required maxlength="100"${error?.field === 'name' ? html` aria-invalid="true"` : ''}>
<button type="submit">Create key</button></form>`);
}
