import { html, SafeHtml } from '../html.ts';
import type { MediaView, MessagePreviews, SlideView } from '../preview-data.ts';

// A message's three device previews side by side, each in a phone frame: the porm page (rendered
// by the hosted page's own renderer; the hosted page forbids framing, and opening it would count
// as the recipient's open), the MMS as the handset plays its SMIL slides, the SMS as bubbles. The
// frames are inert: a click in a preview must not answer a form or count a click for the recipient.

const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;

function facts(m: MediaView): SafeHtml {
  return html`<p class="compose-slide-facts">${m.contentType}${m.width !== null && m.height !== null ? html` ${m.width}×${m.height}` : ''}${m.url !== null ? html` · ${kb(m.bytes)}` : ''}${m.converted ? html` (from ${kb(m.originalBytes)})` : ''}${m.warnings.length > 0 ? html` · ${m.warnings.join('; ')}` : ''}</p>`;
}

function slide(s: SlideView, i: number, count: number): SafeHtml {
  const m = s.media;
  const visual = m !== null && m.url !== null && m.contentType.startsWith('image/')
    ? html`<img src="${m.url}" alt="Slide ${i + 1} picture"${m.width !== null && m.height !== null ? html` width="${m.width}" height="${m.height}"` : ''}>` : html``;
  return html`<li class="compose-slide"><p class="compose-slide-no">Slide ${i + 1} of ${count}</p>${visual}${s.text !== '' ? html`<p class="compose-slide-text">${s.text}</p>` : ''}${m ? facts(m) : ''}</li>`;
}

/** Why a form is shown that the message did not go out as. */
function notSent(channel: string | null, form: 'mms' | 'sms'): SafeHtml {
  return channel !== null && channel !== form ? html` <small>(this message went as ${channel.toUpperCase()})</small>` : html``;
}

export function previewsSection(p: MessagePreviews): SafeHtml {
  const porm = p.porm === null
    ? html`<p class="compose-device-note">Sent without a template: there is no porm page for this message. Send from a template to give it one.</p>`
    : 'error' in p.porm ? html`<p class="compose-device-note">The page cannot be shown: ${p.porm.error.message} <code>${p.porm.error.code}</code></p>`
      // The renderer's own output: it escapes every value it was given (src/rich/render).
      : html`${p.porm.styles.map((href) => html`<link rel="stylesheet" href="${href}">`)}<div class="compose-screen porm-screen" inert>${new SafeHtml(p.porm.html)}</div>`;
  const { mms, sms } = p;
  const budget = mms.fitted && mms.budgetBytes !== null ? html`profile <code>${mms.profile ?? ''}</code>, ${kb(mms.totalBytes)} of ${kb(mms.budgetBytes)}` : html`not fitted yet: ${kb(mms.totalBytes)} as uploaded`;
  return html`<section class="compose-previews" aria-labelledby="previews-heading"><h2 id="previews-heading">Device previews</h2>
<div class="compose-devices">
<figure class="compose-device" id="preview-porm"><figcaption>porm page</figcaption><div class="compose-phone">${porm}</div></figure>
<figure class="compose-device" id="preview-mms"><figcaption>MMS slideshow: ${budget}${notSent(p.channel, 'mms')}</figcaption><div class="compose-phone"><ol class="compose-slides">${mms.slides.map((s, i) => slide(s, i, mms.slides.length))}</ol>
${mms.attachments.length > 0 ? html`<ul class="compose-mms-files" aria-label="Attached files">${mms.attachments.map((m) => html`<li>${facts(m)}</li>`)}</ul>` : ''}</div></figure>
<figure class="compose-device" id="preview-sms"><figcaption>SMS: ${sms.segments} segment${sms.segments === 1 ? '' : 's'} (${sms.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2'})${notSent(p.channel, 'sms')}</figcaption><div class="compose-phone">
${sms.parts.length === 0 ? html`<p class="compose-device-note">No text.</p>` : html`<p class="compose-sms-bubble">${sms.parts.join('')}</p>`}
${sms.parts.length > 1 ? html`<ol class="compose-segments">${sms.parts.map((t, i) => html`<li><span class="compose-segment-no">Segment ${i + 1}</span> ${[...t].length} characters</li>`)}</ol>` : ''}</div></figure>
</div></section>`;
}
