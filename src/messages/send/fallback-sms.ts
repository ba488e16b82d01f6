import type { Channel } from '../../carriers/carrier.ts';
import type { ErrorCode } from '../../errors.ts';
import { randomBase62 } from '../../ids.ts';
import type { Db } from '../../store/schema.ts';
import { queryTemplate } from '../../store/query-template.ts';
import { countSegments } from '../../sms/text/index.ts';
import { pageUrl } from '../../rich/page-url.ts';
import type { Message } from '../model.ts';
import type { MessageTransitions } from '../transitions.ts';
import type { SmsFallback, SmsForm } from '../sms/sms-form.ts';
import { fallbackText } from '../sms/fallback-text.ts';
import { fallbackPageUrl } from '../sms/fallback-page-url.ts';
import { DEFAULT_MAX_SEGMENTS } from '../sms/accept-channel.ts';
import type { Outgoing } from './outgoing.ts';
import { proceed, type StepResult } from './step-outcome.ts';

// MMS → SMS fallback: a message meant for MMS goes out as its SMS form (its text plus a link to a
// page with its pictures, video and text) when no route serves MMS for it, when the MMSC refuses it
// permanently for the handset or the content, or, with `fallback: "sms"`, after any permanent MMS
// failure. The switch is written (channel, connector, page token, a `channel_fallback` event)
// before the SMS connector is handed the message: a job resumed after a crash then sends the SMS
// form again on that connector, never the MMS.

/** Why a message went on another channel than it was accepted for. */
export type FallbackReason = 'no_mms_route' | 'mms_refused' | 'mms_failed' | 'no_sms_route';

/**
 * Permanent MMSC refusals that say this handset or this content cannot have it as MMS (OMA MM7
 * status codes 2004, 3001, 3002, 2003), where the same text as SMS can still arrive. Credentials,
 * service denials, malformed requests and the like are the route's problems: SMS would not help
 * and they fail as they are, unless the sender asked for `fallback: "sms"`.
 */
export const HANDSET_OR_CONTENT_REFUSALS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'PORM_MM7_CONTENT_REFUSED', 'PORM_MM7_NOT_POSSIBLE', 'PORM_MM7_MESSAGE_REJECTED', 'PORM_MM7_ADDRESS_NOT_FOUND',
]);

/** Whether a permanent MMS failure with `code` sends the SMS form instead, under the message's policy. */
export function refusalFallsBack(policy: SmsFallback, code: ErrorCode): FallbackReason | null {
  if (policy === 'none') return null;
  if (HANDSET_OR_CONTENT_REFUSALS.has(code)) return 'mms_refused';
  return policy === 'sms' ? 'mms_failed' : null;
}

/** A message whose SMS form needs the link to its page: it has media, or it is a rich MMS form. */
export function needsMediaLink(message: Pick<Message, 'media' | 'rich'>): boolean {
  return message.rich ? message.rich.channel === 'mms' : message.media.length > 0;
}

export interface SmsFormSettings {
  /** The server's public base URL, read when the link is made. */
  baseUrl: () => string;
  maxSegments: number;
}

// A cold path (only on fallback): plain Kysely, not a query template.
function setChannel(tx: Db, p: { id: string; channel: string; reason: string; token: string | null; carrier: string | null }) {
  return tx.updateTable('messages').set((eb) => ({
    out_channel: p.channel, fallback_reason: p.reason, sms_segments: null, sms_encoding: null,
    page_token: eb.fn.coalesce('page_token', eb.val(p.token)),
    ...(p.carrier !== null ? { carrier: p.carrier } : {}),
  })).where('id', '=', p.id).where('status', '=', 'sending').returning(['page_token', 'template_id']).execute();
}

export interface ChannelSwitch {
  to: Channel;
  from: Channel;
  reason: FallbackReason;
  /** The connector the message is handed to next, when it changes (a refusal's fallback). */
  carrier?: string;
  /** What made it fall back: the MMS failure's code and text. */
  detail?: Record<string, unknown>;
}

/**
 * Records, in the caller's write unit, that a `sending` message goes on another channel. Returns
 * the message as it now is, or undefined when it is no longer `sending` (another worker has it).
 */
export async function recordChannelSwitch(tx: Db, transitions: MessageTransitions, message: Message, change: ChannelSwitch, now: number): Promise<Message | undefined> {
  // The page token is made only when a plain MMS needs a page; a rich message has its /m/ page already.
  const token = change.to === 'sms' && !message.rich && message.media.length > 0 ? randomBase62(22) : null;
  const row = (await setChannel(tx, { id: message.id, channel: change.to, reason: change.reason, token, carrier: change.carrier ?? null }))[0];
  if (!row) return undefined;
  await transitions.note(tx, message.id, 'channel_fallback', {
    from: change.from, to: change.to, reason: change.reason, ...(change.carrier ? { carrier: change.carrier } : {}), ...change.detail,
  }, now);
  return {
    ...message, channel: change.to, fallbackReason: change.reason, sms: null,
    fallbackPageToken: row.template_id === null ? row.page_token : null, ...(change.carrier ? { carrier: change.carrier } : {}),
  };
}

/** The SMS form of a message meant for MMS: its text and the page link, no attachments. */
export function smsFallbackOutgoing(message: Message, settings: SmsFormSettings | undefined): StepResult<Outgoing> {
  const base = settings?.baseUrl() ?? '';
  const max = settings?.maxSegments ?? DEFAULT_MAX_SEGMENTS;
  if (message.rich) {
    // A rich message's stored body is its SMS notification already, with its /m/ page link.
    return proceed({ body: message.body || pageUrl(base, message.rich.pageToken), subject: null, media: [] });
  }
  if (!message.fallbackPageToken) return { kind: 'fail', code: 'PORM_NO_ROUTE', message: 'the SMS form of this MMS has no media page (no page token recorded)' };
  return proceed({ body: fallbackText(message.subject, message.body, fallbackPageUrl(base, message.fallbackPageToken), max), subject: null, media: [] });
}

/** Segments and encoding of the text an SMS connector was given. */
export function smsFormOfText(body: string): SmsForm {
  return countSegments(body);
}

const setSmsForm = queryTemplate<{ id: string; segments: number; encoding: string }>((db, p) =>
  db.updateTable('messages').set({ sms_segments: p.segments, sms_encoding: p.encoding }).where('id', '=', p.id));

/** Stores what an SMS went out as (before the `sent` move, so its webhook shows it). */
export async function recordSmsForm(tx: Db, messageId: string, form: SmsForm): Promise<void> {
  await setSmsForm(tx, { id: messageId, segments: form.segments, encoding: form.encoding });
}
