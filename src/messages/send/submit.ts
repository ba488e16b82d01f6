import type { Carrier, OutboundMessage, SubmitResult } from '../../carriers/carrier.ts';
import type { FittedMessage } from '../../media/fit/fit-message.ts';
import type { Message } from '../model.ts';
import type { Outgoing } from './outgoing.ts';
import type { Route } from './route.ts';
import type { SendRateLimiter } from './ports.ts';
import { acquireSlot } from './rate-limit.ts';
import { isStop, proceed, type StepResult, type StepStop } from './step-outcome.ts';

export interface Accepted {
  kind: 'accepted';
  carrier: string;
  carrierMessageId: string;
  duplicate: boolean;
  fitted: FittedMessage;
  /** SMS: each segment's SMSC id (recorded with `sent`, so that segment receipts find the message). */
  segmentIds?: readonly string[];
}

/** How one attempt ended, and on which connector (the last one tried). */
export type SubmitEnd = (Accepted | StepStop) & { carrier: string };

export interface SubmitDeps {
  limiter: SendRateLimiter;
  /** The slot the claim already took on the first candidate's pace (released when its submit ends). */
  firstSlot?: () => void;
  fitFor: (profile: string) => Promise<StepResult<FittedMessage>>;
  profileOf: (carrier: string) => string;
  /** Makes `to` the connector recorded on the message before it is handed the message (see below). */
  switchTo: (from: string, to: string, reason: string) => Promise<boolean>;
  observe: (carrier: string, outcome: SubmitResult['outcome'], seconds: number) => void;
  now: () => number;
}

/**
 * Hands the message to its route's connectors in order. A connector error (thrown or transient)
 * moves on to the next candidate within the same attempt; an acceptance, a permanent refusal or a
 * throttle ends the attempt. Before a second connector gets the message it becomes the message's
 * recorded connector, durably: if porm then crashes, the resumed job goes back to that connector
 * first, which dedupes by porm's id, instead of to the first one, which may not have it and would
 * send it again. (A message whose first answer was lost may still reach the handset twice, once
 * per connector; that is the price of failing over, and why it happens only on connector errors.)
 */
export async function submitToRoute(message: Message, outgoing: Outgoing, route: Route, signal: AbortSignal, deps: SubmitDeps): Promise<SubmitEnd> {
  let last: SubmitEnd | undefined;
  let recorded = route.candidates[0]!.name;
  for (const [i, carrier] of route.candidates.entries()) {
    if (signal.aborted) break;
    const fitted = await deps.fitFor(deps.profileOf(carrier.name));
    if (isStop(fitted)) {
      if (i === 0) return { ...fitted, carrier: carrier.name };
      continue;
    }
    const slot = i === 0 && deps.firstSlot ? proceed(deps.firstSlot) : acquireSlot(deps.limiter, carrier.name, deps.now());
    if (isStop(slot)) {
      // Waiting is for the first choice; a failover candidate without a free slot is passed over.
      if (i === 0) return { ...slot, carrier: carrier.name };
      continue;
    }
    try {
      if (carrier.name !== recorded) {
        if (!(await deps.switchTo(recorded, carrier.name, last && last.kind === 'retry' ? last.reason : 'failover'))) {
          // Another worker holds the job now (or has sent the message): hand it to no one else.
          return { kind: 'retry', reason: 'job taken over before failover', carrier: recorded };
        }
        recorded = carrier.name;
      }
      const result = await submitOne(carrier, toOutbound(message, outgoing, route, fitted.value), signal, deps);
      const end = endOf(result, carrier.name, fitted.value, deps.now());
      // A backup that refuses (or paces) a message the primary only failed to take for now does not
      // decide its fate: the attempt ends as the primary's retry, and the next one starts there.
      if (i > 0 && (end.kind === 'fail' || end.kind === 'throttle') && last?.kind === 'retry') continue;
      last = end;
    } finally {
      slot.value();
    }
    if (last.kind !== 'retry') return last;
  }
  return last ?? { kind: 'retry', reason: 'not submitted', carrier: recorded };
}

async function submitOne(carrier: Carrier, outbound: OutboundMessage, signal: AbortSignal, deps: SubmitDeps): Promise<SubmitResult> {
  const started = performance.now();
  let result: SubmitResult;
  try {
    result = await carrier.submit(outbound, signal);
  } catch (err) {
    result = { outcome: 'transient', message: `carrier connector error: ${err instanceof Error ? err.message : String(err)}` };
  }
  deps.observe(carrier.name, result.outcome, (performance.now() - started) / 1000);
  return result;
}

function endOf(result: SubmitResult, carrier: string, fitted: FittedMessage, now: number): SubmitEnd {
  switch (result.outcome) {
    case 'accepted': return { kind: 'accepted', carrier, carrierMessageId: result.carrierMessageId, duplicate: result.duplicate, fitted, ...(result.segmentIds ? { segmentIds: result.segmentIds } : {}) };
    case 'permanent': return { kind: 'fail', code: result.errorCode, message: result.message, carrier, ...(result.carrierCode ? { carrierCode: result.carrierCode } : {}) };
    case 'throttled': return { kind: 'throttle', until: now + result.retryAfterMs, reason: result.message, source: 'carrier', carrier };
    case 'transient': return {
      kind: 'retry', reason: result.message, carrier,
      ...(result.carrierCode ? { carrierCode: result.carrierCode } : {}), ...(result.exhaustedCode ? { exhaustedCode: result.exhaustedCode } : {}),
    };
  }
}

function toOutbound(message: Message, outgoing: Outgoing, route: Route, fitted: FittedMessage): OutboundMessage {
  return {
    id: message.id, channel: route.channel, accountId: message.accountId, to: message.to, from: message.from,
    body: outgoing.body, subject: outgoing.subject, media: fitted.media, expiresAt: message.expiresAt,
    ...(outgoing.slides ? { slides: outgoing.slides } : {}),
  };
}
