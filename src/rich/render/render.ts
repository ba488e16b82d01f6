import type { BoundComponent, BoundMessage, BoundQuickReply, DeviceContext } from '../bound/model.ts';
import { renderButton, renderButtons } from './actions.ts';
import { renderCard, renderCarousel, renderList } from './cards.ts';
import { type RenderContext, createContext, keyAttr, pormUrl } from './context.ts';
import { attr, esc } from './escape.ts';
import { renderForm } from './forms.ts';
import { renderMap } from './map.ts';
import { renderAudio, renderCode, renderImage, renderVideo } from './media.ts';
import type { RenderOptions } from './options.ts';
import { STRINGS } from './strings.ts';
import { renderCountdown, renderDivider, renderFacts, renderHeading, renderSpacer, renderText } from './text.ts';
import { isPormBase } from './urls.ts';
import { visibleComponents } from './visibility.ts';

// The one HTML renderer: bound message + device context → the message's <article>. Used by the
// server (hosted page, previews) and bundled into the device assembler, so it is pure, browser-safe
// and deterministic: no I/O, no clock (options.now), no global state, no script or style emitted.

/** BCP 47-ish: a 2–3 letter language, then up to 6 subtags. Anything else gets no lang attribute. */
const LANG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,6}$/;
const RTL = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ps', 'sd', 'ug', 'ur', 'yi']);

export function messageLang(locale: string | null): string | null {
  if (typeof locale !== 'string' || locale.length > 64) return null;
  const tag = locale.replaceAll('_', '-');
  return LANG.test(tag) ? tag : null;
}

export function renderComponent(c: BoundComponent, ctx: RenderContext): string {
  switch (c.type) {
    case 'text': return renderText(c, ctx);
    case 'heading': return renderHeading(c, ctx);
    case 'image': return renderImage(c, ctx);
    case 'video': return renderVideo(c, ctx);
    case 'audio': return renderAudio(c, ctx);
    case 'card': return renderCard(c, ctx);
    case 'carousel': return renderCarousel(c, ctx);
    case 'button': {
      const b = renderButton(c, ctx);
      return b === '' ? '' : `<div class="porm-actions"${keyAttr(c.key)}>${b}</div>`;
    }
    case 'button_row': {
      const b = renderButtons(c.buttons, ctx);
      return b === '' ? '' : `<div class="porm-actions porm-row"${keyAttr(c.key)}>${b}</div>`;
    }
    case 'list': return renderList(c, ctx);
    case 'divider': return renderDivider(c);
    case 'spacer': return renderSpacer(c);
    case 'facts': return renderFacts(c);
    case 'countdown': return renderCountdown(c, ctx);
    case 'code': return renderCode(c, ctx);
    case 'map': return renderMap(c, ctx);
    case 'form': return renderForm(c, ctx);
    default: return ''; // a component type from a newer format version: skipped, never an error
  }
}

function renderQuickReplies(replies: readonly BoundQuickReply[], ctx: RenderContext): string {
  if (replies.length === 0) return '';
  let out = `<nav class="porm-quick"${attr('aria-label', STRINGS.quickReplies)}>`;
  for (const q of replies) {
    // The payload stays on the server (found by id), so a reply without a label has nothing to show.
    if (q.label.trim() === '') continue;
    const label = q.label;
    out += `<form class="porm-quick-form" method="post" action="${pormUrl(ctx, 'q', q.id)}"><button type="submit" class="porm-chip"${attr('data-porm-action', q.id)} data-porm-kind="quick_reply">${esc(label)}</button></form>`;
  }
  return `${out}</nav>`;
}

/** The message as `<article class="porm-msg" lang=…>…</article>`. Throws only for an invalid options.base (a caller bug). */
export function renderMessageHtml(message: BoundMessage, device: DeviceContext, options: RenderOptions): string {
  if (!isPormBase(options.base)) throw new RangeError('renderMessageHtml: options.base must be "/path" or an http(s) URL without a trailing slash');
  const lang = messageLang(message.locale);
  const visible = visibleComponents(message, device);
  const ctx = createContext(visible, options, lang);
  const parts: string[] = [];
  const dir = lang !== null && RTL.has(lang.split('-')[0]!.toLowerCase()) ? ' dir="rtl"' : '';
  parts.push(`<article class="porm-msg"${lang === null ? '' : attr('lang', lang)}${dir}>`);
  for (const c of visible) parts.push(renderComponent(c, ctx));
  parts.push(renderQuickReplies(message.quickReplies, ctx), '</article>');
  return parts.join('');
}
