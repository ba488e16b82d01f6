import type { Logger } from 'pino';
import type { Clock } from '../../clock.ts';
import type { Store } from '../../store/store.ts';
import type { Db } from '../../store/schema.ts';
import type { Job, JobQueue } from '../../queue/queue.ts';
import type { JobHandler } from '../../queue/job-handler.ts';
import type { Settlement } from '../../queue/outcome.ts';
import type { SubmitResult } from '../../carriers/carrier.ts';
import type { MessageFitter } from '../../media/fit/fit-message.ts';
import type { MediaResolver } from '../../media/media-resolver.ts';
import type { RichComposer } from '../../rich/send/compose-outgoing.ts';
import type { Metrics } from '../../observability/metrics.ts';
import type { MessageTransitions } from '../transitions.ts';
import type { Message } from '../model.ts';
import { selectMessage } from '../message-sql.ts';
import { isFinal, type MessageStatus } from '../status.ts';
import type { ComplianceCheck, RoutePicker, SendRateLimiter, SenderRoute } from './ports.ts';
import { claimMessage, type HeldSlot } from './claim.ts';
import { composeRich } from './compose-rich.ts';
import { resolveMedia } from './resolve-media.ts';
import { fitterByProfile } from './fit-media.ts';
import { submitToRoute } from './submit.ts';
import { connectorSwitch } from './switch-connector.ts';
import { failMessage, recordEnd, type RecordDeps, type SendEnd } from './record.ts';
import type { RetryPolicy } from './retry-decision.ts';
import type { Route } from './route.ts';
import { needsMediaLink, smsFallbackOutgoing, smsFormOfText, type SmsFormSettings } from './fallback-sms.ts';
import { fallBackAfterRefusal } from './fallback-after-refusal.ts';

type SubmitOutcome = SubmitResult['outcome'];

/** The steps' collaborators: ports (route, rate limit, compliance) and the media and rich builders. */
export interface SendSteps {
  picker: RoutePicker;
  limiter: SendRateLimiter;
  compliance: ComplianceCheck;
  resolver: Pick<MediaResolver, 'resolve'>;
  fitter: Pick<MessageFitter, 'fit'>;
  /** The media profile of a connector. */
  profileOf: (carrier: string) => string;
  /** Builds templated (rich) messages at send time; null where rich messages are not wired. */
  composer: Pick<RichComposer, 'compose'> | null;
  /** The connector the sender's number is set to use (its `route`), read in the claim unit. */
  senderRoute?: SenderRoute;
  /** The SMS form of an MMS that falls back: the page link's base URL and the segment limit. */
  sms?: SmsFormSettings;
}

/** Where the send is recorded. */
export interface SendRecords {
  store: Store;
  transitions: MessageTransitions;
  reports: RecordDeps['reports'];
  metrics: Metrics;
  clock: Clock;
  log: Logger;
  policy: RetryPolicy;
  /** Jitter source (tests make it fixed). */
  random?: () => number;
  /** Where a failover checks (and extends) the job's lease in its own write unit. */
  leases?: { queue: Pick<JobQueue, 'renewIn'>; leaseMs: number };
}

/**
 * The `message.send` job as a pipeline: claim (expiry → route → compliance, then `sending`, one
 * write unit) → compose rich or resolve media → fit media → rate limit → submit (with failover),
 * then one final write that the worker pool runs in the unit settling the job. Two write units on
 * the way to `sent`, as before the pipeline existed.
 */
export class SendPipeline implements JobHandler<'message.send'> {
  constructor(private readonly steps: SendSteps, private readonly records: SendRecords) {}

  readonly run = async (job: Job<'message.send'>, signal: AbortSignal): Promise<Settlement> => {
    const { store, transitions, clock } = this.records;
    const held: HeldSlot = {};
    try {
      const claimed = await store.write((tx) => claimMessage(tx, job.payload.messageId, clock.now(), { transitions, ...this.steps }, held));
      const { leases } = this.records;
      const stillHeld = leases ? (tx: Db) => leases.queue.renewIn(tx, job.lease, clock.now(), leases.leaseMs) : undefined;
      if (claimed.kind === 'nothing') return { type: 'done' };
      if (claimed.kind === 'wait') return { type: 'wait', until: claimed.until, reason: claimed.reason };
      if (claimed.kind === 'stop') return this.finish(claimed.message, claimed.stop);
      return await this.sent(claimed.message, claimed.route, signal, held, stillHeld);
    } finally {
      held.release?.();
    }
  };

