// The SMIL document itself: root `<smil>` without namespace (none of the public sample PDUs
// uses one), the layout, then one `<par>` per slide.
import { element } from './xml.ts';

export interface SlideRefs {
  durationMs: number;
  visual?: { element: 'img' | 'video'; src: string; alt?: string };
  text?: { src: string };
  audio?: { src: string; alt?: string };
}

export function smilDocument(layoutXml: string, slides: readonly SlideRefs[]): string {
  const pars = slides.map((s) => {
    const items: string[] = [];
    if (s.visual) items.push(element(s.visual.element, { src: s.visual.src, region: 'Image', alt: s.visual.alt }));
    if (s.text) items.push(element('text', { src: s.text.src, region: 'Text' }));
    if (s.audio) items.push(element('audio', { src: s.audio.src, alt: s.audio.alt }));
    return `<par dur="${s.durationMs}ms">${items.join('')}</par>`;
  });
  return `<smil><head>${layoutXml}</head><body>${pars.join('')}</body></smil>`;
}
