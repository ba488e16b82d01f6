import { buildMixed, buildSlideshow, type Media, type MessageBody, type Slide } from './smil/index.ts';

/** One attachment of a message, bytes in hand. */
export interface ComposeMedia {
  contentType: string;
  data: Uint8Array;
  filename?: string;
  /** Playing time of a video or audio clip (from the fitter): its slide lasts at least this long. */
  durationMs?: number;
}

const SLIDEABLE = /^(image|video|audio)\//;

/** A slide laid out by the caller: text, and indexes into the media list for its visual and sound. */
export interface ComposeSlide {
  text: string;
  visual: number | null;
  audio: number | null;
}

/**
 * The MMS body a handset expects for a message: a SMIL slideshow when every attachment can be
 * shown on a slide (one slide per image, video or audio clip, the text on the first), otherwise
 * multipart.mixed (vCards, calendars, PDFs cannot sit on a slide). Pure.
 */
export function composeMmsBody(text: string, media: readonly ComposeMedia[], layout?: readonly ComposeSlide[]): MessageBody {
  if (layout !== undefined && layout.length > 0) return laidOut(media, layout);
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
  return {
    contentType: m.contentType, data: m.data, ...(m.filename ? { filename: m.filename } : {}),
    ...(m.durationMs !== undefined ? { durationMs: m.durationMs } : {}),
  };
}

/**
 * Slides as the caller laid them out (a rich template flattened into slides): media a slide does
 * not reference are attached after the slides (calendar files).
 */
function laidOut(media: readonly ComposeMedia[], layout: readonly ComposeSlide[]): MessageBody {
  const used = new Set<number>();
  const pick = (i: number | null): ComposeMedia | undefined => {
    if (i === null || media[i] === undefined) return undefined;
    used.add(i);
    return media[i];
  };
  const slides: Slide[] = layout.map((s) => {
    const visual = pick(s.visual);
    const slide: Slide = {};
    if (visual) slide[visual.contentType.startsWith('video/') ? 'video' : 'image'] = toSmilMedia(visual);
    // A slide cannot hold video and audio together: the clip then goes with the attachments.
    const audio = visual?.contentType.startsWith('video/') ? undefined : pick(s.audio);
    if (audio) slide.audio = toSmilMedia(audio);
    if (s.text !== '') slide.text = s.text;
    return slide;
  }).filter((s) => s.image !== undefined || s.video !== undefined || s.text !== undefined || s.audio !== undefined);
  const attachments = media.flatMap((m, i) => (used.has(i) ? [] : [toSmilMedia(m)]));
  if (slides.length === 0) return buildMixed({ attachments });
  return buildSlideshow(slides, { attachments });
}
