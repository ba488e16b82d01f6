import type { Carrier, Channel } from '../../carriers/carrier.ts';
import type { Message } from '../model.ts';
import type { RoutePicker } from './ports.ts';
import type { StepResult } from './step-outcome.ts';
import type { FallbackReason } from './fallback-sms.ts';

export interface Route {
  /** The channel the message goes out on. */
  channel: Channel;
  /** The channel it asked for, when no route served that one and it fell back. */
  fellBackFrom?: Channel;
  /** Why, when it fell back. */
  fallbackReason?: FallbackReason;
  /** Connectors in failover order; never empty. */
  candidates: readonly Carrier[];
}

/** MMS when it carries media or is a rich MMS form; SMS for text (and the porm/sms rich forms, a link). */
export function channelOf(message: Pick<Message, 'media' | 'rich'>): Channel {
  if (message.rich) return message.rich.channel === 'mms' ? 'mms' : 'sms';
  return message.media.length > 0 ? 'mms' : 'sms';
}

/**
 * Picks the connectors for a message. Until an SMS connector exists, text goes as MMS when no
 * SMS route serves it (every message went over MM7 before channels existed). A message resumed
 * after a crash tries first the connector it was last handed to (`resumeOn`): that connector may
 * hold it already and dedupes by porm's id, where another would deliver it a second time.
 */
export function pickRoute(picker: RoutePicker, message: Pick<Message, 'accountId' | 'from' | 'to' | 'media' | 'rich' | 'channel' | 'fallback'>, resumeOn?: string | null, numberRoute?: string | null): StepResult<Route> {
  // The channel stored at accept (or by an earlier fallback) decides; rows from before it existed derive it.
  const asked = message.channel ?? channelOf(message);
  // A number's own route goes first; a resumed message's last connector goes before even that.
  const preferred = resumeOn ?? numberRoute;
  const request = { accountId: message.accountId, from: message.from, to: message.to, ...(preferred ? { preferred } : {}) };
  let channel = asked;
  let candidates = picker.candidates({ ...request, channel });
  let fallbackReason: FallbackReason | undefined;
  if (candidates.length === 0 && asked === 'sms') {
    channel = 'mms';
    fallbackReason = 'no_sms_route';
    candidates = picker.candidates({ ...request, channel });
  } else if (candidates.length === 0 && asked === 'mms' && message.fallback !== 'none') {
    // No route serves MMS for it: its SMS form (text and a link to its media page) goes instead.
    channel = 'sms';
    fallbackReason = 'no_mms_route';
    candidates = picker.candidates({ ...request, channel });
  }
  if (candidates.length === 0) return { kind: 'fail', code: 'PORM_NO_ROUTE', message: `no route serves sender ${message.from}` };
  const resumed = resumeOn ? candidates.find((c) => c.name === resumeOn) : undefined;
  if (resumed) candidates = [resumed, ...candidates.filter((c) => c !== resumed)];
  return { kind: 'continue', value: { channel, ...(channel !== asked ? { fellBackFrom: asked, ...(fallbackReason ? { fallbackReason } : {}) } : {}), candidates } };
}
