import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { SandboxLedger, type SubmissionRow } from './sandbox-ledger.ts';
import { handsetView, type HandsetView } from './handset.ts';
import type { SandboxMmscOptions } from './sandbox-mmsc.ts';
import type { ReportTarget } from './mmsc-submit.ts';
import type { FromWorker, ToWorker } from './mmsc-worker-main.ts';
import type { MmscControl } from './control-file.ts';
import { randomBase62 } from '../../ids.ts';

/**
 * The built-in MMSC simulator on a thread of its own. It plays a separate system, and like one
 * it talks to porm only over MM7 on loopback; running it beside porm's event loop rather than
 * on it gives porm the same CPU budget it would have against a real MMSC. Read-only questions
 * (what did the MMSC accept, what does the handset see) are answered from its ledger file.
 */
export class SandboxMmscThread {
  private readonly ledger: SandboxLedger;
  private closed = false;

  private constructor(private readonly worker: Worker, readonly url: string, ledgerPath: string, private readonly controlSecret: string) {
    this.ledger = SandboxLedger.openReadonly(ledgerPath);
  }

  static async start(options: SandboxMmscOptions, logLevel: string): Promise<SandboxMmscThread> {
    // The control secret is made up here, at each start, unless the caller brought one.
    const control = options.control ?? { secret: randomBase62(32) };
    const worker = new Worker(new URL('./mmsc-worker.js', import.meta.url), { workerData: { options: { ...options, control }, logLevel } });
    const url = await new Promise<string>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (message: FromWorker) => {
        if (message.type === 'listening') resolve(message.url);
        else reject(new Error(`sandbox MMSC did not start: ${message.type === 'failed' ? message.message : message.type}`));
      });
    });
    return new SandboxMmscThread(worker, url, join(options.dataDir, `sandbox-mmsc-${options.name}.db`), control.secret);
  }

  /** Where porm asks this MMSC to play the handset (also written to its control file). */
  get control(): MmscControl {
    return { url: this.url, secret: this.controlSecret, pid: process.pid };
  }

  get mm7Url(): string {
    return `${this.url}/mm7`;
  }

  startReporting(target: ReportTarget): void {
    this.worker.postMessage({ type: 'report', target } satisfies ToWorker);
  }

  submission(pormMessageId: string): SubmissionRow | undefined {
    return this.ledger.find(pormMessageId);
  }

  handset(pormMessageId: string): HandsetView | undefined {
    const row = this.ledger.find(pormMessageId);
    return row ? handsetView(row, this.url, new Date(row.created_at)) : undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await new Promise<void>((resolve) => {
      const done = (): void => resolve();
      this.worker.once('exit', done);
      this.worker.on('message', (message: FromWorker) => {
        if (message.type === 'closed') void this.worker.terminate();
      });
      this.worker.postMessage({ type: 'close' } satisfies ToWorker);
    });
    await this.ledger.close();
  }
}
