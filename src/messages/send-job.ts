import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { Db } from '../store/schema.ts';
import type { ErrorCode } from '../errors.ts';
import type { Job, JobQueue } from '../queue/queue.ts';
import { backoffDelay } from '../queue/backoff.ts';
import type { RoutingTable } from '../carriers/routing.ts';
import type { Carrier, SubmitResult } from '../carriers/carrier.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { Message } from './model.ts';
import { messageFromRow } from './rows.ts';
import { selectMessage } from './message-sql.ts';
import { queryTemplate } from '../store/query-template.ts';
import { isFinal, type MessageStatus } from './status.ts';
import type { MessageTransitions } from './transitions.ts';
import type { DeliveryReportIngest } from './delivery-reports.ts';
import { MediaResolveError, type MediaResolver, type ResolvedMedia } from '../media/media-resolver.ts';
import type { FittedMessage, MessageFitter } from '../media/fit/fit-message.ts';
import { isMediaError } from '../media/errors.ts';
import { isAvError } from '../media/av/index.ts';
import { isPormError } from '../errors.ts';
import type { ComposeSlide } from '../mms/compose.ts';
import type { RichComposer } from '../rich/send/compose-outgoing.ts';

const countThrottles = async (tx: Db, p: { id: string }): Promise<number> =>
  Number((await selectThrottleCount(tx, p)).rows[0]?.n ?? 0);

const selectThrottleCount = queryTemplate<{ id: string }, { n: number }>((db, p) =>
  db.selectFrom('message_events').select((eb) => eb.fn.countAll<number>().as('n')).where('message_id', '=', p.id).where('type', '=', 'throttled'));

export interface RetryPolicy {
  maxAttempts: number;
  /** How many times a carrier may throttle one message before porm gives up on it. */
  maxThrottles: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

type Prepared = { message: Message; carrier: Carrier } | undefined;

/**
 * The `message.send` job: take a queued message to the carrier and record what came back.
 * Step one (a write unit) moves it to `sending`; the submit happens outside any transaction;
 * step two (another write unit) records the outcome and settles the job. A crash between
 * the two leaves the message in `sending` with its job leased; the job runs again and the
 * carrier, which dedupes by porm's message id, answers with the same carrier id.
 */
export class SendJob {
  constructor(
    private readonly store: Store,
    private readonly queue: JobQueue,
    private readonly transitions: MessageTransitions,
    private readonly routing: RoutingTable,
    private readonly reports: DeliveryReportIngest,
    private readonly media: MediaResolver,
    private readonly fitter: MessageFitter,
    /** The media profile of a carrier's route. */
    private readonly profileOf: (carrier: string) => string,
    private readonly retry: RetryPolicy,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
    private readonly log: Logger,
    /** Builds templated (rich) messages at send time from their template's current revision. */
    private readonly rich: RichComposer | null = null,
  ) {}

  readonly handle = async (job: Job): Promise<void> => {
    const messageId = String(job.payload.messageId);
    const prepared = await this.prepare(job, messageId);
    if (!prepared) return;
    const { message, carrier } = prepared;
    let media: ResolvedMedia[];
    let fitted: FittedMessage;
    let body = message.body;
    let subject = message.subject;
    let slides: ComposeSlide[] | undefined;
    let richNote: Record<string, unknown> | undefined;
    try {
      if (message.rich && this.rich) {
        const out = await this.rich.compose(message);
        ({ body, subject, media, slides } = out);
        richNote = { channel: message.rich.channel, template_revision: out.revision, ...(out.warnings.length > 0 ? { warnings: out.warnings } : {}) };
      } else {
        // Attachments are loaded, then fitted to the route's media profile, before anything is encoded.
        media = await this.media.resolve(message.accountId, message.media);
      }
    } catch (err) {
      if (isPormError(err)) {
        // The template's current revision cannot be bound for this recipient (a revision after
        // the send was accepted made a slot block): nothing would ever make this message sendable.
        await this.record(job, message, carrier, { outcome: 'permanent', errorCode: err.code, message: err.message });
        return;
      }
      const permanent = err instanceof MediaResolveError && err.permanent;
      const why = (err as Error).message;
      await this.record(job, message, carrier, permanent
        ? { outcome: 'permanent', errorCode: 'PORM_MEDIA_FETCH_FAILED', message: why }
        : { outcome: 'transient', message: `media: ${why}`, exhaustedCode: 'PORM_MEDIA_FETCH_FAILED' });
      return;
    }
    try {
      // Slide texts share the byte budget with the media, like a body does.
      fitted = await this.fitter.fit(slides ? slides.map((s) => s.text).join('\n') : body, media, this.profileOf(carrier.name));
    } catch (err) {
      if (!isMediaError(err) && !isAvError(err)) throw err;
      const why = `media: ${err.message}`;
      await this.record(job, message, carrier, err.permanent
        ? { outcome: 'permanent', errorCode: err.code, message: why }
        : { outcome: 'transient', message: why, exhaustedCode: err.code });
      return;
    }
    media = fitted.media;
    const started = performance.now();
    let result: SubmitResult;
    try {
      result = await carrier.submit({
        id: message.id, accountId: message.accountId, to: message.to, from: message.from, body,
        subject, media, expiresAt: message.expiresAt, ...(slides ? { slides } : {}),
      });
    } catch (err) {
      result = { outcome: 'transient', message: `carrier connector error: ${(err as Error).message}` };
    }
    this.metrics.carrierSubmit.observe({ carrier: carrier.name, outcome: result.outcome }, (performance.now() - started) / 1000);
    await this.record(job, message, carrier, result, fitted.parts.length > 0 ? fitted : undefined, richNote);
  };

