import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { Db } from '../store/schema.ts';
import type { Job } from '../queue/queue.ts';
import type { JobHandler } from '../queue/job-handler.ts';
import type { Settlement } from '../queue/outcome.ts';
import { backoffDelay } from '../queue/backoff.ts';
import type { Metrics } from '../observability/metrics.ts';
import { safeRequest, isOutboundError, isPermanentOutboundError, type OutboundPolicy } from '../net/index.ts';
import type { WebhookRenderer } from './render-delivery.ts';
import type { WebhookDialect } from './dialects/dialect.ts';
import type { AnswerWrite, WebhookAnswerHandler } from './delivery-answer.ts';

export interface WebhookDeliveryPolicy {
  allowPrivateNetworks: boolean;
  timeoutMs: number;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

interface AttemptResult {
  ok: boolean;
  /** The whole answer (2xx or not), for dialects whose answers mean something (TwiML). */
  response: { status: number; contentType: string | null; body: Buffer } | null;
  permanent: boolean;
  statusCode: number | null;
  error: string | null;
  excerpt: string | null;
  durationMs: number;
  outcome: 'success' | 'http_error' | 'network_error' | 'blocked';
}

/**
 * The `webhook.deliver` job: POST one signed payload, log the attempt, and retry with
 * backoff until a 2xx or the attempt limit. Every attempt of a delivery carries the same
 * webhook-id, so receivers can drop duplicates. It returns its last write to the worker pool,
 * which runs it in the unit that settles the job (so a stale worker's log line never commits).
 */
export class WebhookDeliveryJob implements JobHandler<'webhook.deliver'> {
  private readonly outbound: OutboundPolicy;

  constructor(
    private readonly store: Store,
    private readonly policy: WebhookDeliveryPolicy,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
    private readonly log: Logger,
    /** Renders and signs each delivery in its dialect when it is attempted. */
    private readonly renderer: WebhookRenderer,
    /** Reads what receivers answered, where the answer means something (a number's TwiML). */
    private readonly answers: WebhookAnswerHandler | null = null,
  ) {
    this.outbound = {
      allowPrivateNetworks: policy.allowPrivateNetworks, maxRedirects: 0, timeoutMs: policy.timeoutMs,
      // Generous: a receiver that accepted the event must not be marked failed for a chatty answer.
      maxResponseBytes: 1024 * 1024, userAgent: 'porm-webhooks/1',
    };
  }

  readonly run = async (job: Job<'webhook.deliver'>): Promise<Settlement> => {
    const deliveryId = job.payload.deliveryId;
    const delivery = await this.store.db.selectFrom('webhook_deliveries as d')
      .leftJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
      .innerJoin('accounts as a', 'a.id', 'd.account_id')
      .select(['d.id', 'd.account_id', 'd.method', 'd.url', 'd.payload_json', 'd.dialect', 'd.event_type', 'd.subject_kind', 'd.subject_id', 'd.event_json', 'd.status', 'd.attempts', 'd.endpoint_id', 'e.secret as endpoint_secret', 'e.deleted_at', 'e.enabled', 'a.webhook_secret'])
      .where('d.id', '=', deliveryId).executeTakeFirst();
    if (!delivery || delivery.status !== 'pending') return { type: 'done' };
    const rendered = await this.renderer.render(delivery);
    const closed = delivery.endpoint_id && (delivery.deleted_at !== null || delivery.enabled !== 1);
    if (closed || !rendered.ok) {
      // The endpoint was deleted or disabled after this delivery was queued, or there is nothing
      // left to render (its subject is gone): close it in the log.
      const why = !rendered.ok ? rendered.why : delivery.deleted_at !== null ? 'endpoint deleted' : 'endpoint disabled';
      // Whoever reads answers (a number's TwiML) learns that none will come.
      const answered = await this.answer(delivery, delivery.attempts + 1, true, null, `not sent: ${why}`);
      return { final: async (tx) => {
        await tx.updateTable('webhook_deliveries').set({ status: 'failed', attempts: delivery.attempts + 1, next_attempt_at: null, updated_at: this.clock.now() }).where('id', '=', delivery.id).execute();
        await tx.insertInto('webhook_attempts').values({ delivery_id: delivery.id, attempt: delivery.attempts + 1, at: this.clock.now(), duration_ms: 0, status_code: null, error: `not sent: ${why}`, response_excerpt: null }).execute();
        if (answered) await answered(tx);
        return { type: 'done' };
      } };
    }
    const secret = rendered.secret ?? (delivery.endpoint_id ? delivery.endpoint_secret! : delivery.webhook_secret);
    const method = delivery.method === 'GET' ? 'GET' : 'POST';
    const result = await this.attempt(delivery.id, method, delivery.url, rendered.dialect, rendered.body, secret);
    this.metrics.webhookDeliveries.inc({ outcome: result.outcome });
    const attempt = delivery.attempts + 1;
    const answered = await this.answer(delivery, attempt, result.ok || this.givesUp(attempt, result), result.response, result.error);
    return this.record(delivery.id, attempt, result, answered);
  };

