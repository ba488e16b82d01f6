import type { BoundComponent, BoundImage, BoundVideo } from '../bound/model.ts';
import { linkAttrs, tapControl } from './actions.ts';
import { type RenderContext, keyAttr, mediaOk, pormUrl } from './context.ts';
import { attr, esc } from './escape.ts';
import { STRINGS } from './strings.ts';

// Images come through porm's media proxy (no third-party request from the phone, and the right
// size for the screen); the proxy finds the source URL by component key in the bound message.
// Video and audio play from their own URL, but nothing is fetched before the user presses play.

type Audio = Extract<BoundComponent, { type: 'audio' }>;
type Code = Extract<BoundComponent, { type: 'code' }>;

const RATIO_CLASS: Readonly<Record<string, string>> = { '1:1': ' porm-ar-1-1', '4:3': ' porm-ar-4-3', '16:9': ' porm-ar-16-9', '3:4': ' porm-ar-3-4', '9:16': ' porm-ar-9-16' };
const CODE_FORMATS: ReadonlySet<string> = new Set(['qr', 'aztec', 'pdf417', 'code128']);

export type ImageSize = 'full' | 'thumb';

/** An `<img>` of proxied media. alt "" marks it decorative (HTML's own rule; no role needed). */
export function proxiedImg(ctx: RenderContext, key: string, alt: string, size: ImageSize, extraClass = ''): string {
  const src = pormUrl(ctx, 'img', key);
  const set = size === 'full'
    ? ` src="${src}?w=640" srcset="${src}?w=320 320w, ${src}?w=640 640w, ${src}?w=1080 1080w" sizes="(max-width: 560px) 100vw, 560px"`
    : ` src="${src}?w=128" srcset="${src}?w=128 128w, ${src}?w=320 320w" sizes="64px"`;
  const cls = size === 'full' ? 'porm-img' : 'porm-thumb';
  return `<img class="${cls}${extraClass}"${set}${attr('alt', alt)} loading="lazy" decoding="async">`;
}

/** An image, linked when its action is a link. `key` is the proxy key (see docs in index.ts). */
export function imageInner(img: BoundImage, key: string, ctx: RenderContext): string {
  if (!mediaOk(ctx, img.url)) return '';
  const ratio = img.aspectRatio !== null && Object.hasOwn(RATIO_CLASS, img.aspectRatio) ? RATIO_CLASS[img.aspectRatio]! : '';
  const tag = proxiedImg(ctx, key, img.alt, 'full', ratio);
  const link = img.action === null ? null : linkAttrs(img.action, ctx);
  // A linked image with no alt would be a nameless link: name it after what it does.
  const name = img.alt.trim() === '' && img.action !== null ? attr('aria-label', STRINGS.actionLabel[img.action.kind] ?? '') : '';
  const body = link === null ? tag : `<a class="porm-img-link"${link}${name}>${tag}</a>`;
  return body + tapControl(img.action, img.alt, ctx);
}

export function renderImage(img: BoundImage, ctx: RenderContext): string {
  const inner = imageInner(img, img.key, ctx);
  return inner === '' ? '' : `<div class="porm-image"${keyAttr(img.key)}>${inner}</div>`;
}

/** `<video>` plus a plain link to the file; poster and captions come through porm too. */
export function videoInner(v: BoundVideo, key: string, ctx: RenderContext): string {
  if (!mediaOk(ctx, v.url)) return '';
  const poster = v.poster !== null && mediaOk(ctx, v.poster) ? ` poster="${pormUrl(ctx, 'img', `${key}/poster`)}?w=640"` : '';
  const label = v.alt.trim() === '' ? '' : attr('aria-label', v.alt);
  // Same origin on purpose: a cross-origin <track> loads only with CORS, which video hosts rarely send.
  const track = v.captionsUrl !== null && mediaOk(ctx, v.captionsUrl)
    ? `<track kind="captions" src="${pormUrl(ctx, 'captions', key, '.vtt')}"${ctx.lang === null ? '' : attr('srclang', ctx.lang)} label="${esc(STRINGS.captions)}" default>`
    : '';
  return `<video class="porm-video-el" controls preload="none" playsinline${poster}${attr('src', v.url)}${label}>${track}${esc(v.alt)}</video>`
    + `<p class="porm-media-link"><a${attr('href', v.url)} rel="noreferrer">${esc(STRINGS.openVideo)}</a></p>`;
}

export function renderVideo(v: BoundVideo, ctx: RenderContext): string {
  const inner = videoInner(v, v.key, ctx);
  return inner === '' ? '' : `<div class="porm-video"${keyAttr(v.key)}>${inner}</div>`;
}

export function renderAudio(a: Audio, ctx: RenderContext): string {
  if (!mediaOk(ctx, a.url)) return '';
  const title = a.title === null || a.title === '' ? '' : `<figcaption class="porm-audio-title">${esc(a.title)}</figcaption>`;
  const name = a.alt.trim() !== '' ? a.alt : a.title ?? '';
  const label = name.trim() === '' ? '' : attr('aria-label', name);
  return `<figure class="porm-audio"${keyAttr(a.key)}>${title}<audio class="porm-audio-el" controls preload="none"${attr('src', a.url)}${label}>${esc(name)}</audio>`
    + `<p class="porm-media-link"><a${attr('href', a.url)} rel="noreferrer">${esc(STRINGS.openAudio)}</a></p></figure>`;
}

/** The server draws the symbol as SVG from the value it finds by key; the page never holds the value. */
export function renderCode(c: Code, ctx: RenderContext): string {
  if (!CODE_FORMATS.has(c.format)) return '';
  // A code is never decorative: without author alt, say what kind of code it is.
  const alt = c.alt.trim() === '' ? STRINGS.codeAlt[c.format] : c.alt;
  const caption = c.caption === null || c.caption === '' ? '' : `<figcaption class="porm-code-caption">${esc(c.caption)}</figcaption>`;
  return `<figure class="porm-code porm-code-${c.format}"${keyAttr(c.key)}><img class="porm-code-img" src="${pormUrl(ctx, 'code', c.key, '.svg')}"${attr('alt', alt)} decoding="async">${caption}</figure>`;
}
