// The attachment model: MIME parts as plain objects. A leaf carries decoded bytes; a multipart
// carries its children (MM content is usually multipart/related with SMIL + media, or
// multipart/mixed). Transfer encodings are a wire detail: parsed parts hold decoded data, and the
// builder picks binary or base64 from its options.

interface MimePartBase {
  /** Media type, lowercase, without parameters: `image/jpeg`, `multipart/related`. */
  readonly contentType: string;
  /** Content-Type parameters with lowercase names (`charset`, `name`, `type`, `start`); never `boundary`. */
  readonly params?: Readonly<Record<string, string>>;
  /** Content-ID without the angle brackets. */
  readonly contentId?: string;
  readonly contentLocation?: string;
}

export interface MimeLeafPart extends MimePartBase {
  readonly data: Buffer;
}

export interface MimeMultipart extends MimePartBase {
  readonly parts: readonly MimePart[];
}

export type MimePart = MimeLeafPart | MimeMultipart;

export function isMultipart(part: MimePart): part is MimeMultipart {
  return 'parts' in part;
}

/** Depth-first list of the leaves of a part tree (the media objects of an MM). */
export function leafParts(part: MimePart): MimeLeafPart[] {
  if (!isMultipart(part)) return [part];
  return part.parts.flatMap(leafParts);
}
