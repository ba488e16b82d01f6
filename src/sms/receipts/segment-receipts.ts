import type { Metrics } from '../../observability/metrics.ts';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../../clock.ts';
import type { DeliveryReport } from '../../carriers/carrier-events.ts';
import type { Store } from '../../store/store.ts';
import type { Db } from '../../store/schema.ts';
import type { MessageTransitions } from '../../messages/transitions.ts';
import { selectMessage } from '../../messages/message-sql.ts';
import { writeWithRetry } from '../../store/write-with-retry.ts';
import { messageIdKeys } from '../pdu/message-id.ts';
import { forgetSubmitProgress } from '../progress/stored-progress.ts';
import { countDelivered, deleteParked, insertParked, insertSegments, insertSegmentState, keyRows, selectParked, selectSegmentByKey, selectSegmentsByKeys } from './segment-sql.ts';

// Receipts of SMS segments. A message sent as N short messages has N SMSC ids, each recorded
// under every key it may appear as (`s:` canonical, `n:` numeric values; see message-id.ts) in
// the unit that records `sent`. A receipt finds its segment by its `s:` key first, then its `n:`
// keys; one that finds none (it overtook the submit's record, or names an id porm never sent) is
// parked, one row per key, and applied when a segment with a matching key is recorded.
// The message is delivered once every segment is; undelivered or failed at the first segment
// that is not. Both sides lock every key they touch, in sorted order, before they read; a receipt then
// locks its message (applyToSegment).

export function segmentLockKeys(carrier: string, keys: readonly string[]): string[] {
  return [...new Set(keys)].sort().map((k) => `sms-segment:${carrier}:${k}`);
}

export type ReceiptResult = 'applied' | 'partial' | 'duplicate' | 'pending';

export class SegmentReceipts {
  constructor(
    private readonly store: Store,
    private readonly transitions: MessageTransitions,
    private readonly clock: Clock,
    private readonly log: Logger,
    /** porm_delivery_reports_total, counted as for every other carrier's reports. */
    private readonly metrics?: Pick<Metrics, 'deliveryReports'>,
  ) {}

  /** The CarrierEvents.deliveryReport of a segment receipt: resolves once it is applied or parked. */
  readonly ingest = async (report: DeliveryReport): Promise<void> => {
    const now = this.clock.now();
    const result = await writeWithRetry(this.store, (tx) => this.receive(tx, report, now));
    this.metrics?.deliveryReports.inc({ carrier: report.carrier, result });
    if (result === 'pending') this.log.info({ carrier: report.carrier, smscId: report.carrierMessageId }, 'SMS receipt for an id porm has not recorded (yet); kept until it is');
  };

  /** Records every segment's SMSC id for `messageId` and applies receipts parked for them. */
  readonly recordSegments = async (tx: Db, carrier: string, messageId: string, smscIds: readonly string[], now: number): Promise<void> => {
    const bySeq = smscIds.map((id) => messageIdKeys(id));
    for (const key of segmentLockKeys(carrier, bySeq.flat())) await this.store.lockKey(tx, key);
    // The half-sent record (if the message took several attempts) is replaced by these rows.
    await forgetSubmitProgress(tx, messageId);
    const rows = bySeq.flatMap((keys, seq) => keys.map((key) => ({ carrier, id_key: key, message_id: messageId, seq, smsc_id: smscIds[seq]! })));
    if (rows.length > 0) await insertSegments(tx, rows);
    const keys = [...new Set(bySeq.flat())];
    if (keys.length === 0) return;
    const parked = (await selectParked(tx, keyRows(carrier, keys))).rows;
    const seen = new Set<string>();
    for (const p of parked) {
      if (seen.has(p.receipt_uid)) continue;
      seen.add(p.receipt_uid);
      await deleteParked(tx, { uid: p.receipt_uid });
      const report = JSON.parse(p.report_json) as DeliveryReport;
      const seq = this.seqFor(bySeq, report.carrierMessageId);
      if (seq !== undefined) await this.applyToSegment(tx, messageId, seq, smscIds.length, report, now);
    }
  };

