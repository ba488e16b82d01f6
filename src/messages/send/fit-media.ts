import type { FittedMessage, MessageFitter } from '../../media/fit/fit-message.ts';
import { isMediaError } from '../../media/errors.ts';
import { isAvError } from '../../media/av/index.ts';
import type { Outgoing } from './outgoing.ts';
import { isMediaStoreUnavailable } from '../../media/store-failure.ts';
import { proceed, type StepResult } from './step-outcome.ts';

/**
 * Fits the attachments to a route's media profile before anything is encoded. Slide texts share
 * the byte budget with the media, like a body does. Other errors (bugs) propagate: they are crashes.
 */
export async function fitMedia(fitter: Pick<MessageFitter, 'fit'>, outgoing: Outgoing, profile: string): Promise<StepResult<FittedMessage>> {
  try {
    const text = outgoing.slides ? outgoing.slides.map((s) => s.text).join('\n') : outgoing.body;
    return proceed(await fitter.fit(text, outgoing.media, profile));
  } catch (err) {
    // Variants are read from and written to the media store: out of reach, the send is retried.
    if (isMediaStoreUnavailable(err)) return { kind: 'retry', reason: `media: ${(err as Error).message}`, exhaustedCode: 'PORM_MEDIA_STORE_UNAVAILABLE' };
    if (!isMediaError(err) && !isAvError(err)) throw err;
    const why = `media: ${err.message}`;
    return err.permanent ? { kind: 'fail', code: err.code, message: why } : { kind: 'retry', reason: why, exhaustedCode: err.code };
  }
}

/** Fits once per profile: failover to a connector with the same profile reuses the first fit. */
export function fitterByProfile(fitter: Pick<MessageFitter, 'fit'>, outgoing: Outgoing): (profile: string) => Promise<StepResult<FittedMessage>> {
  const fits = new Map<string, Promise<StepResult<FittedMessage>>>();
  return (profile) => {
    let fit = fits.get(profile);
    if (!fit) fits.set(profile, fit = fitMedia(fitter, outgoing, profile));
    return fit;
  };
}
