import { mediaAvErrors, type MediaAvErrorCode } from './errors.ts';

// Whether retrying can help. A bad, oversized or over-budget file fails the same way next time;
// a timeout may be a busy machine. A missing ffmpeg stays missing until an operator installs it,
// so retrying in a loop is pointless: it counts as permanent.
const PERMANENT: Readonly<Record<MediaAvErrorCode, boolean>> = {
  PORM_MEDIA_FFMPEG_UNAVAILABLE: true,
  PORM_MEDIA_AV_UNREADABLE: true,
  PORM_MEDIA_AV_TRUNCATED: true,
  PORM_MEDIA_AV_WRONG_KIND: true,
  PORM_MEDIA_AV_TOO_LONG: true,
  PORM_MEDIA_AV_TOO_MANY_PIXELS: true,
  PORM_MEDIA_AV_INPUT_TOO_LARGE: true,
  PORM_MEDIA_AV_BUDGET_UNREACHABLE: true,
  PORM_MEDIA_FFMPEG_TIMEOUT: false,
  PORM_MEDIA_FFMPEG_FAILED: true,
};

/** The one error type of src/media/av. Assert on `code`, not on `message`. */
export class AvError extends Error {
  readonly code: MediaAvErrorCode;
  /** true: do not retry; false: retry with backoff. */
  readonly permanent: boolean;
  /** HTTP status the API answers with if this error reaches a client. */
  readonly status: number;

  constructor(code: MediaAvErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AvError';
    this.code = code;
    this.permanent = PERMANENT[code];
    this.status = mediaAvErrors[code].status;
  }
}

export function isAvError(err: unknown): err is AvError {
  return err instanceof AvError;
}
