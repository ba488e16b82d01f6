import { buildMixed, buildSlideshow, type Media, type MessageBody, type Slide } from './smil/index.ts';

/** One attachment of a message, bytes in hand. */
export interface ComposeMedia {
  contentType: string;
  data: Uint8Array;
  filename?: string;
}

const SLIDEABLE = /^(image|video|audio)\//;

/**
 * The MMS body a handset expects for a message: a SMIL slideshow when every attachment can be
 * shown on a slide (one slide per image, video or audio clip, the text on the first), otherwise
 * multipart.mixed (vCards, calendars, PDFs cannot sit on a slide). Pure.
 */
export function composeMmsBody(text: string, media: readonly ComposeMedia[]): MessageBody {
  if (media.length === 0 || !media.every((m) => SLIDEABLE.test(m.contentType))) {
    return buildMixed({ text, attachments: media.map(toSmilMedia) });
  }
  const slides: Slide[] = media.map((m) => {
    const item = toSmilMedia(m);
    if (m.contentType.startsWith('image/')) return { image: item };
    if (m.contentType.startsWith('video/')) return { video: item };
    return { audio: item };
  });
  if (text !== '') slides[0] = { ...slides[0], text };
  return buildSlideshow(slides);
}

function toSmilMedia(m: ComposeMedia): Media {
  return { contentType: m.contentType, data: m.data, ...(m.filename ? { filename: m.filename } : {}) };
}