  private async answer(
    delivery: { id: string; account_id: string; dialect: string; subject_kind: string | null; subject_id: string | null },
    attempt: number, last: boolean, response: AttemptResult['response'], error: string | null,
  ): Promise<AnswerWrite | null> {
    if (!this.answers || delivery.subject_kind === null || delivery.subject_id === null) return null;
    return this.answers({
      deliveryId: delivery.id, accountId: delivery.account_id, dialect: delivery.dialect, subject: { kind: delivery.subject_kind, id: delivery.subject_id },
      attempt, last, response, error,
    });
  }

  /** Given up after crashing repeatedly: the delivery log says so instead of staying pending forever. */
  readonly abandon = async (tx: Db, job: Job<'webhook.deliver'>, error: string): Promise<void> => {
    await tx.updateTable('webhook_deliveries').set({ status: 'failed', next_attempt_at: null, updated_at: this.clock.now() })
      .where('id', '=', job.payload.deliveryId).where('status', '=', 'pending').execute();
    this.log.error({ deliveryId: job.payload.deliveryId, error }, 'webhook delivery given up after repeated crashes');
  };

  private async attempt(id: string, method: 'GET' | 'POST', target: string, dialect: WebhookDialect, rendered: string, secret: string): Promise<AttemptResult> {
    const timestamp = Math.floor(this.clock.now() / 1000);
    const started = performance.now();
    // A GET carries the form body as its query string (Twilio's GET webhooks); it is signed as sent.
    const url = method === 'GET' && rendered !== '' ? `${target}${target.includes('?') ? '&' : '?'}${rendered}` : target;
    const body = method === 'GET' ? '' : rendered;
    const headers = dialect.sign({ deliveryId: id, url, body, timestamp }, secret);
    try {
      const response = await safeRequest({ url, method, headers, ...(method === 'POST' ? { body } : {}), followRedirects: false }, this.outbound);
      const ok = response.status >= 200 && response.status < 300;
      const contentType = response.headers['content-type'];
      return {
        ok, permanent: false, statusCode: response.status, error: ok ? null : `HTTP ${response.status}`,
        response: { status: response.status, contentType: typeof contentType === 'string' ? contentType : null, body: response.body },
        excerpt: response.body.subarray(0, 512).toString('utf8'), durationMs: Math.round(performance.now() - started),
        outcome: ok ? 'success' : 'http_error',
      };
    } catch (err) {
      const permanent = isPermanentOutboundError(err);
      const message = isOutboundError(err) ? `${err.code}: ${err.message}` : (err as Error).message;
      return { ok: false, permanent, response: null, statusCode: null, error: message, excerpt: null, durationMs: Math.round(performance.now() - started), outcome: permanent ? 'blocked' : 'network_error' };
    }
  }

  private givesUp(attempt: number, result: AttemptResult): boolean {
    return !result.ok && (result.permanent || attempt >= this.policy.maxAttempts);
  }

  private record(deliveryId: string, attempt: number, result: AttemptResult, answered: AnswerWrite | null): Settlement {
    const now = this.clock.now();
    const giveUp = this.givesUp(attempt, result);
    const retryAt = now + backoffDelay(attempt, this.policy.baseDelayMs, this.policy.maxDelayMs);
    // A delivery given up on is lost to its endpoint: that is worth a warning, a retry is not.
    if (!result.ok) this.log[giveUp ? 'warn' : 'info']({ deliveryId, attempt, error: result.error, giveUp }, giveUp ? 'webhook delivery failed for good' : 'webhook attempt failed');
    return { final: async (tx) => {
      await tx.insertInto('webhook_attempts').values({
        delivery_id: deliveryId, attempt, at: now, duration_ms: result.durationMs, status_code: result.statusCode,
        error: result.error, response_excerpt: result.excerpt,
      }).execute();
      const status = result.ok ? 'succeeded' : giveUp ? 'failed' : 'pending';
      await tx.updateTable('webhook_deliveries').set({
        status, attempts: attempt, updated_at: now, next_attempt_at: status === 'pending' ? retryAt : null,
      }).where('id', '=', deliveryId).execute();
      // What the answer led to (a TwiML reply sent, a bad answer noted) commits with the attempt.
      if (answered) await answered(tx);
      return status === 'pending' ? { type: 'retry', at: retryAt, error: result.error ?? 'failed' } : { type: 'done' };
    } };
  }
}
