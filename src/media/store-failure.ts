import { isPormError } from '../errors.ts';

/**
 * Whether an error is the media store being out of reach (src/media/store-errors.ts): transient,
 * so a send that meets it is retried like a carrier that did not answer, never failed for good.
 */
export function isMediaStoreUnavailable(err: unknown): boolean {
  return isPormError(err) && err.code === 'PORM_MEDIA_STORE_UNAVAILABLE';
}
