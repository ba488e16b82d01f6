// Entry point of the thread that runs a built-in MMSC simulator (see mmsc-thread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import pino from 'pino';
import { systemClock } from '../../clock.ts';
import { SandboxMmsc, type SandboxMmscOptions } from './sandbox-mmsc.ts';
import type { ReportTarget } from './mmsc-submit.ts';

export type ToWorker = { type: 'report'; target: ReportTarget } | { type: 'close' };
export type FromWorker = { type: 'listening'; url: string } | { type: 'failed'; message: string } | { type: 'closed' };

const { options, logLevel } = workerData as { options: SandboxMmscOptions; logLevel: string };
const port = parentPort!;
const log = pino({ level: logLevel, base: { service: 'porm', component: 'sandbox-mmsc', carrier: options.name } });
const mmsc = new SandboxMmsc(options, systemClock, log);

mmsc.listen().then(
  () => port.postMessage({ type: 'listening', url: mmsc.url } satisfies FromWorker),
  (err: Error) => port.postMessage({ type: 'failed', message: err.message } satisfies FromWorker),
);

port.on('message', (message: ToWorker) => {
  if (message.type === 'report') mmsc.startReporting(message.target);
  if (message.type === 'close') {
    void mmsc.close().then(() => {
      port.postMessage({ type: 'closed' } satisfies FromWorker);
      port.close();
    });
  }
});
