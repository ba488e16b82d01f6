// The hosted page's HTML document around the renderer's output. Works without script (the
// server-rendered message is complete), then the device assembler upgrades it in place.

export const PAGE_CSP = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", 'media-src https: http:',
  "connect-src 'self'", "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'",
].join('; ');

/** Headers every page response carries: the page URL is a bearer link, so it must not leak or be cached by others. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': PAGE_CSP,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-robots-tag': 'noindex, nofollow',
  'cache-control': 'private, no-store',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
});

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function pageDocument(p: { base: string; title: string; lang: string | null; revision: number; bodyHtml: string; notice?: string }): string {
  const lang = p.lang && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(p.lang) ? p.lang : 'en';
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${escapeHtml(p.title)}</title>
<link rel="stylesheet" href="/m/assets/message.css">
<link rel="stylesheet" href="${escapeHtml(p.base)}/theme.css?r=${p.revision}">
<script type="module" src="/m/assets/porm-message.js"></script>
</head><body><main class="porm-page">
${p.notice ? `<p class="porm-notice" role="status">${escapeHtml(p.notice)}</p>\n` : ''}<porm-message data-base="${escapeHtml(p.base)}" data-revision="${p.revision}">${p.bodyHtml}</porm-message>
</main></body></html>`;
}

export function errorDocument(title: string, text: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>${escapeHtml(title)}</title><link rel="stylesheet" href="/m/assets/message.css"></head>
<body><main class="porm-page"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></main></body></html>`;
}
