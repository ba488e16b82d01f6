import type { Store } from '../../store/store.ts';
import type { Db } from '../../store/schema.ts';
import type { Message } from '../model.ts';
import type { MessageTransitions } from '../transitions.ts';
import type { RoutePicker } from './ports.ts';
import type { Outgoing } from './outgoing.ts';
import type { Route } from './route.ts';
import type { SubmitEnd } from './submit.ts';
import type { SendEnd } from './record.ts';
import type { StepStop } from './step-outcome.ts';
import { needsMediaLink, recordChannelSwitch, refusalFallsBack, smsFallbackOutgoing, smsFormOfText, type SmsFormSettings } from './fallback-sms.ts';

export interface RefusalFallbackDeps {
  picker: RoutePicker;
  store: Store;
  transitions: MessageTransitions;
  now: () => number;
  /** Whether this worker still holds the job (checked in the unit that records the switch). */
  stillHeld?: ((tx: Db) => Promise<boolean>) | undefined;
  sms?: SmsFormSettings | undefined;
  submit: (message: Message, outgoing: Outgoing, route: Route) => Promise<SubmitEnd>;
}

/**
 * After the MMS route refused a message for good: when its policy lets it fall back and a route
 * serves SMS for it, records the switch (its own write unit, before the SMS connector sees it) and
 * sends the SMS form. Undefined when it does not fall back: the refusal stands.
 */
export async function fallBackAfterRefusal(
  message: Message, refusal: Extract<StepStop, { kind: 'fail' }> & { carrier?: string }, signal: AbortSignal, deps: RefusalFallbackDeps,
): Promise<SendEnd | 'aborted' | undefined> {
  // A text alone went as MMS because it was asked to (`channel: "mms"`) or because no route served SMS when it was
  // accepted: it has no media page to link, and its SMS form would be the same text the sender chose not to send as SMS.
  if (!message.rich && !needsMediaLink(message)) return undefined;
  const reason = refusalFallsBack(message.fallback ?? 'auto', refusal.code);
  if (!reason) return undefined;
  const candidates = deps.picker.candidates({ accountId: message.accountId, from: message.from, to: message.to, channel: 'sms' });
  if (candidates.length === 0) return undefined;
  if (signal.aborted) return 'aborted';
  const carrier = candidates[0]!.name;
  const switched = await deps.store.write(async (tx) => {
    if (deps.stillHeld && !(await deps.stillHeld(tx))) return undefined;
    return recordChannelSwitch(tx, deps.transitions, message, {
      from: 'mms', to: 'sms', reason, carrier,
      detail: { error_code: refusal.code, error_message: refusal.message, ...(refusal.carrier ? { mms_carrier: refusal.carrier } : {}), ...(refusal.carrierCode ? { carrier_code: refusal.carrierCode } : {}) },
    }, deps.now());
  });
  // Another worker holds the job now (or the message left `sending`): hand it to no SMS connector.
  if (!switched) return { kind: 'retry', reason: 'job taken over before the SMS fallback' };
  const outgoing = smsFallbackOutgoing(switched, deps.sms);
  if (outgoing.kind !== 'continue') return outgoing;
  const end = await deps.submit(switched, outgoing.value, { channel: 'sms', fellBackFrom: 'mms', fallbackReason: reason, candidates });
  return end.kind === 'accepted' ? { ...end, sms: smsFormOfText(outgoing.value.body) } : end;
}
