import { esc } from '../../rich/render/escape.ts';

// The HTML of the page an MMS that fell back to SMS links to. No script at all: the message is a
// subject, a text and its media, shown by the browser's own elements.

export interface PageMedia {
  url: string;
  /** Null for a URL the sender gave: guessed from its extension. */
  contentType: string | null;
  name: string | null;
}

export const FALLBACK_PAGE_CSP = [
  "default-src 'none'", "img-src 'self' https: http: data:", "media-src 'self' https: http:", "style-src 'unsafe-inline'",
  "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

/** The token in the URL is a bearer link: not cached by others, not indexed, never sent on as a Referer. */
export const FALLBACK_PAGE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': FALLBACK_PAGE_CSP,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-robots-tag': 'noindex, nofollow',
  'cache-control': 'private, no-store',
  'cross-origin-opener-policy': 'same-origin',
  'x-frame-options': 'DENY',
});

type Kind = 'image' | 'video' | 'audio' | 'file';

function kindOf(media: PageMedia): Kind {
  const type = media.contentType?.toLowerCase();
  if (type) {
    if (type.startsWith('image/')) return 'image';
    if (type.startsWith('video/')) return 'video';
    if (type.startsWith('audio/')) return 'audio';
    return 'file';
  }
  let path = '';
  try {
    path = new URL(media.url).pathname.toLowerCase();
  } catch {
    return 'file';
  }
  if (/\.(jpe?g|png|gif|webp|bmp|heic|avif)$/.test(path)) return 'image';
  if (/\.(mp4|3gp|3gpp|mov|webm|m4v)$/.test(path)) return 'video';
  if (/\.(mp3|m4a|aac|amr|ogg|wav|opus)$/.test(path)) return 'audio';
  return 'file';
}

function mediaHtml(media: PageMedia): string {
  const url = esc(media.url);
  const label = esc(media.name ?? 'attachment');
  switch (kindOf(media)) {
    case 'image': return `<figure><img src="${url}" alt="${label}" loading="lazy"></figure>`;
    case 'video': return `<figure><video src="${url}" controls playsinline preload="metadata"></video><figcaption><a href="${url}" rel="noreferrer">${label}</a></figcaption></figure>`;
    case 'audio': return `<figure><audio src="${url}" controls preload="metadata"></audio></figure>`;
    case 'file': return `<p><a href="${url}" rel="noreferrer">${label}</a></p>`;
  }
}

const STYLE = 'body{font:16px/1.45 system-ui,sans-serif;margin:0;background:#f6f6f6;color:#111}main{max-width:40rem;margin:0 auto;padding:1rem;background:#fff;min-height:100vh}'
  + 'h1{font-size:1.2rem}p.text{white-space:pre-wrap;overflow-wrap:anywhere}figure{margin:1rem 0}img,video{max-width:100%;height:auto;border-radius:6px}audio{width:100%}';

function shell(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<link rel="icon" href="data:,">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head><body><main>
${body}
</main></body></html>`;
}

export function fallbackPageDocument(p: { subject: string | null; body: string; media: readonly PageMedia[] }): string {
  const parts = [
    p.subject ? `<h1>${esc(p.subject)}</h1>` : '',
    p.body ? `<p class="text">${esc(p.body)}</p>` : '',
    ...p.media.map(mediaHtml),
  ].filter((s) => s !== '');
  return shell(p.subject || 'Message', parts.join('\n'));
}

export function fallbackNotFoundDocument(): string {
  return shell('Message not found', '<h1>Message not found</h1><p>This message link is not valid. Check that you copied all of it.</p>');
}
