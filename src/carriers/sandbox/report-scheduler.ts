import type { Logger } from 'pino';
import type { Clock } from '../../clock.ts';
import type { SandboxLedger, SubmissionRow } from './sandbox-ledger.ts';

/** A delivery report the simulated MMSC still owes. */
export interface OwedReport {
  carrierId: string;
  status: 'delivered' | 'undelivered';
  to: string;
  from: string;
  dueAt: number;
}

export type ReportSender = (report: OwedReport) => Promise<void>;

const RETRY_MS = 1000;
const BATCH = 256;

/**
 * Sends the sandbox's owed delivery reports when they fall due: one timer for the earliest,
 * reports in concurrent batches, a report that was not taken retried a second later. Owed
 * reports live in the ledger, so after a restart they are reloaded and still sent.
 */
export class ReportScheduler {
  private queue: OwedReport[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sender: ReportSender | undefined;
  private running = false;
  private sending: Promise<void> | undefined;

  constructor(private readonly ledger: SandboxLedger, private readonly clock: Clock, private readonly log: Logger) {}

  /** Starts sending through `sender`, beginning with what the ledger says is owed. */
  start(sender: ReportSender): void {
    this.sender = sender;
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
    this.add({ carrierId: row.carrier_id, status: row.report_status as OwedReport['status'], to: row.to_number, from: row.from_number, dueAt: row.report_due_at });
  }

  /** Takes a report out of the queue (one sent on demand replaces it); returns it if it was there. */
  cancel(carrierId: string): OwedReport | undefined {
    const i = this.queue.findIndex((owed) => owed.carrierId === carrierId);
    return i < 0 ? undefined : this.queue.splice(i, 1)[0];
  }

  private add(owed: OwedReport): void {
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
    while (this.running && this.sender && this.queue[0] && this.queue[0].dueAt <= this.clock.now()) {
      const batch = this.queue.splice(0, BATCH);
      const sent: string[] = [];
      const sender = this.sender;
      await Promise.all(batch.map(async (owed) => {
        try {
          await sender(owed);
          sent.push(owed.carrierId);
        } catch (err) {
          this.log.warn({ err: (err as Error).message, carrierMessageId: owed.carrierId }, 'sandbox MMSC: delivery report not taken, retrying');
          this.add({ ...owed, dueAt: this.clock.now() + RETRY_MS });
        }
      }));
      if (sent.length > 0) await this.ledger.markReported(sent, this.clock.now());
    }
  }
}
