// Public surface of porm's SMIL slideshow and MMS body builder.
export { buildMixed, buildSlideshow, type MessageBody, type Slideshow } from './body.ts';
export { orientationOf } from './layout.ts';
export type { Media, Orientation, Slide, SlideshowOptions } from './model.ts';
export { escapeXml } from './xml.ts';
