import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { Db } from '../store/schema.ts';
import type { DeliveryReport } from '../carriers/carrier.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { MessageTransitions } from './transitions.ts';
import { isFinal, type MessageStatus } from './status.ts';
import { selectByCarrierId } from './message-sql.ts';
import { queryTemplate } from '../store/query-template.ts';
import { writeWithRetry } from '../store/write-with-retry.ts';

const selectPending = queryTemplate<{ carrier: string; carrierMessageId: string }, { id: number; report_json: string }>((db, p) =>
  db.selectFrom('pending_reports').select(['id', 'report_json']).where('carrier', '=', p.carrier).where('carrier_message_id', '=', p.carrierMessageId).orderBy('id'));

/** The lock a report unit and the `sent` unit of the same carrier message both take (see below). */
export function reportLockKey(carrier: string, carrierMessageId: string): string {
  return `delivery-report:${carrier}:${carrierMessageId}`;
}

/**
 * The one ingestion path for delivery reports, whatever carrier they come from.
 *
 * A report can overtake porm's own record of the submit (the carrier answers, sends the
 * report at once, and porm has not yet committed `sent`); such a report is parked in
 * pending_reports and applied when `sent` is recorded. Reports for final messages are kept
 * as events and change nothing.
 *
 * The hand-off must not lose a report under READ COMMITTED with several writers: a report unit
 * that reads the message before `sent` commits, and a `sent` unit whose applyPending reads
 * pending_reports before the parked report commits, would each miss the other. Locking the
 * message row cannot prevent that (before `sent` the report cannot even find the row: the
 * carrier's id is recorded by `sent`), so both sides take one lock named after the carrier's
 * message id (Store.lockKey) before they read. Whichever unit takes it second reads after the
 * first committed: the report sees `sent` and applies itself, or applyPending sees the parked row.
 * Concurrent reports for one message are serialised by the same lock; a transition that still
 * loses a race (to a writer outside the lock) throws TransitionConflict and the unit runs again.
 */
export class DeliveryReportIngest {
  constructor(
    private readonly store: Store,
    private readonly transitions: MessageTransitions,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  readonly ingest = async (report: DeliveryReport): Promise<void> => {
    const now = this.clock.now();
    const result = await writeWithRetry(this.store, (tx) => this.apply(tx, report, now));
    this.metrics.deliveryReports.inc({ carrier: report.carrier, result });
    if (result !== 'applied') this.log.info({ carrier: report.carrier, carrierMessageId: report.carrierMessageId, result }, 'delivery report not applied');
  };

  /** A read reply: recorded on the message's timeline, its status unchanged. */
  readonly readReport = async (carrier: string, carrierMessageId: string, outcome: string, at: number): Promise<void> => {
    const now = this.clock.now();
    await writeWithRetry(this.store, async (tx) => {
      const row = (await selectByCarrierId(tx, { carrier, carrierMessageId })).rows[0];
      if (row) await this.transitions.note(tx, row.id, 'read_report', { outcome, reported_at: new Date(at).toISOString() }, now);
    });
  };

  /**
   * Applies reports that arrived before the submit was recorded. Runs inside the `sent` unit,
   * after the move to `sent`; the lock makes a report unit that parked concurrently either
   * commit before this read (so it is found here) or wait and read `sent` itself.
   */
  async applyPending(tx: Db, carrier: string, carrierMessageId: string, now: number): Promise<void> {
    await this.store.lockKey(tx, reportLockKey(carrier, carrierMessageId));
    const pending = (await selectPending(tx, { carrier, carrierMessageId })).rows;
    if (pending.length === 0) return;
    await tx.deleteFrom('pending_reports').where('id', 'in', pending.map((p) => p.id)).execute();
    for (const row of pending) await this.apply(tx, JSON.parse(row.report_json) as DeliveryReport, now);
  }

  private async apply(tx: Db, report: DeliveryReport, now: number): Promise<'applied' | 'duplicate' | 'pending'> {
    // Taken again when called from applyPending: a unit may re-take a key it holds.
    await this.store.lockKey(tx, reportLockKey(report.carrier, report.carrierMessageId));
    const row = (await selectByCarrierId(tx, { carrier: report.carrier, carrierMessageId: report.carrierMessageId })).rows[0];
    if (!row || row.status === 'sending') {
      await tx.insertInto('pending_reports').values({
        carrier: report.carrier, carrier_message_id: report.carrierMessageId, report_json: JSON.stringify(report), received_at: now,
      }).execute();
      return 'pending';
    }
    const data = { carrier_status: report.carrierStatus ?? null, reported_at: new Date(report.at).toISOString(), ...(report.description ? { description: report.description } : {}) };
    if (isFinal(row.status as MessageStatus) || row.status !== 'sent') {
      await this.transitions.note(tx, row.id, 'late_report', { ...data, outcome: report.outcome }, now);
      return 'duplicate';
    }
    if (report.outcome === 'delivered') {
      await this.transitions.move(tx, row.id, 'delivered', { data }, now, row);
    } else {
      await this.transitions.move(tx, row.id, 'undelivered', { errorCode: 'PORM_UNDELIVERED', errorMessage: report.description ?? `carrier reported ${report.carrierStatus ?? 'undelivered'}`, data }, now, row);
    }
    return 'applied';
  }
}
