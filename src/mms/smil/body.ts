// Assembles the body of an MMS from slides (application/vnd.wap.multipart.related with
// type=application/smil and start pointing at the SMIL part, SMIL first) or, for a plain
// message without slides, as application/vnd.wap.multipart.mixed. Every part carries a
// Content-ID and a Content-Location.
import type { ContentType, Part } from '../pdu/model.ts';
import { PduError } from '../pdu/pdu-error.ts';
import { MULTIPART_MIXED, MULTIPART_RELATED } from '../pdu/well-known.ts';
import { layoutFor, orientationOf } from './layout.ts';
import type { Media, Orientation, Slide, SlideshowOptions } from './model.ts';
import { PartNamer } from './naming.ts';
import { smilDocument, type SlideRefs } from './smil.ts';

export interface MessageBody {
  contentType: ContentType;
  parts: Part[];
}

export interface Slideshow extends MessageBody {
  orientation: Orientation;
  smil: string;
}

const SMIL_ID = 'smil.smil';
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function invalid(index: number, why: string): never {
  throw new PduError('PORM_SMIL_INVALID_SLIDE', `slide ${index + 1}: ${why}`);
}

function checkSlide(s: Slide, i: number): void {
  if (s.image === undefined && s.video === undefined && s.text === undefined && s.audio === undefined) invalid(i, 'nothing to show');
  if (s.image !== undefined && s.video !== undefined) invalid(i, 'an image and a video (at most one of them)');
  if (s.video !== undefined && s.audio !== undefined) invalid(i, 'a video and an audio clip (MMS SMIL does not allow both)');
  if (s.durationMs !== undefined && (!Number.isInteger(s.durationMs) || s.durationMs <= 0)) invalid(i, `duration must be a positive whole number of ms, got ${s.durationMs}`);
  for (const m of [s.image, s.video, s.audio]) if (m !== undefined && m.data.length === 0) invalid(i, 'a media item without data');
}

function mediaPart(m: Media, name: string): Part {
  return { contentType: m.contentType, contentId: name, contentLocation: name, data: m.data };
}

function textPart(text: string, name: string): Part {
  return { contentType: 'text/plain', charset: 'utf-8', contentId: name, contentLocation: name, data: utf8(text) };
}

/** An empty text is no text: an empty part would mean nothing to a handset (and the encoder refuses it). */
function withoutEmptyText(s: Slide): Slide {
  if (s.text !== '') return s;
  const { text: _empty, ...rest } = s;
  return rest;
}

/** The default slide time: long enough to read a line or two of text. */
export const DEFAULT_SLIDE_MS = 5000;

/**
 * A slide lasts as long as its media: a handset ends the `<par>` at `dur` and cuts a longer video
 * or clip short, so the longest timed media sets the floor (rounded up to whole ms).
 */
function slideDuration(s: Slide): number {
  const timed = [s.video, s.audio].map((m) => m?.durationMs).filter((d): d is number => d !== undefined && Number.isFinite(d) && d > 0);
  return Math.max(s.durationMs ?? DEFAULT_SLIDE_MS, ...timed.map((d) => Math.ceil(d)));
}

/** A slideshow body: the SMIL part first, then each slide's parts in order. */
export function buildSlideshow(input: readonly Slide[], options: SlideshowOptions = {}): Slideshow {
  if (input.length === 0) throw new PduError('PORM_SMIL_INVALID_SLIDE', 'a slideshow needs at least one slide');
  const slides = input.map(withoutEmptyText);
  slides.forEach(checkSlide);
  const namer = new PartNamer();
  namer.name('smil', 'application/smil', SMIL_ID);
  const parts: Part[] = [];
  const refs: SlideRefs[] = slides.map((s) => {
    const ref: SlideRefs = { durationMs: slideDuration(s) };
    const visual = s.image ?? s.video;
    if (visual !== undefined) {
      const kind = s.image !== undefined ? 'image' : 'video';
      const src = namer.name(kind, visual.contentType, visual.filename);
      parts.push(mediaPart(visual, src));
      ref.visual = { element: kind === 'image' ? 'img' : 'video', src, alt: visual.alt };
    }
    if (s.text !== undefined) {
      const src = namer.name('text', 'text/plain');
      parts.push(textPart(s.text, src));
      ref.text = { src };
    }
    if (s.audio !== undefined) {
      const src = namer.name('audio', s.audio.contentType, s.audio.filename);
      parts.push(mediaPart(s.audio, src));
      ref.audio = { src, alt: s.audio.alt };
    }
    return ref;
  });
  for (const [i, m] of (options.attachments ?? []).entries()) {
    if (m.data.length === 0) throw new PduError('PORM_SMIL_INVALID_SLIDE', `attachment ${i + 1} has no data`);
    parts.push(mediaPart(m, namer.name('file', m.contentType, m.filename)));
  }
  const orientation = options.orientation ?? orientationOf(slides);
  const smil = smilDocument(layoutFor(slides, orientation).xml, refs);
  const smilPart: Part = { contentType: 'application/smil', contentId: SMIL_ID, contentLocation: SMIL_ID, data: utf8(smil) };
  return {
    contentType: { mediaType: MULTIPART_RELATED, type: 'application/smil', start: SMIL_ID },
    parts: [smilPart, ...parts],
    orientation,
    smil,
  };
}

/** A plain message without slides: optional text first, then the attachments, as multipart.mixed. */
export function buildMixed(content: { text?: string; attachments?: readonly Media[] }): MessageBody {
  const namer = new PartNamer();
  const parts: Part[] = [];
  if (content.text !== undefined && content.text !== '') parts.push(textPart(content.text, namer.name('text', 'text/plain')));
  for (const m of content.attachments ?? []) {
    if (m.data.length === 0) throw new PduError('PORM_SMIL_INVALID_SLIDE', 'an attachment without data');
    const kind = m.contentType.split('/')[0] ?? 'file';
    parts.push(mediaPart(m, namer.name(/^(image|video|audio|text)$/.test(kind) ? kind : 'file', m.contentType, m.filename)));
  }
  return { contentType: { mediaType: MULTIPART_MIXED }, parts };
}
