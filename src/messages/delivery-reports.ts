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

const selectPending = queryTemplate<{ carrier: string; carrierMessageId: string }, { id: number; report_json: string }>((db, p) =>
  db.selectFrom('pending_reports').select(['id', 'report_json']).where('carrier', '=', p.carrier).where('carrier_message_id', '=', p.carrierMessageId).orderBy('id'));

/**
 * The one ingestion path for delivery reports, whatever carrier they come from.
 *
 * A report can overtake porm's own record of the submit (the carrier answers, sends the
 * report at once, and porm has not yet committed `sent`); such a report is parked in
 * pending_reports and applied when `sent` is recorded. Reports for final messages are kept
 * as events and change nothing.
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
    const result = await this.store.write((tx) => this.apply(tx, report, now));
    this.metrics.deliveryReports.inc({ carrier: report.carrier, result });
    if (result !== 'applied') this.log.info({ carrier: report.carrier, carrierMessageId: report.carrierMessageId, result }, 'delivery report not applied');
  };

  /** A read reply: recorded on the message's timeline, its status unchanged. */
  readonly readReport = async (carrier: string, carrierMessageId: string, outcome: string, at: number): Promise<void> => {
    const now = this.clock.now();
    await this.store.write(async (tx) => {
      const row = (await selectByCarrierId(tx, { carrier, carrierMessageId })).rows[0];
      if (row) await this.transitions.note(tx, row.id, 'read_report', { outcome, reported_at: new Date(at).toISOString() }, now);
    });
  };

  /** Applies reports that arrived before the submit was recorded. Runs inside the `sent` unit. */
  async applyPending(tx: Db, carrier: string, carrierMessageId: string, now: number): Promise<void> {
    const pending = (await selectPending(tx, { carrier, carrierMessageId })).rows;
    if (pending.length === 0) return;
    await tx.deleteFrom('pending_reports').where('id', 'in', pending.map((p) => p.id)).execute();
    for (const row of pending) await this.apply(tx, JSON.parse(row.report_json) as DeliveryReport, now);
  }

  private async apply(tx: Db, report: DeliveryReport, now: number): Promise<'applied' | 'duplicate' | 'pending'> {
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
