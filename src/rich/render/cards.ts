import type { BoundCard, BoundComponent } from '../bound/model.ts';
import { linkAttrs, renderButtons, tapControl } from './actions.ts';
import { type RenderContext, keyAttr, mediaOk } from './context.ts';
import { attr, esc } from './escape.ts';
import { imageInner, proxiedImg, videoInner } from './media.ts';
import { STRINGS } from './strings.ts';
import { factsList } from './text.ts';

// Cards, carousels and lists: the composite components. A card's own action makes its title the
// link (one clear target, no nested interactive content); an action that is not a link becomes an
// extra button instead, so it is never silently lost.

type Of<T extends BoundComponent['type']> = Extract<BoundComponent, { type: T }>;

export function renderCard(card: BoundCard, ctx: RenderContext, extraAttrs = keyAttr(card.key)): string {
  const level = Math.min(6, ctx.headingLevel + 1);
  const mediaKey = `${card.key}/media`;
  const m = card.media === null ? '' : card.media.type === 'image' ? imageInner(card.media, mediaKey, ctx) : videoInner(card.media, mediaKey, ctx);
  const media = m === '' ? '' : `<div class="porm-card-media">${m}</div>`;
  const link = card.action === null ? null : linkAttrs(card.action, ctx);
  const titleText = esc(card.title);
  const title = titleText === '' ? '' : `<h${level} class="porm-card-title">${link === null ? titleText : `<a class="porm-card-link"${link}>${titleText}</a>`}</h${level}>`;
  const subtitle = card.subtitle === null || card.subtitle === '' ? '' : `<p class="porm-card-subtitle">${esc(card.subtitle)}</p>`;
  const body = card.body === null || card.body === '' ? '' : `<p class="porm-card-text">${esc(card.body)}</p>`;
  const buttons = renderButtons(card.buttons, ctx) + tapControl(card.action, card.title, ctx);
  const actions = buttons === '' ? '' : `<div class="porm-actions">${buttons}</div>`;
  return `<div class="porm-card"${extraAttrs}>${media}<div class="porm-card-body">${title}${subtitle}${body}${factsList(card.facts)}</div>${actions}</div>`;
}

/** A horizontally scrolling list of cards (CSS scroll snap, no script), announced as a carousel. */
export function renderCarousel(c: Of<'carousel'>, ctx: RenderContext): string {
  const n = c.cards.length;
  if (n === 0) return '';
  // tabindex: a scrolling region must be reachable by keyboard even when its cards have no links.
  let out = `<section class="porm-carousel" aria-roledescription="carousel"${attr('aria-label', STRINGS.carousel)}${keyAttr(c.key)}><ul class="porm-slides" tabindex="0">`;
  for (let i = 0; i < n; i++) {
    out += `<li class="porm-slide" aria-roledescription="slide"${attr('aria-label', STRINGS.slide(i + 1, n))}>${renderCard(c.cards[i]!, ctx)}</li>`;
  }
  return `${out}</ul></section>`;
}

export function renderList(l: Of<'list'>, ctx: RenderContext): string {
  if (l.items.length === 0) return '';
  const tag = l.ordered ? 'ol' : 'ul';
  let out = `<${tag} class="porm-list"${keyAttr(l.key)}>`;
  l.items.forEach((item, i) => {
    // Item index in the bound list: items have no device rules, so indexes match the server's.
    const thumb = item.image !== null && mediaOk(ctx, item.image) ? proxiedImg(ctx, `${l.key}/items/${i}/image`, item.alt, 'thumb') : '';
    const link = item.action === null ? null : linkAttrs(item.action, ctx);
    const title = link === null ? esc(item.title) : `<a${link}>${esc(item.title)}</a>`;
    const sub = item.subtitle === null || item.subtitle === '' ? '' : `<span class="porm-list-subtitle">${esc(item.subtitle)}</span>`;
    out += `<li class="porm-list-item">${thumb}<div class="porm-list-text"><span class="porm-list-title">${title}</span>${sub}</div>${tapControl(item.action, item.title, ctx)}</li>`;
  });
  return `${out}</${tag}>`;
}
