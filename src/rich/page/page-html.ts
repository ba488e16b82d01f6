import { esc } from '../render/escape.ts';

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

/** The document around the message itself, an error or a confirmation: the same head everywhere (an empty icon, so no /favicon.ico 404). */
function shell(p: { title: string; lang: string; head?: string; body: string }): string {
  return `<!doctype html>
<html lang="${esc(p.lang)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${esc(p.title)}</title>
<link rel="stylesheet" href="/m/assets/message.css">${p.head ?? ''}
</head><body><main class="porm-page">
${p.body}
</main></body></html>`;
}

export function pageDocument(p: { base: string; title: string; lang: string | null; revision: number; bodyHtml: string }): string {
  const lang = p.lang && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(p.lang) ? p.lang : 'en';
  return shell({
    title: p.title, lang,
    head: `\n<link rel="stylesheet" href="${esc(p.base)}/theme.css?r=${p.revision}">\n<script type="module" src="/m/assets/porm-message.js"></script>`,
    body: `<porm-message data-base="${esc(p.base)}" data-revision="${p.revision}">${p.bodyHtml}</porm-message>`,
  });
}

export function errorDocument(title: string, text: string): string {
  return shell({ title, lang: 'en', body: `<h1>${esc(title)}</h1><p>${esc(text)}</p>` });
}

/**
 * A form answered a second time (without script: a back button, a second tab): not an error of the
 * reader's, so it says what happened, keeps the first answer, and leads back to the message. The code
 * is shown small, for anyone the reader asks for help.
 */
export function alreadyAnsweredDocument(base: string, code: string): string {
  return shell({
    title: 'Already answered', lang: 'en',
    body: `<h1>You have already answered</h1>
<p>This form takes one answer, and yours was received earlier. Nothing more was sent.</p>
<p><a href="${esc(base)}">Back to the message</a></p>
<p class="porm-code-ref"><small>${esc(code)}</small></p>`,
  });
}

/** Without script, a postback that asks first gets this page: Yes posts again with confirmed=1. */
export function confirmDocument(base: string, actionId: string, question: string): string {
  return shell({
    title: question, lang: 'en',
    body: `<h1>${esc(question)}</h1>
<form method="post" action="${esc(base)}/a/${esc(encodeURIComponent(actionId))}"><input type="hidden" name="confirmed" value="1"><button type="submit" class="porm-btn porm-btn-primary">Yes</button></form>
<p><a href="${esc(base)}">No, go back</a></p>`,
  });
}
