import type { BoundButton, BoundCard, BoundCommon, BoundComponent, DeviceContext } from '../bound/model.ts';
import { deviceLookup, evaluatePredicate } from '../rules/evaluate.ts';

// A classic MMS or SMS reader cannot evaluate device rules, so the fallback builders decide them
// once, at send time, for the plainest phone we can imagine: a 320 px wide screen in light mode
// that reports every capability as absent (false, not unknown, so a rule written as
// "capability.calendar == false" shows its plain alternative). Locale, time and location stay
// unreported: the fallback cannot know them, and unreported values never satisfy a comparison.
export const FALLBACK_DEVICE: DeviceContext = {
  screen_width: 320,
  dark_mode: false,
  capability: { calendar: false, map: false, video: false, audio: false, wallet: false, clipboard: false, share: false },
};

const lookup = deviceLookup(FALLBACK_DEVICE);

function shown(c: BoundCommon): boolean {
  return c.device === undefined || evaluatePredicate(c.device, lookup);
}

function visibleButtons(buttons: readonly BoundButton[]): BoundButton[] {
  return buttons.filter(shown);
}

function visibleCard(card: BoundCard): BoundCard {
  const media = card.media !== null && shown(card.media) ? card.media : null;
  return { ...card, media, buttons: visibleButtons(card.buttons) };
}

/** The components (and nested cards, media and buttons) the fallback device would show. */
export function visibleComponents(components: readonly BoundComponent[]): BoundComponent[] {
  const out: BoundComponent[] = [];
  for (const c of components) {
    if (!shown(c)) continue;
    if (c.type === 'card') out.push(visibleCard(c));
    else if (c.type === 'carousel') out.push({ ...c, cards: c.cards.filter(shown).map(visibleCard) });
    else if (c.type === 'button_row') out.push({ ...c, buttons: visibleButtons(c.buttons) });
    else out.push(c);
  }
  return out;
}
