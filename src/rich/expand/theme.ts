import type { BoundTheme } from '../bound/model.ts';
import { contrastRatio } from '../format/contrast.ts';
import type { Theme } from '../format/types.ts';

// The theme does not depend on data, so it is resolved once per compile and shared (frozen) by
// every bound message of the revision.

export function boundTheme(t: Theme): BoundTheme {
  return Object.freeze({
    primaryColor: t.primaryColor,
    backgroundColor: t.backgroundColor,
    textColor: t.textColor,
    accentColor: t.accentColor ?? t.primaryColor,
    onPrimaryColor: t.onPrimaryColor ?? readableOn(t.primaryColor),
    font: t.font,
    cornerRadius: t.cornerRadius,
  });
}

/** White or black, whichever contrasts more with `background` (ties go to white). */
export function readableOn(background: string): string {
  return contrastRatio('#ffffff', background) >= contrastRatio('#000000', background) ? '#ffffff' : '#000000';
}
