import { html } from '../html.ts';
import { errorNote, type PageFrame } from './layout.ts';
import { csrfField, developersLayout } from './developers.ts';

// Twilio credentials: the AC… SID, the auth token shown once when made (first use, rotation).

export interface TwilioView {
  accountSid: string;
  /** Whether the auth token exists yet (it is made, and shown, by the first "show" here or by the CLI). */
  hasToken: boolean;
  hasSecondary: boolean;
}

export function twilioPage(frame: PageFrame, view: TwilioView, shown?: { label: string; token: string }, error?: { message: string; code: string }, notice?: string): string {
  const form = (action: string, label: string) => html`<form method="post" action="/dashboard/developers/twilio/${action}">${csrfField(frame)}<button type="submit">${label}</button></form>`;
  return developersLayout({ ...frame, title: 'Twilio credentials' }, '/dashboard/developers/twilio', html`
${shown ? html`<div class="dev-secret" role="status"><p><strong>${shown.label}:</strong> copy it now, it is shown this once.</p><p><code class="dev-secret-value">${shown.token}</code></p></div>` : ''}
${notice ? html`<p role="status">${notice}</p>` : ''}${errorNote(error?.message, error?.code)}
<p>The Twilio-compatible API (<code>/2010-04-01</code>) takes Basic auth with this Account SID and its auth token; the token also signs Twilio-style callbacks.</p>
<dl class="facts"><dt>Account SID</dt><dd><code>${view.accountSid}</code></dd>
<dt>Auth token</dt><dd>${view.hasToken ? 'made (shown only when it was made)' : 'not made yet'}</dd>
<dt>Secondary token</dt><dd>${view.hasSecondary ? 'waiting to be promoted' : 'none'}</dd></dl>
${view.hasToken ? html`<h2>Rotate the auth token</h2>
<p>1. Make a secondary token (both work), 2. move your apps to it, 3. promote it: the old token stops working.</p>
${form('secondary', view.hasSecondary ? 'Make a new secondary token' : 'Make a secondary token')}
${view.hasSecondary ? html`${form('promote', 'Promote the secondary token')}${form('secondary/delete', 'Delete the secondary token')}` : ''}` : html`${form('token', 'Make the auth token')}`}`);
}
