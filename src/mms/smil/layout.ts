// The SMIL layout handsets expect: one root-layout and at most two regions named exactly
// `Image` and `Text`, not overlapping. Portrait puts text under the picture on a tall screen;
// landscape does the same on a wide one, giving the text a larger share of the smaller height.
import type { Orientation, Slide } from './model.ts';
import { element } from './xml.ts';

export interface Layout {
  orientation: Orientation;
  xml: string;
}

/** Landscape when most sized images and videos are wider than tall; portrait otherwise. */
export function orientationOf(slides: readonly Slide[]): Orientation {
  let wide = 0;
  let tall = 0;
  for (const s of slides) {
    const m = s.image ?? s.video;
    if (m?.width === undefined || m.height === undefined || m.width <= 0 || m.height <= 0) continue;
    if (m.width > m.height) wide++;
    else tall++;
  }
  return wide > tall ? 'landscape' : 'portrait';
}

export function layoutFor(slides: readonly Slide[], orientation: Orientation): Layout {
  const hasVisual = slides.some((s) => s.image !== undefined || s.video !== undefined);
  const hasText = slides.some((s) => s.text !== undefined);
  const [width, height] = orientation === 'portrait' ? [320, 480] : [480, 320];
  const split = orientation === 'portrait' ? 80 : 70;
  const imageHeight = hasText ? split : 100;
  const textTop = hasVisual ? split : 0;
  const regions: string[] = [];
  if (hasVisual) regions.push(element('region', { id: 'Image', left: 0, top: 0, width: '100%', height: `${imageHeight}%`, fit: 'meet' }));
  if (hasText) regions.push(element('region', { id: 'Text', left: 0, top: textTop === 0 ? 0 : `${textTop}%`, width: '100%', height: `${100 - textTop}%`, fit: 'scroll' }));
  return { orientation, xml: `<layout>${element('root-layout', { width, height })}${regions.join('')}</layout>` };
}