  /** Moves the message to `sending`, or settles the job when there is nothing to send. */
  private async prepare(job: Job, messageId: string): Promise<Prepared> {
    const now = this.clock.now();
    return this.store.write(async (tx) => {
      const row = (await selectMessage(tx, { id: messageId })).rows[0];
      if (!row || isFinal(row.status as MessageStatus)) {
        await this.queue.complete(tx, job.id);
        return undefined;
      }
      let message = messageFromRow(row);
      if (message.expiresAt !== null && now >= message.expiresAt) {
        await this.fail(tx, message.id, 'PORM_MESSAGE_EXPIRED', `not sent within its validity period of ${message.validityPeriod} s`, now);
        await this.queue.complete(tx, job.id);
        return undefined;
      }
      const carrier = this.routing.carrierFor(message.from);
      if (!carrier) {
        await this.fail(tx, message.id, 'PORM_NO_ROUTE', `no route serves sender ${message.from}`, now);
        await this.queue.complete(tx, job.id);
        return undefined;
      }
      let current: typeof row | undefined = row;
      if (message.status === 'scheduled') {
        message = (await this.transitions.move(tx, message.id, 'queued', {}, now, current)) ?? message;
        current = undefined;
      }
      if (message.status === 'queued') {
        message = (await this.transitions.move(tx, message.id, 'sending', { carrier: carrier.name, incrementAttempts: true, data: { attempt: message.attempts + 1, carrier: carrier.name } }, now, current)) ?? message;
      } else if (message.status === 'sending') {
        // A previous worker died mid-submit. Submitting again is safe: the carrier dedupes by id.
        await this.transitions.note(tx, message.id, 'resumed', { reason: 'lease expired or restart while sending' }, now);
      } else {
        // sent (a crash after the carrier accepted and before the job was settled): nothing left to do.
        await this.queue.complete(tx, job.id);
        return undefined;
      }
      return { message, carrier };
    });
  }

  private async record(job: Job, message: Message, carrier: Carrier, result: SubmitResult, fitted?: FittedMessage, richNote?: Record<string, unknown>): Promise<void> {
    const now = this.clock.now();
    await this.store.write(async (tx) => {
      if (result.outcome === 'accepted') {
        if (fitted) {
          const sent = { profile: fitted.profile, budget_bytes: fitted.budgetBytes, parts: fitted.parts };
          await tx.updateTable('messages').set({ media_sent_json: JSON.stringify(sent) }).where('id', '=', message.id).execute();
        }
        const sent = await this.transitions.move(tx, message.id, 'sent', {
          carrierMessageId: result.carrierMessageId, data: { carrier: carrier.name, ...(result.duplicate ? { carrier_duplicate: true } : {}), ...(richNote ? { rich: richNote } : {}) },
        }, now);
        await this.queue.complete(tx, job.id);
        if (sent) await this.reports.applyPending(tx, carrier.name, result.carrierMessageId, now);
        return;
      }
      if (result.outcome === 'permanent') {
        await this.fail(tx, message.id, result.errorCode, result.message, now, result.carrierCode);
        await this.queue.complete(tx, job.id);
        return;
      }
      // Throttles are the carrier pacing porm, not failing: they have their own, larger allowance,
      // and do not use up the attempts meant for errors.
      const throttles = await countThrottles(tx, { id: message.id });
      const attempts = message.attempts;
      const failures = attempts - throttles - (result.outcome === 'throttled' ? 1 : 0);
      const delay = result.outcome === 'throttled'
        ? result.retryAfterMs
        : backoffDelay(failures, this.retry.baseDelayMs, this.retry.maxDelayMs);
      const retryAt = now + delay;
      const outOfAttempts = result.outcome === 'transient'
        ? failures >= this.retry.maxAttempts
        : throttles + 1 >= this.retry.maxThrottles;
      const pastValidity = message.expiresAt !== null && retryAt >= message.expiresAt;
      if (outOfAttempts || pastValidity) {
        const exhausted = result.outcome === 'transient' ? result.exhaustedCode ?? 'PORM_CARRIER_UNAVAILABLE' : 'PORM_CARRIER_UNAVAILABLE';
        const code = pastValidity && !outOfAttempts ? 'PORM_MESSAGE_EXPIRED' : exhausted;
        await this.fail(tx, message.id, code, `${result.message} (after ${attempts} attempts)`, now);
        await this.queue.complete(tx, job.id);
        return;
      }
      await this.transitions.move(tx, message.id, 'queued', {
        type: result.outcome === 'throttled' ? 'throttled' : 'retry_scheduled',
        data: { reason: result.message, attempt: attempts, retry_at: new Date(retryAt).toISOString(), ...(result.outcome === 'transient' && result.carrierCode ? { carrier_code: result.carrierCode } : {}) },
      }, now);
      await this.queue.reschedule(tx, job.id, retryAt, result.message);
    });
    if (result.outcome !== 'accepted') this.log.info({ messageId: message.id, outcome: result.outcome, reason: result.message }, 'message not accepted for sending');
  }

  private async fail(tx: Db, id: string, code: ErrorCode, reason: string, now: number, carrierCode?: string): Promise<void> {
    await this.transitions.move(tx, id, 'failed', { errorCode: code, errorMessage: reason, data: carrierCode ? { carrier_code: carrierCode } : {} }, now);
  }
}
