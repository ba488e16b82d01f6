import type { BoundButton, BoundCard, BoundCommon, BoundComponent, BoundMessage, DeviceContext } from '../bound/model.ts';
import { type Lookup, deviceLookup, evaluatePredicate } from '../rules/evaluate.ts';

// Device rules are the only rules left in a bound message; they are applied here, at render time,
// against what the phone reported (the server renders with whatever context it has, often none:
// an unreported value never satisfies a comparison, so such rules fall to their "otherwise" side).
// Unchanged parts are returned as the same objects, so the common no-rule case allocates nothing.

function shown(c: BoundCommon, lookup: Lookup): boolean {
  if (c.device === undefined) return true;
  try {
    return evaluatePredicate(c.device, lookup);
  } catch {
    return false; // a malformed rule hides its component rather than breaking the whole message
  }
}

function visibleButtons(buttons: readonly BoundButton[], lookup: Lookup): readonly BoundButton[] {
  if (buttons.every((b) => b.device === undefined)) return buttons;
  return buttons.filter((b) => shown(b, lookup));
}

function visibleCard(card: BoundCard, lookup: Lookup): BoundCard | null {
  if (!shown(card, lookup)) return null;
  const media = card.media !== null && shown(card.media, lookup) ? card.media : null;
  const buttons = visibleButtons(card.buttons, lookup);
  return media === card.media && buttons === card.buttons ? card : { ...card, media, buttons };
}

function visibleComponent(c: BoundComponent, lookup: Lookup): BoundComponent | null {
  if (!shown(c, lookup)) return null;
  switch (c.type) {
    case 'card':
      return visibleCard(c, lookup);
    case 'carousel': {
      const cards: BoundCard[] = [];
      let changed = false;
      for (const card of c.cards) {
        const v = visibleCard(card, lookup);
        if (v !== card) changed = true;
        if (v !== null) cards.push(v);
      }
      if (cards.length === 0) return null;
      return changed ? { ...c, cards } : c;
    }
    case 'button_row': {
      const buttons = visibleButtons(c.buttons, lookup);
      if (buttons.length === 0) return null;
      return buttons === c.buttons ? c : { ...c, buttons };
    }
    default:
      return c;
  }
}

/** The message's top-level components with device rules applied, recursively (cards, buttons, card media). */
export function visibleComponents(message: BoundMessage, device: DeviceContext): BoundComponent[] {
  const lookup = deviceLookup(device);
  const out: BoundComponent[] = [];
  for (const c of message.components) {
    const v = visibleComponent(c, lookup);
    if (v !== null) out.push(v);
  }
  return out;
}
