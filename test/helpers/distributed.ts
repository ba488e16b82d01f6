import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from './harness.ts';
import { ChildPorm, freePort } from './child-porm.ts';
import type { TestSchema } from './pg-schema.ts';

// Distributed mode as users run it: `porm start --role api|worker` processes (bin/porm.js) on one
// PostgreSQL schema, and the sandbox MMSC as its own process (`porm sandbox-mmsc`), which porm
// reaches as an ordinary `mm7` carrier and which posts its delivery reports to an API process.

/** A process started from bin/porm.js that is ready once its stderr says `ready`. */
export class PormProcess {
  private child: ChildProcess | undefined;
  stderr = '';

  constructor(readonly name: string, private readonly argv: string[], private readonly env: Record<string, string>, private readonly ready: string) {}

  async start(): Promise<void> {
    this.stderr = '';
    const child = spawn(process.execPath, ['bin/porm.js', ...this.argv], { env: { ...process.env, PORM_LOG_LEVEL: 'warn', ...this.env }, stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`${this.name} exited early: ${this.stderr}`);
      return this.stderr.includes(this.ready) ? true : undefined;
    }, 120_000, `${this.name} to start`);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async kill9(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}

export interface ClusterOptions {
  schema: TestSchema;
  dir: string;
  /** The carrier's rate, across all workers (needs Redis). */
  perSecond?: number;
  redisUrl?: string;
  workers?: { concurrency?: number; pollIntervalMs?: number; leaseMs?: number };
  deliveryDelayMs?: number;
  submitLatencyMs?: number;
}

export const CARRIER = 'acme';
const MMSC_PASSWORD = 'mmsc-secret-1';
const REPORT_PASSWORD = 'report-secret-1';

/** The pieces of a cluster: a config file every porm process reads, the sandbox MMSC, and factories for API and worker processes. */
export class Cluster {
  readonly configFile: string;
  readonly mmscDir: string;
  readonly mmscPort: number;
  readonly apiPorts: number[] = [];
  private readonly env: Record<string, string>;
  private constructor(private readonly options: ClusterOptions, mmscPort: number, reportPort: number) {
    this.mmscPort = mmscPort;
    this.mmscDir = join(options.dir, 'mmsc');
    this.configFile = join(options.dir, 'porm.json');
    this.apiPorts.push(reportPort);
    writeFileSync(this.configFile, JSON.stringify({
      carriers: {
        [CARRIER]: {
          type: 'mm7', url: `http://127.0.0.1:${mmscPort}/mm7`, username: 'vasp', password: MMSC_PASSWORD,
          inbound: { username: 'mmsc', password: REPORT_PASSWORD }, timeoutMs: 10_000,
          ...(options.perSecond !== undefined ? { rateLimit: { perSecond: options.perSecond } } : {}),
        },
      },
      routes: [{ from: '*', carriers: [CARRIER] }],
      workers: { concurrency: 32, pollIntervalMs: 500, leaseMs: 10_000, ...options.workers },
      ...(options.redisUrl ? { redis: { url: options.redisUrl, keyPrefix: `porm:${options.schema.schema}:` } } : {}),
    }));
    this.env = { PORM_CONFIG: this.configFile, PORM_DATABASE_URL: options.schema.url, PORM_POSTGRES_SCHEMA: options.schema.schema, PORM_POSTGRES_POOL_SIZE: '6' };
  }

  static async create(options: ClusterOptions): Promise<Cluster> {
    return new Cluster(options, await freePort(), await freePort());
  }

  /** The sandbox MMSC, reporting to the first API process. */
  mmsc(): PormProcess {
    return new PormProcess('sandbox-mmsc', ['--data', this.mmscDir, 'sandbox-mmsc', '--port', String(this.mmscPort), '--password', MMSC_PASSWORD,
      '--report-url', `http://127.0.0.1:${this.apiPorts[0]}/mm7/${CARRIER}`, '--report-username', 'mmsc', '--report-password', REPORT_PASSWORD,
      '--delivery-delay-ms', String(this.options.deliveryDelayMs ?? 50), '--submit-latency-ms', String(this.options.submitLatencyMs ?? 0), '--log-level', 'warn'],
    {}, 'sandbox MMSC listening');
  }

  /** An API process; the first one made listens where the MMSC sends its reports. */
  async api(index: number): Promise<ChildPorm> {
    while (this.apiPorts.length <= index) this.apiPorts.push(await freePort());
    // Several processes starting at once on a busy 2-core machine (the first also migrating) take a while.
    return new ChildPorm(join(this.options.dir, `api-${index}`), this.apiPorts[index]!, ['--role', 'api'], this.env, 120_000);
  }

  worker(index: number): PormProcess {
    return new PormProcess(`worker-${index}`, ['--data', join(this.options.dir, `worker-${index}`), 'start', '--role', 'worker'], this.env, 'porm is running (worker)');
  }

  /** Where the sandbox MMSC keeps what it accepted (one row per porm message, with a duplicate count). */
  get ledgerPath(): string {
    return join(this.mmscDir, 'sandbox-mmsc-standalone.db');
  }
}
