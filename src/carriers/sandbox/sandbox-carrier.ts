import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../../clock.ts';
import type { Carrier, DeliveryReportHandler, OutboundMessage, SubmitResult } from '../carrier.ts';
import { SandboxLedger, type SubmissionRow } from './sandbox-ledger.ts';
import { ReportScheduler } from './report-scheduler.ts';
import { sandboxVerdict } from './test-numbers.ts';

export interface SandboxOptions {
  name: string;
  dataDir: string;
  deliveryDelayMs: number;
  submitLatencyMs: number;
}

/**
 * The built-in simulated MMSC. It accepts submissions, answers with its own message id,
 * dedupes resubmissions of the same porm message, and later sends a delivery report through
 * the same ingestion path a real carrier's report takes. Test numbers: see test-numbers.ts.
 */
export class SandboxCarrier implements Carrier {
  readonly name: string;
  private readonly ledger: SandboxLedger;
  private readonly reports: ReportScheduler;

  constructor(private readonly options: SandboxOptions, private readonly clock: Clock, log: Logger) {
    this.name = options.name;
    this.ledger = SandboxLedger.open(join(options.dataDir, `sandbox-mmsc-${options.name}.db`));
    this.reports = new ReportScheduler(this.name, this.ledger, clock, log);
  }

  onDeliveryReport(handler: DeliveryReportHandler): void {
    this.reports.setHandler(handler);
  }

  async start(): Promise<void> {
    this.reports.start();
  }

  async submit(message: OutboundMessage): Promise<SubmitResult> {
    const now = this.clock.now();
    const row = await this.ledger.write((conn) => {
      const existing = this.ledger.get(conn, message.id);
      if (existing?.outcome === 'accepted') {
        const updated = { ...existing, duplicate_count: existing.duplicate_count + 1 };
        this.ledger.upsert(conn, updated);
        return { row: updated, duplicate: true };
      }
      const previous = existing?.submit_count ?? 0;
      const verdict = sandboxVerdict(message.to, previous);
      const base: SubmissionRow = {
        porm_id: message.id, carrier_id: null, to_number: message.to, outcome: 'rejected', report_status: null,
        report_due_at: null, report_sent_at: null, submit_count: previous + 1, duplicate_count: 0, created_at: existing?.created_at ?? now,
      };
      let next: SubmissionRow;
      if (verdict.kind === 'reject') next = base;
      else if (verdict.kind === 'transient') next = { ...base, outcome: 'transient' };
      else {
        next = {
          ...base, outcome: 'accepted', carrier_id: `SBX${randomBytes(12).toString('hex').toUpperCase()}`,
          report_status: verdict.report, report_due_at: verdict.report ? now + this.options.deliveryDelayMs : null,
        };
      }
      this.ledger.upsert(conn, next);
      return { row: next, duplicate: false };
    });
    // The simulated latency comes after the MMSC has durably recorded the submit, like a real
    // MMSC whose answer is slow or lost: the window in which porm can crash after the carrier
    // accepted but before porm heard so. Resubmits after such a crash are answered as duplicates.
    if (this.options.submitLatencyMs > 0) await new Promise((r) => setTimeout(r, this.options.submitLatencyMs));
    const { row: saved, duplicate } = row;
    if (saved.outcome === 'rejected') {
      return { outcome: 'permanent', errorCode: 'PORM_CARRIER_REJECTED', message: 'sandbox: recipient +15005550001 rejects every message', carrierCode: '3000' };
    }
    if (saved.outcome === 'transient') {
      return { outcome: 'transient', message: `sandbox: simulated temporary failure (submit ${saved.submit_count})`, carrierCode: '3001' };
    }
    if (!duplicate) this.reports.schedule(saved);
    return { outcome: 'accepted', carrierMessageId: saved.carrier_id!, duplicate };
  }

  /** What the simulated MMSC remembers of one porm message (for tests and the dashboard). */
  submission(pormMessageId: string): SubmissionRow | undefined {
    return this.ledger.find(pormMessageId);
  }

  totals(): { accepted: number; duplicates: number; rejected: number } {
    return this.ledger.totals();
  }

  async close(): Promise<void> {
    this.reports.stop();
    await this.reports.drain();
    await this.ledger.close();
  }
}
