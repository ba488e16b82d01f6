import type { RichComposer } from '../../rich/send/compose-outgoing.ts';
import type { Message } from '../model.ts';
import type { Outgoing } from './outgoing.ts';
import { mediaFailure } from './media-failure.ts';
import { proceed, type StepResult } from './step-outcome.ts';

/** A templated message is built now, from its template's current (or pinned) revision. */
export async function composeRich(composer: Pick<RichComposer, 'compose'>, message: Message): Promise<StepResult<Outgoing>> {
  try {
    const out = await composer.compose(message);
    const richNote = {
      channel: message.rich?.channel, template_revision: out.revision, ...(out.warnings.length > 0 ? { warnings: out.warnings } : {}),
    };
    return proceed({ body: out.body, subject: out.subject, media: out.media, ...(out.slides ? { slides: out.slides } : {}), richNote });
  } catch (err) {
    return mediaFailure(err);
  }
}
