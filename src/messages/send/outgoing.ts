import type { ResolvedMedia } from '../../media/media-resolver.ts';
import type { ComposeSlide } from '../../mms/compose.ts';

/** What the message sends once composed and its media loaded (before fitting to a route). */
export interface Outgoing {
  body: string;
  subject: string | null;
  media: ResolvedMedia[];
  /** Slides laid out by a rich template's MMS form; otherwise one slide per attachment. */
  slides?: ComposeSlide[];
  /** For the `sent` event of a rich message: its form, the revision used and any warnings. */
  richNote?: Record<string, unknown>;
}