  private seqFor(bySeq: readonly string[][], smscId: string): number | undefined {
    const [strict, ...numeric] = messageIdKeys(smscId);
    const exact = bySeq.findIndex((keys) => keys.includes(strict!));
    if (exact !== -1) return exact;
    const loose = bySeq.findIndex((keys) => numeric.some((k) => keys.includes(k)));
    return loose === -1 ? undefined : loose;
  }

  private async receive(tx: Db, report: DeliveryReport, now: number): Promise<ReceiptResult> {
    const keys = messageIdKeys(report.carrierMessageId);
    for (const key of segmentLockKeys(report.carrier, keys)) await this.store.lockKey(tx, key);
    const [strict, ...numeric] = keys;
    let found = (await selectSegmentByKey(tx, { carrier: report.carrier, key: strict! })).rows;
    if (found.length === 0 && numeric.length > 0) {
      found = (await selectSegmentsByKeys(tx, keyRows(report.carrier, numeric))).rows;
    }
    const distinct = [...new Map(found.map((f) => [`${f.message_id}:${f.seq}`, f])).values()];
    if (distinct.length !== 1) {
      if (distinct.length > 1) this.log.warn({ carrier: report.carrier, smscId: report.carrierMessageId, candidates: distinct.length }, 'SMS receipt id matches several segments once normalised; kept, not applied');
      const uid = randomUUID();
      const reportJson = JSON.stringify(report);
      await insertParked(tx, keys.map((key) => ({ receipt_uid: uid, carrier: report.carrier, id_key: key, report_json: reportJson, received_at: now })));
      return 'pending';
    }
    const { message_id: messageId, seq, last } = distinct[0]!;
    // The segment count came with the lookup (its message's highest seq), as one statement.
    return this.applyToSegment(tx, messageId, seq, Number(last ?? 0) + 1, report, now);
  }

  private async applyToSegment(tx: Db, messageId: string, seq: number, total: number, report: DeliveryReport, now: number): Promise<ReceiptResult> {
    // Receipts of two segments of one message lock different segment keys. Without this lock two
    // arriving at once (PostgreSQL) would each count only its own segment delivered, and the
    // message would stay `sent` for good. Taken last, after the segment keys, so no two units wait
    // on each other's.
    if (total > 1) await this.store.lockKey(tx, `sms-message:${messageId}`);
    const row = (await selectMessage(tx, { id: messageId })).rows[0];
    const data = {
      carrier_status: report.carrierStatus ?? null, reported_at: new Date(report.at).toISOString(), segment: seq + 1, segments: total,
      smsc_id: report.carrierMessageId,
      ...(report.errorCode !== undefined ? { carrier_error: report.errorCode } : {}),
      ...(report.description !== undefined ? { description: report.description } : {}),
    };
    if (!row) return 'duplicate';
    const first = await insertSegmentState(tx, { messageId, seq, outcome: report.outcome, at: now });
    if (row.status !== 'sent' || Number(first.numAffectedRows ?? 0n) === 0) {
      await this.transitions.note(tx, messageId, 'late_report', { ...data, outcome: report.outcome }, now);
      return 'duplicate';
    }
    if (report.outcome !== 'delivered') {
      const errorCode = report.outcome === 'failed' ? 'PORM_CARRIER_REJECTED' : 'PORM_UNDELIVERED';
      const reason = report.description ?? `SMSC reported ${report.carrierStatus ?? report.outcome} for segment ${seq + 1} of ${total}`;
      await this.transitions.move(tx, messageId, report.outcome, { errorCode, errorMessage: reason, data }, now, row);
      return 'applied';
    }
    // A one-segment message is delivered by its one receipt, whose state was just recorded: no count needed.
    const delivered = total === 1 ? 1 : Number((await countDelivered(tx, { messageId })).rows[0]?.n ?? 0);
    if (delivered >= total) {
      await this.transitions.move(tx, messageId, 'delivered', { data }, now, row);
      return 'applied';
    }
    await this.transitions.note(tx, messageId, 'segment_delivered', data, now);
    return 'partial';
  }
}
