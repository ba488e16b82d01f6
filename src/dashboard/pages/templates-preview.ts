import { html, SafeHtml } from '../html.ts';
import type { previewTemplate } from '../../rich/preview/preview.ts';
import type { BoundTheme } from '../../rich/bound/model.ts';
import type { DeviceSettings } from '../template-form.ts';

// The three forms of a template as a recipient would get them: the porm page in a phone-sized
// frame, the MMS slides, the SMS text. The page is the renderer's own HTML (the one /m/{token}
// serves, escaped by the renderer) in an iframe's srcdoc, sandboxed without scripts or forms; the
// srcdoc document inherits the dashboard's CSP, so it loads only porm's own stylesheets.

export type TemplatePreview = Awaited<ReturnType<typeof previewTemplate>>;

/** The query of /dashboard/assets/rich-theme.css for a theme (the route re-validates every value). */
export function themeQuery(theme: BoundTheme): string {
  return new URLSearchParams({
    p: theme.primaryColor, b: theme.backgroundColor, t: theme.textColor, a: theme.accentColor, o: theme.onPrimaryColor, f: theme.font, r: String(theme.cornerRadius),
  }).toString();
}

function pageDocument(preview: TemplatePreview): string {
  const message = preview.porm.instructions;
  const lang = message.locale && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(message.locale) ? message.locale : 'en';
  return html`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview</title><link rel="stylesheet" href="/m/assets/message.css"><link rel="stylesheet" href="/dashboard/assets/rich-theme.css?${themeQuery(message.theme)}"></head>
<body><main class="porm-page"><porm-message>${new SafeHtml(preview.porm.html)}</porm-message></main></body></html>`.value;
}

const bytes = (n: number): string => (n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`);
const segments = (n: number): string => `${n} segment${n === 1 ? '' : 's'}`;

function visualOf(slide: TemplatePreview['mms']['slides'][number]): SafeHtml {
  const v = slide.visual;
  if (v === null) return html``;
  const what = v.kind === 'code' ? `${v.format} code` : v.kind;
  return html`<p class="mms-visual"><span class="mms-kind">${what}</span>${v.alt ? html`: ${v.alt}` : ''}${slide.visual_bytes !== null ? html` (${bytes(slide.visual_bytes)})` : ''}${v.kind !== 'code' ? html` <span class="tpl-muted">fetched and fitted at send time</span>` : ''}</p>`;
}

export function previewPanels(preview: TemplatePreview, device: DeviceSettings): SafeHtml {
  const { porm, mms, sms } = preview;
  return html`<div class="tpl-forms">
<section class="tpl-form" aria-labelledby="pv-porm"><h3 id="pv-porm">porm page</h3>
<div class="tpl-phone"><iframe class="tpl-phone-screen tpl-phone-w${device.width}" title="The porm page, ${device.width} px wide${device.dark ? ', dark mode' : ''}" sandbox="allow-same-origin" srcdoc="${pageDocument(preview)}"></iframe></div>
<p class="tpl-muted">Sent as a link: ${porm.notification.bytes} bytes, ${segments(porm.notification.segments)} (${porm.notification.encoding}).</p></section>
<section class="tpl-form" aria-labelledby="pv-mms"><h3 id="pv-mms">MMS fallback</h3>
${mms.subject ? html`<p><strong>Subject:</strong> <span class="mms-subject">${mms.subject}</span></p>` : ''}
<ol class="mms-slides">${mms.slides.map((s, i) => html`<li class="mms-slide" aria-label="Slide ${i + 1} of ${mms.slides.length}">${visualOf(s)}${s.text ? html`<div class="bubble">${s.text}</div>` : ''}${s.audio ? html`<p class="mms-visual"><span class="mms-kind">audio</span>: ${s.audio.alt}</p>` : ''}<p class="tpl-muted">${bytes(s.text_bytes)} of text</p></li>`)}</ol>
${mms.attachments.length > 0 ? html`<p>Attached: ${mms.attachments.map((a, i) => html`${i > 0 ? ', ' : ''}<code>${a.filename}</code> (${bytes(a.bytes)})`)}</p>` : ''}</section>
<section class="tpl-form" aria-labelledby="pv-sms"><h3 id="pv-sms">SMS fallback</h3>
<div class="bubble sms-text">${sms.text}</div>
<p class="tpl-muted">${segments(sms.segments)}, ${sms.encoding}, ${sms.units} units.</p></section>
</div>`;
}
