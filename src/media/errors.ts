import { defineErrors } from '../error-def.ts';
import { coreErrors } from '../core-errors.ts';

// Error codes of porm's media pipeline (sniffing, profiles, budget split, image fitting).
// Codes are stable: never rename or reuse one. All are permanent: the same bytes fail the same way.
// Zero-byte input reuses the core code PORM_MEDIA_EMPTY that the upload route already throws.
export const mediaErrors = defineErrors({
  PORM_MEDIA_UNSUPPORTED_TYPE: {
    status: 415,
    title: 'Media type not supported',
    description: 'The bytes are not one of the types porm sends over MMS (JPEG, PNG, GIF, WebP, HEIC/HEIF, AVIF, BMP, TIFF; MP4, MOV, 3GP; MP3, AAC/M4A, AMR, WAV, OGG; vCard, iCalendar, PDF, UTF-8 text). porm looks at the content, not the file name or declared type.',
  },
  PORM_MEDIA_SVG_REFUSED: {
    status: 415,
    title: 'SVG not accepted',
    description: 'SVG can carry scripts and external references and handsets do not render it. Convert it to PNG before sending.',
  },
  PORM_MEDIA_POLYGLOT: {
    status: 422,
    title: 'Media is also an archive',
    description: 'The file starts as one media type but is also a complete ZIP archive or carries a PDF header near its start, so other tools would open it as something else. porm refuses such files; send the media alone.',
  },
  PORM_MEDIA_CORRUPT: {
    status: 422,
    title: 'Media is corrupt',
    description: 'The file has the signature of a supported type but its content could not be decoded. Re-export it from the original application.',
  },
  PORM_MEDIA_TRUNCATED: {
    status: 422,
    title: 'Media is truncated',
    description: 'The file ends before its data does, usually an interrupted upload or download. Send the complete file.',
  },
  PORM_MEDIA_TOO_MANY_PIXELS: {
    status: 422,
    title: 'Image has too many pixels',
    description: 'The image (or its frames together, for animations) declares more pixels than porm decodes (see the limits of the media pipeline). porm refuses it before decoding, to protect memory.',
  },
  PORM_MEDIA_HEIC_UNSUPPORTED: {
    status: 415,
    title: 'HEIC (HEVC) images cannot be decoded',
    description: 'The bundled image library has no HEVC decoder (left out for patent reasons) and heif-convert (Debian package libheif-examples) is not installed, so HEIC photos cannot be converted. Install it, or send JPEG (on iPhone: Settings > Camera > Formats > Most Compatible).',
  },
  PORM_MEDIA_FORMAT_NOT_ACCEPTED: {
    status: 422,
    title: 'No accepted output format',
    description: 'The media profile of the route takes no form porm can send this attachment in: no JPEG/PNG/GIF for images, no H.264 + AAC for video, no M4A or AMR for audio, or not this document type. Use another route or add the format to the profile.',
  },
  PORM_MEDIA_CANNOT_FIT: {
    status: 422,
    title: 'Media cannot fit the route',
    description: 'Even at the lowest quality and smallest size porm allows, the media does not fit the byte budget of the route, or the text and MMS overhead alone exceed it. Send less text or fewer attachments, or use a route with a larger limit.',
  },
  PORM_MEDIA_PROFILE_INVALID: {
    status: 400,
    title: 'Carrier profile not valid',
    description: 'A user-defined carrier media profile in the configuration is malformed; the message names the field.',
  },
  PORM_MEDIA_INVALID_KEY: {
    status: 400,
    title: 'Invalid media key',
    description: 'A media store was asked for a key that is not a SHA-256 in lowercase hex (64 characters). Such keys are refused rather than turned into a path, so `../x` never reaches the disk.',
  },
});

export type MediaErrorCode = keyof typeof mediaErrors | 'PORM_MEDIA_EMPTY';

/** The one error type the media pipeline throws. Assert on `code`, not on `message`. Never worth retrying. */
export class MediaError extends Error {
  readonly code: MediaErrorCode;
  readonly status: number;
  readonly permanent = true;

  constructor(code: MediaErrorCode, message?: string, options?: { cause?: unknown }) {
    const def = code === 'PORM_MEDIA_EMPTY' ? coreErrors.PORM_MEDIA_EMPTY : mediaErrors[code];
    super(message ?? def.title, options);
    this.name = 'MediaError';
    this.code = code;
    this.status = def.status;
  }
}

export function isMediaError(err: unknown): err is MediaError {
  return err instanceof MediaError;
}
