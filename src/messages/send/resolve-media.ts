import type { MediaResolver } from '../../media/media-resolver.ts';
import type { Message } from '../model.ts';
import type { Outgoing } from './outgoing.ts';
import { mediaFailure } from './media-failure.ts';
import { proceed, type StepResult } from './step-outcome.ts';

/** Loads a message's attachments (uploaded media or fetched URLs) with their bytes. */
export async function resolveMedia(resolver: Pick<MediaResolver, 'resolve'>, message: Message): Promise<StepResult<Outgoing>> {
  try {
    const media = await resolver.resolve(message.accountId, message.media);
    return proceed({ body: message.body, subject: message.subject, media });
  } catch (err) {
    return mediaFailure(err);
  }
}
