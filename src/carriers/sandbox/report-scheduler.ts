import type { Logger } from 'pino';
import type { Clock } from '../../clock.ts';
import type { DeliveryReport, DeliveryReportHandler } from '../carrier.ts';
import type { SandboxLedger, SubmissionRow } from './sandbox-ledger.ts';

interface Owed {
  carrierId: string;
  status: 'delivered' | 'undelivered';
  dueAt: number;
}

const RETRY_MS = 1000;
const BATCH = 256;

/**
 * Sends the sandbox's owed delivery reports when they fall due: one timer for the earliest,
 * reports in batches, a failed hand-off retried after a second. Owed reports live in the
 * ledger, so after a restart they are reloaded and still sent.
 */
export class ReportScheduler {
  private queue: Owed[] = [];
  private timer: NodeJS.Timeout | undefined;
  private handler: DeliveryReportHandler | undefined;
  private running = false;
  private sending: Promise<void> | undefined;

  constructor(
    private readonly carrier: string,
    private readonly ledger: SandboxLedger,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  setHandler(handler: DeliveryReportHandler): void {
    this.handler = handler;
  }

  start(): void {
    this.running = true;
    for (const row of this.ledger.owedReports()) this.schedule(row);
    this.arm();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  async drain(): Promise<void> {
    await this.sending;
  }

  schedule(row: SubmissionRow): void {
    if (row.report_due_at === null || row.carrier_id === null || row.report_sent_at !== null) return;
    const owed: Owed = { carrierId: row.carrier_id, status: row.report_status as Owed['status'], dueAt: row.report_due_at };
    // Due times arrive almost always in order, so the insertion point is nearly always the end.
    let i = this.queue.length;
    while (i > 0 && this.queue[i - 1]!.dueAt > owed.dueAt) i--;
    this.queue.splice(i, 0, owed);
    if (i === 0) this.arm();
  }

  private arm(): void {
    if (!this.running || this.sending) return;
    if (this.timer) clearTimeout(this.timer);
    const first = this.queue[0];
    if (!first) return;
    this.timer = setTimeout(() => this.fire(), Math.max(0, first.dueAt - this.clock.now()));
  }

  private fire(): void {
    this.timer = undefined;
    this.sending = this.sendDue().finally(() => {
      this.sending = undefined;
      this.arm();
    });
  }

  private async sendDue(): Promise<void> {
    while (this.running && this.queue[0] && this.queue[0].dueAt <= this.clock.now()) {
      const batch = this.queue.splice(0, BATCH);
      const sent: string[] = [];
      await Promise.all(batch.map(async (owed) => {
        const report: DeliveryReport = { carrier: this.carrier, carrierMessageId: owed.carrierId, outcome: owed.status, carrierStatus: owed.status === 'delivered' ? 'Retrieved' : 'Rejected', at: this.clock.now() };
        try {
          if (!this.handler) throw new Error('no delivery report handler');
          await this.handler(report);
          sent.push(owed.carrierId);
        } catch (err) {
          this.log.warn({ err, carrierMessageId: owed.carrierId }, 'sandbox: delivery report not taken, retrying');
          this.schedule({ carrier_id: owed.carrierId, report_status: owed.status, report_due_at: this.clock.now() + RETRY_MS, report_sent_at: null } as SubmissionRow);
        }
      }));
      if (sent.length > 0) await this.ledger.markReported(sent, this.clock.now());
    }
  }
}
