import type { BoundCard, BoundComponent, BoundImage, BoundVideo } from '../bound/model.ts';
import type { Card, Component, Image, Video } from '../format/types.ts';
import { compileButtons, compileOptAction } from './component-buttons.ts';
import { compileFactUnits } from './component-content.ts';
import type { Build } from './context.ts';
import type { CompileScope, KeyRegistry } from './scope.ts';
import { collect, collectSome, unit } from './units.ts';

// Images, video, audio, cards and carousels. Media URLs are http/https only. A card's media is not
// a droppable unit: bad media drops the card (in a carousel: that card alone).

export function compileImage(c: Image, at: string, key: string, s: CompileScope, keys: KeyRegistry): Build<BoundImage> {
  const url = s.webUrl(c.url, `${at}/url`);
  const alt = s.textOr(c.alt, `${at}/alt`, '');
  const aspectRatio = c.aspectRatio ?? null;
  const action = compileOptAction(c.action, key, at, s, keys);
  return (ctx) => ({ key, type: 'image', url: url(ctx), alt: alt(ctx), aspectRatio, action: action(ctx) });
}

export function compileVideo(c: Video, at: string, key: string, s: CompileScope): Build<BoundVideo> {
  const url = s.webUrl(c.url, `${at}/url`);
  const poster = s.optUrl(c.poster, `${at}/poster`, true);
  const alt = s.textOr(c.alt, `${at}/alt`, '');
  const captionsUrl = s.optUrl(c.captionsUrl, `${at}/captionsUrl`, true);
  return (ctx) => ({ key, type: 'video', url: url(ctx), poster: poster(ctx), alt: alt(ctx), captionsUrl: captionsUrl(ctx) });
}

export function compileAudio(c: Extract<Component, { type: 'audio' }>, at: string, key: string, s: CompileScope): Build<BoundComponent> {
  const url = s.webUrl(c.url, `${at}/url`);
  const title = s.optText(c.title, `${at}/title`);
  const alt = s.textOr(c.alt, `${at}/alt`, '');
  return (ctx) => ({ key, type: 'audio', url: url(ctx), title: title(ctx), alt: alt(ctx) });
}

function compileMedia(m: Image | Video | undefined, at: string, s: CompileScope, keys: KeyRegistry): Build<BoundImage | BoundVideo | null> {
  if (m === undefined) return () => null;
  const key = keys.key(m.id, at);
  const build: Build<BoundImage | BoundVideo> = m.type === 'image' ? compileImage(m, at, key, s, keys) : compileVideo(m, at, key, s);
  return unit(at, m.when, build, false);
}

/** A card without its unit wrapper (the caller decides whether it drops alone). */
export function compileCard(c: Card, at: string, key: string, s: CompileScope, keys: KeyRegistry): Build<BoundCard> {
  const media = compileMedia(c.media, `${at}/media`, s, keys);
  const title = s.text(c.title, `${at}/title`);
  const subtitle = s.optText(c.subtitle, `${at}/subtitle`);
  const body = s.optText(c.body, `${at}/body`);
  const facts = compileFactUnits(c.facts ?? [], at, s);
  const buttons = compileButtons(c.buttons, at, s, keys);
  const action = compileOptAction(c.action, key, at, s, keys);
  return (ctx) => ({
    key, type: 'card', media: media(ctx), title: title(ctx), subtitle: subtitle(ctx), body: body(ctx),
    facts: collect(ctx, facts), buttons: collect(ctx, buttons), action: action(ctx),
  });
}

export function compileCarousel(c: Extract<Component, { type: 'carousel' }>, at: string, key: string, s: CompileScope, keys: KeyRegistry): Build<BoundComponent> {
  const cards = c.cards.map((card, i) => {
    const cardAt = `${at}/cards/${i}`;
    return unit(cardAt, card.when, compileCard(card, cardAt, keys.key(card.id, cardAt), s, keys), true);
  });
  return (ctx) => ({ key, type: 'carousel', cards: collectSome(ctx, cards, at, 'card') });
}
