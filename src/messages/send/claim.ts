import type { Db } from '../../store/schema.ts';
import type { Message } from '../model.ts';
import type { MessageTransitions } from '../transitions.ts';
import { messageFromRow } from '../rows.ts';
import { selectMessage } from '../message-sql.ts';
import { isFinal, type MessageStatus } from '../status.ts';
import type { ComplianceCheck, RoutePicker, SendRateLimiter, SenderRoute } from './ports.ts';
import { checkExpiry } from './expiry.ts';
import { checkSchedule } from './schedule.ts';
import { pickRoute, type Route } from './route.ts';
import type { ClaimStop } from './step-outcome.ts';
import { recordChannelSwitch } from './fallback-sms.ts';

export type Claimed =
  /** Nothing left to do: gone, final, or already `sent` (a crash after the carrier accepted it). */
  | { kind: 'nothing' }
  /** A claim-time step stopped it; nothing was written, the stop is recorded when the job settles. */
  | { kind: 'stop'; message: Message; stop: ClaimStop }
  | { kind: 'ready'; message: Message; route: Route }
  /** The first connector has no free slot on its pace: nothing was written; the job waits until `until`. */
  | { kind: 'wait'; until: number; reason: string };

/** The slot the claim took on the first connector's pace, held until its submit ends (or the claim fails). */
export interface HeldSlot {
  release?: () => void;
}

export interface ClaimDeps {
  transitions: MessageTransitions;
  picker: RoutePicker;
  compliance: ComplianceCheck;
  limiter: SendRateLimiter;
  senderRoute?: SenderRoute;
}

/**
 * The first write unit of a send: the claim-time steps (expiry, schedule, route, compliance) and
 * the move to `sending` (attempt counted, connector recorded). A message still `sending` was left
 * mid-submit by a worker that died: it is resumed, which is safe because carriers dedupe by id.
 */
export async function claimMessage(tx: Db, messageId: string, now: number, deps: ClaimDeps, held: HeldSlot = {}): Promise<Claimed> {
  const row = (await selectMessage(tx, { id: messageId })).rows[0];
  if (!row || isFinal(row.status as MessageStatus) || row.status === 'sent') return { kind: 'nothing' };
  let message = messageFromRow(row);
  const resumed = message.status === 'sending';
  const expired = checkExpiry(message, now);
  if (expired) return { kind: 'stop', message, stop: expired };
  const sender = deps.senderRoute ? await deps.senderRoute(tx, message.accountId, message.from) : undefined;
  if (sender && !sender.owned && !resumed) {
    // Accepted while the account owned the number, which it has given up since: sending now would
    // speak for whoever holds it (and hand them the replies).
    return { kind: 'stop', message, stop: { kind: 'fail', code: 'PORM_SENDER_NOT_OWNED', message: `${message.from} is no longer a number of this account` } };
  }
  const routed = pickRoute(deps.picker, message, resumed ? message.carrier : undefined, sender?.route);
  if (routed.kind === 'fail') return { kind: 'stop', message, stop: routed };
  if (routed.kind !== 'continue') throw new Error(`route step cannot ${routed.kind}`);
  const route = routed.value;
  // Waiting for the connector's pace writes nothing (no status round trip, no webhooks, no attempt):
  // a message over the limit stays as it is and its job waits.
  const first = route.candidates[0]!.name;
  const paced = (): Claimed | undefined => {
    const slot = deps.limiter.acquire(first, now);
    if (!slot.ok) return { kind: 'wait', until: Math.max(now, slot.retryAt), reason: `rate limit of ${first}` };
    let released = false;
    held.release = () => {
      if (!released) slot.release();
      released = true;
    };
    return undefined;
  };
  if (resumed) {
    const waiting = paced();
    if (waiting) return waiting;
    await deps.transitions.note(tx, message.id, 'resumed', { reason: 'lease expired or restart while sending' }, now);
    return { kind: 'ready', message, route };
  }
  const stop = checkSchedule(message, now) ?? await deps.compliance.check(tx, { message, channel: route.channel, now });
  if (stop) return { kind: 'stop', message, stop };
  if (message.status !== 'scheduled' && message.status !== 'queued') return { kind: 'nothing' };
  const waiting = paced();
  if (waiting) return waiting;
  let current: typeof row | undefined = row;
  if (message.status === 'scheduled') {
    message = (await deps.transitions.move(tx, message.id, 'queued', {}, now, current)) ?? message;
    current = undefined;
  }
  if (message.status !== 'queued') return { kind: 'nothing' };
  const carrier = route.candidates[0]!.name;
  const channelNote = route.fellBackFrom ? { channel: route.channel, channel_fallback_from: route.fellBackFrom } : {};
  const sending = await deps.transitions.move(tx, message.id, 'sending', {
    carrier, incrementAttempts: true, data: { attempt: message.attempts + 1, carrier, ...channelNote },
  }, now, current);
  // Lost a race (canceled or claimed meanwhile): nothing to send.
  if (!sending) return { kind: 'nothing' };
  if (route.fellBackFrom && route.fallbackReason && (sending.channel != null || route.fallbackReason === 'no_mms_route')) {
    // Stored with the move, so a resumed job sends on the channel this claim chose (a row without a
    // stored channel, from before channels were stored or accepted without a policy, falls back to
    // MMS silently as it always did).
    const switched = await recordChannelSwitch(tx, deps.transitions, sending, { from: route.fellBackFrom, to: route.channel, reason: route.fallbackReason }, now);
    return switched ? { kind: 'ready', message: switched, route } : { kind: 'nothing' };
  }
  return { kind: 'ready', message: sending, route };
}
