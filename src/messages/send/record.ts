import type { Db } from '../../store/schema.ts';
import type { ErrorCode } from '../../errors.ts';
import type { JobOutcome } from '../../queue/outcome.ts';
import { queryTemplate } from '../../store/query-template.ts';
import type { MessageTransitions } from '../transitions.ts';
import type { DeliveryReportIngest } from '../delivery-reports.ts';
import type { SegmentReceipts } from '../../sms/receipts/segment-receipts.ts';
import type { Message } from '../model.ts';
import { selectMessage } from '../message-sql.ts';
import { isFinal, type MessageStatus } from '../status.ts';
import type { Accepted } from './submit.ts';
import type { StepStop } from './step-outcome.ts';
import { decideRetry, type RetryPolicy } from './retry-decision.ts';
import { recordSmsForm } from './fallback-sms.ts';
import { forgetSubmitProgress } from '../../sms/progress/stored-progress.ts';
import type { SmsForm } from '../sms/sms-form.ts';

const selectPaces = queryTemplate<{ id: string }, { throttles: number; rate_limited: number }>((db, p) =>
  db.selectFrom('message_events').select((eb) => [
    eb.fn.sum<number>(eb.case().when('type', '=', 'throttled').then(1).else(0).end()).as('throttles'),
    eb.fn.sum<number>(eb.case().when('type', '=', 'rate_limited').then(1).else(0).end()).as('rate_limited'),
  ]).where('message_id', '=', p.id).where('type', 'in', ['throttled', 'rate_limited']));

const setMediaSent = queryTemplate<{ id: string; json: string }>((db, p) =>
  db.updateTable('messages').set({ media_sent_json: p.json }).where('id', '=', p.id));

export interface RecordDeps {
  transitions: MessageTransitions;
  reports: Pick<DeliveryReportIngest, 'applyPending'> & Partial<Pick<SegmentReceipts, 'recordSegments'>>;
  policy: RetryPolicy;
  random?: () => number;
}

export type SendEnd = (Accepted & { richNote?: Record<string, unknown>; sms?: SmsForm }) | StepStop;

/**
 * The last write of a send, run by the worker pool in the unit that settles the job: `sent` (with
 * what went out and the reports that overtook it), `failed` with a code, back to `queued` for a
 * retry or a throttle, or a deferral note. Its outcome tells the pool what to do with the job.
 */
export async function recordEnd(tx: Db, message: Message, end: SendEnd, now: number, deps: RecordDeps): Promise<JobOutcome> {
  const { transitions } = deps;
  switch (end.kind) {
    case 'accepted': {
      if (end.fitted.parts.length > 0) {
        const sent = { profile: end.fitted.profile, budget_bytes: end.fitted.budgetBytes, parts: end.fitted.parts };
        await setMediaSent(tx, { id: message.id, json: JSON.stringify(sent) });
      }
      // Stored at accept already for a plain SMS; written only when the text sent differs (a fallback, a template).
      if (end.sms && (message.sms?.segments !== end.sms.segments || message.sms?.encoding !== end.sms.encoding)) await recordSmsForm(tx, message.id, end.sms);
      const moved = await transitions.move(tx, message.id, 'sent', {
        carrier: end.carrier, carrierMessageId: end.carrierMessageId,
        data: { carrier: end.carrier, ...(end.duplicate ? { carrier_duplicate: true } : {}), ...(end.richNote ? { rich: end.richNote } : {}) },
      }, now);
      if (moved) await deps.reports.applyPending(tx, end.carrier, end.carrierMessageId, now);
      if (moved && end.segmentIds !== undefined && deps.reports.recordSegments) await deps.reports.recordSegments(tx, end.carrier, message.id, end.segmentIds, now);
      return { type: 'done' };
    }
    case 'fail': {
      const failed = await failMessage(tx, transitions, message.id, end.code, end.message, now, end.carrierCode);
      if (failed && end.compliance) await end.compliance.announce(tx, failed, now);
      return { type: 'fail', code: end.code, message: end.message };
    }
    case 'defer': {
      if (!end.compliance) {
        await transitions.note(tx, message.id, 'deferred', { reason: end.reason, until: new Date(end.until).toISOString() }, now);
        return { type: 'wait', until: end.until, reason: end.reason };
      }
      // A compliance hold shows as `scheduled` (from `queued`; one already scheduled stays so) and
      // goes back to `queued` and `sending` when its job runs again and the claim lets it through.
      const until = end.compliance.until ? await end.compliance.until(tx, end.until, now) : end.until;
      // Released before the hold was written (a YES committed since the claim): run again now.
      if (until <= now) return { type: 'wait', until: now, reason: `${end.reason} (released)` };
      const data = { reason: end.reason, until: new Date(until).toISOString() };
      const held = await transitions.move(tx, message.id, 'scheduled', { type: 'deferred', data }, now);
      if (!held) {
        // Already scheduled (held again), or canceled since the claim: nothing to hold then.
        const row = (await selectMessage(tx, { id: message.id })).rows[0];
        if (!row || isFinal(row.status as MessageStatus)) return { type: 'done' };
        await transitions.note(tx, message.id, 'deferred', data, now);
      }
      await end.compliance.announce(tx, held ?? message, now);
      return { type: 'wait', until, reason: end.reason };
    }
    case 'retry':
    case 'throttle': {
      const paces = (await selectPaces(tx, { id: message.id })).rows[0];
      const counts = { attempts: message.attempts, throttles: Number(paces?.throttles ?? 0), rateLimited: Number(paces?.rate_limited ?? 0) };
      const decision = decideRetry(end, counts, deps.policy, now, message.expiresAt, deps.random);
      if (!decision.again) {
        await failMessage(tx, transitions, message.id, decision.code, decision.message, now);
        return { type: 'fail', code: decision.code, message: decision.message };
      }
      const type = end.kind === 'retry' ? 'retry_scheduled' : end.source === 'carrier' ? 'throttled' : 'rate_limited';
      await transitions.move(tx, message.id, 'queued', {
        type,
        data: { reason: end.reason, attempt: message.attempts, retry_at: new Date(decision.at).toISOString(), ...(end.kind === 'retry' && end.carrierCode ? { carrier_code: end.carrierCode } : {}) },
      }, now);
      return end.kind === 'retry' ? { type: 'retry', at: decision.at, error: end.reason } : { type: 'wait', until: decision.at, reason: end.reason };
    }
  }
}

export async function failMessage(tx: Db, transitions: MessageTransitions, id: string, code: ErrorCode, reason: string, now: number, carrierCode?: string): Promise<Message | undefined> {
  // Segments of a half-sent SMS need no resuming once the message has failed.
  await forgetSubmitProgress(tx, id);
  return transitions.move(tx, id, 'failed', { errorCode: code, errorMessage: reason, data: carrierCode ? { carrier_code: carrierCode } : {} }, now);
}