  private async sent(message: Message, route: Route, signal: AbortSignal, held: HeldSlot, stillHeld?: (tx: Db) => Promise<boolean>): Promise<Settlement> {
    const { clock } = this.records;
    const claimed = { message, route };
    const end = await this.send(claimed.message, claimed.route, signal, held, stillHeld);
    if (end === 'aborted') {
      // Shutting down (or the lease is gone): leave the message as it is; whoever runs the job next
      // resumes it from `sending`, on the connector it was handed to.
      return { type: 'wait', until: clock.now(), reason: 'worker stopped' };
    }
    if (end.kind !== 'accepted') this.records.log.info({ messageId: claimed.message.id, outcome: end.kind, reason: 'reason' in end ? end.reason : end.message }, 'message not accepted for sending');
    return this.finish(claimed.message, end);
  }

  /** After too many crashes: fail the message with a code rather than loop (nothing if it was sent). */
  readonly abandon = async (tx: Db, job: Job<'message.send'>, error: string): Promise<void> => {
    const row = (await selectMessage(tx, { id: job.payload.messageId })).rows[0];
    if (!row || isFinal(row.status as MessageStatus) || row.status === 'sent') return;
    await failMessage(tx, this.records.transitions, row.id, 'PORM_SEND_CRASHED', `sending crashed repeatedly: ${error}`, this.records.clock.now());
  };

  private async send(message: Message, route: Route, signal: AbortSignal, held: HeldSlot, stillHeld?: (tx: Db) => Promise<boolean>): Promise<SendEnd | 'aborted'> {
    const { steps } = this;
    const { store, transitions, clock, metrics } = this.records;
    // On SMS a message meant for MMS (a fallback) goes as its text and a link to its media page.
    const composed = route.channel === 'sms' && needsMediaLink(message) ? smsFallbackOutgoing(message, steps.sms)
      : message.rich && steps.composer ? await composeRich(steps.composer, message) : await resolveMedia(steps.resolver, message);
    if (composed.kind !== 'continue') return composed;
    if (signal.aborted) return 'aborted';
    const outgoing = composed.value;
    const submitDeps = (release?: () => void) => ({
      limiter: steps.limiter, ...(release ? { firstSlot: release } : {}), fitFor: fitterByProfile(steps.fitter, outgoing), profileOf: steps.profileOf,
      switchTo: connectorSwitch(store, transitions, message.id, () => clock.now(), stillHeld),
      observe: (carrier: string, outcome: SubmitOutcome, seconds: number) => metrics.carrierSubmit.observe({ carrier, outcome }, seconds),
      now: () => clock.now(),
    });
    let end: SendEnd = await submitToRoute(message, outgoing, route, signal, submitDeps(held.release));
    if (signal.aborted && end.kind === 'retry') return 'aborted';
    if (end.kind === 'fail' && route.channel === 'mms') {
      const fallback = await fallBackAfterRefusal(message, end, signal, {
        picker: steps.picker, store, transitions, now: () => clock.now(), stillHeld, sms: steps.sms,
        submit: (m, o, r) => submitToRoute(m, o, r, signal, { ...submitDeps(), fitFor: fitterByProfile(steps.fitter, o) }),
      });
      if (fallback) return fallback === 'aborted' || (signal.aborted && fallback.kind === 'retry') ? 'aborted' : fallback;
    }
    if (end.kind === 'accepted' && route.channel === 'sms') end = { ...end, sms: smsFormOfText(outgoing.body) };
    return end.kind === 'accepted' && outgoing.richNote ? { ...end, richNote: outgoing.richNote } : end;
  }

  private finish(message: Message, end: SendEnd): Settlement {
    const { transitions, reports, policy, random, clock } = this.records;
    return { final: (tx) => recordEnd(tx, message, end, clock.now(), { transitions, reports, policy, ...(random ? { random } : {}) }) };
  }
}
