import type { BoundAction, BoundComponent, BoundForm, BoundMessage } from '../bound/model.ts';

// Finding things in a bound message by the ids the page links carry. Pure. A link names an id,
// never a URL: the target is looked up again in the message's current revision, so a corrected
// link takes effect for every later click, and a forged id finds nothing.

function* componentsOf(list: readonly BoundComponent[]): Generator<BoundComponent> {
  for (const c of list) {
    yield c;
    if (c.type === 'carousel') yield* componentsOf(c.cards);
    if (c.type === 'card') yield* c.buttons;
    if (c.type === 'button_row') yield* c.buttons;
  }
}

export function* actionsOf(message: BoundMessage): Generator<BoundAction> {
  for (const c of componentsOf(message.components)) {
    switch (c.type) {
      case 'button': yield c.action; break;
      case 'card': if (c.action) yield c.action; if (c.media?.type === 'image' && c.media.action) yield c.media.action; break;
      case 'image': case 'map': if (c.action) yield c.action; break;
      case 'list': for (const item of c.items) if (item.action) yield item.action; break;
      default: break;
    }
  }
}

export function findAction(message: BoundMessage, id: string): BoundAction | undefined {
  for (const a of actionsOf(message)) if (a.id === id) return a;
  return undefined;
}

export function findForm(message: BoundMessage, formId: string): BoundForm | undefined {
  for (const c of componentsOf(message.components)) if (c.type === 'form' && c.id === formId) return c;
  return undefined;
}

/** A video by the key the renderer used: its component key, or `${card}/media` for a card's video. */
function findVideo(message: BoundMessage, key: string): Extract<BoundComponent, { type: 'video' }> | undefined {
  for (const c of componentsOf(message.components)) {
    if (c.type === 'video' && c.key === key) return c;
    if (c.type === 'card' && c.media?.type === 'video' && `${c.key}/media` === key) return c.media;
  }
  return undefined;
}

export function findCaptionsUrl(message: BoundMessage, videoKey: string): string | undefined {
  return findVideo(message, videoKey)?.captionsUrl ?? undefined;
}

/** The media URL behind an image key the renderer used: a component, `${card}/media`, `${list}/items/${i}/image` or `${video}/poster`. */
export function findImageUrl(message: BoundMessage, key: string): string | undefined {
  if (key.endsWith('/poster')) return findVideo(message, key.slice(0, -'/poster'.length))?.poster ?? undefined;
  for (const c of componentsOf(message.components)) {
    if (c.type === 'image' && c.key === key) return c.url;
    if (c.type === 'card' && c.media?.type === 'image' && (`${c.key}/media` === key || c.media.key === key)) return c.media.url;
    if (c.type === 'list') {
      const i = c.items.findIndex((_item, n) => `${c.key}/items/${n}/image` === key);
      if (i >= 0) return c.items[i]!.image ?? undefined;
    }
  }
  return undefined;
}

export function findCode(message: BoundMessage, key: string): Extract<BoundComponent, { type: 'code' }> | undefined {
  for (const c of componentsOf(message.components)) if (c.type === 'code' && c.key === key) return c;
  return undefined;
}

/** The title of the page: the first heading or card title. */
export function titleOf(message: BoundMessage): string {
  for (const c of componentsOf(message.components)) {
    if (c.type === 'heading') return c.text;
    if (c.type === 'card') return c.title;
  }
  return 'Message';
}
