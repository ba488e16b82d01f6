import { isPormError } from '../../errors.ts';
import { MediaResolveError } from '../../media/media-resolver.ts';
import type { StepStop } from './step-outcome.ts';
import { isMediaStoreUnavailable } from '../../media/store-failure.ts';

/**
 * Why composing or loading media failed, as a stop. A porm error (a rich template's current
 * revision cannot be bound for this recipient) and a refused media URL never get better; a media
 * fetch that failed otherwise is retried, and fails with PORM_MEDIA_FETCH_FAILED when exhausted.
 */
export function mediaFailure(err: unknown): StepStop {
  // The shared media store out of reach is a PormError too, but it gets better: retried.
  if (isMediaStoreUnavailable(err)) return { kind: 'retry', reason: `media: ${(err as Error).message}`, exhaustedCode: 'PORM_MEDIA_STORE_UNAVAILABLE' };
  if (isPormError(err)) return { kind: 'fail', code: err.code, message: err.message };
  const why = err instanceof Error ? err.message : String(err);
  if (err instanceof MediaResolveError && err.permanent) return { kind: 'fail', code: 'PORM_MEDIA_FETCH_FAILED', message: why };
  return { kind: 'retry', reason: `media: ${why}`, exhaustedCode: 'PORM_MEDIA_FETCH_FAILED' };
}
