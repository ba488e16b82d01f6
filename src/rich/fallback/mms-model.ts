import type { BarcodeFormat } from './barcode.ts';
import type { CalendarEvent } from './ics.ts';

// The MMS fallback as a plan: what each SMIL slide shows, by reference. Fetching the media,
// drawing the codes and writing the .ics files is the caller's job, so planning stays pure.

export type SlideVisual =
  | { readonly kind: 'image'; readonly key: string; readonly url: string; readonly alt: string }
  | { readonly kind: 'video'; readonly key: string; readonly url: string; readonly alt: string }
  /** Drawn by the caller (barcodePng) and shown as an image. */
  | { readonly kind: 'code'; readonly key: string; readonly format: BarcodeFormat; readonly value: string; readonly alt: string };

export interface PlannedAudio { readonly key: string; readonly url: string; readonly alt: string }

export interface PlannedSlide {
  readonly visual: SlideVisual | null;
  readonly audio: PlannedAudio | null;
  /** Never empty when visual is null. */
  readonly text: string;
}

/** A calendar file to attach; the caller writes it with buildIcs and a UID of its choice. */
export interface PlannedAttachment {
  readonly kind: 'ics';
  readonly actionId: string;
  /** `[a-z0-9-]+.ics`, unique within the plan. */
  readonly filename: string;
  readonly event: CalendarEvent;
}

export interface MmsPlan {
  /** The headline, at most 40 characters; null when the message has no heading or card title. */
  readonly subject: string | null;
  /** One to MAX_SLIDES slides. */
  readonly slides: readonly PlannedSlide[];
  readonly attachments: readonly PlannedAttachment[];
  /** UTF-8 size of all slide texts, for the message size budget. */
  readonly textBytes: number;
}

export interface MmsOptions {
  /** The hosted page of this recipient's message. */
  readonly pageUrl: string;
  /** porm's tracked link for one action. */
  readonly linkFor: (actionId: string) => string;
}

/** Handsets page through slides one by one; past ten, readers give up and some clients truncate. */
export const MAX_SLIDES = 10;
export const MAX_SUBJECT_CHARS = 40;
