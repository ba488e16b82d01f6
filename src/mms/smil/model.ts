// Input of the SMIL slideshow builder: an ordered list of slides, each showing at most one
// image or video, one text and one audio clip (OMA-MMS-CONF SMIL profile, mms-wire.md §2).

export interface Media {
  /** e.g. image/jpeg, video/3gpp, audio/amr. */
  contentType: string;
  data: Uint8Array;
  /** Wanted file name; it becomes Content-Location and the SMIL `src` (sanitised, made unique). */
  filename?: string;
  /** Pixel size of an image or video, used to choose portrait or landscape. */
  width?: number;
  height?: number;
  /** SMIL `alt` text. */
  alt?: string;
  /** Playing time of a video or audio clip: the slide lasts at least this long. */
  durationMs?: number;
}

export interface Slide {
  image?: Media;
  video?: Media;
  /** Plain text, sent as a text/plain; charset=utf-8 part. */
  text?: string;
  audio?: Media;
  /**
   * How long the slide shows, in milliseconds (default 5000). A slide never ends before its video
   * or audio does: the longest media `durationMs` raises it.
   */
  durationMs?: number;
}

export type Orientation = 'portrait' | 'landscape';

export interface SlideshowOptions {
  /** Overrides the orientation taken from the media's aspect ratio. */
  orientation?: Orientation;
  /**
   * Parts that belong to the message but to no slide (a calendar file, a vCard). They follow the
   * slides' parts; handsets list them as attachments.
   */
  attachments?: readonly Media[];
}
