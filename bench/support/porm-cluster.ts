import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './processes.ts';

// porm's distributed layout for the distributed bench: API and worker processes of bin/porm.js on
// one PostgreSQL schema, and the sandbox MMSC as its own process, reached as an ordinary mm7
// carrier and posting its delivery reports to the first API process.

/** Extra node flags for every porm process, e.g. PORM_BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile a run. */
const nodeFlags = (process.env.PORM_BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);

export const BENCH_KEY = 'porm_bench_0123456789abcdefghijklmnopqrstu';
const MMSC_PASSWORD = 'bench-mmsc-secret';
const REPORT_PASSWORD = 'bench-report-secret';

/** Spawns bin/porm.js and resolves once its stderr contains `ready` (stderr is kept, not shown). */
export async function startPormProcess(args: string[], env: Record<string, string>, ready: string, timeoutMs = 120_000): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...nodeFlags, 'bin/porm.js', ...args], { env: { ...process.env, PORM_API_KEY: BENCH_KEY, PORM_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const deadline = Date.now() + timeoutMs;
  while (!stderr.includes(ready)) {
    if (child.exitCode !== null) throw new Error(`porm ${args.join(' ')} exited with ${child.exitCode}: ${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`porm ${args.join(' ')} did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return child;
}

export interface ClusterPaths {
  dir: string;
  databaseUrl: string;
  schema: string;
  poolSize: number;
}

export class BenchCluster {
  readonly config: string;
  readonly env: Record<string, string>;
  private constructor(private readonly paths: ClusterPaths, readonly mmscPort: number, readonly reportPort: number) {
    this.config = join(paths.dir, 'porm.json');
    writeFileSync(this.config, JSON.stringify({
      carriers: { acme: { type: 'mm7', url: `http://127.0.0.1:${mmscPort}/mm7`, username: 'vasp', password: MMSC_PASSWORD, inbound: { username: 'mmsc', password: REPORT_PASSWORD }, timeoutMs: 30_000 } },
      routes: [{ from: '*', carriers: ['acme'] }],
      // A short poll: the bench's workers start on an empty queue and are woken by NOTIFY anyway.
      workers: { concurrency: 64, pollIntervalMs: 1000, leaseMs: 60_000 },
    }));
    this.env = { PORM_CONFIG: this.config, PORM_DATABASE_URL: paths.databaseUrl, PORM_POSTGRES_SCHEMA: paths.schema, PORM_POSTGRES_POOL_SIZE: String(paths.poolSize) };
  }

  static async create(paths: ClusterPaths): Promise<BenchCluster> {
    return new BenchCluster(paths, await freePort(), await freePort());
  }

  mmsc(): Promise<ChildProcess> {
    return startPormProcess(['--data', join(this.paths.dir, 'mmsc'), 'sandbox-mmsc', '--port', String(this.mmscPort), '--password', MMSC_PASSWORD,
      '--report-url', `http://127.0.0.1:${this.reportPort}/mm7/acme`, '--report-username', 'mmsc', '--report-password', REPORT_PASSWORD,
      '--delivery-delay-ms', '0', '--log-level', 'warn'], {}, 'sandbox MMSC listening');
  }

  /** API process `index`; the first listens where the MMSC reports. Resolves with its base URL once it answers. */
  async api(index: number): Promise<{ child: ChildProcess; url: string }> {
    const port = index === 0 ? this.reportPort : await freePort();
    const child = spawn(process.execPath, [...nodeFlags, 'bin/porm.js', '--data', join(this.paths.dir, `api-${index}`), 'start', '--role', 'api', '--port', String(port)], { env: { ...process.env, PORM_API_KEY: BENCH_KEY, PORM_LOG_LEVEL: 'warn', ...this.env }, stdio: ['ignore', 'ignore', 'ignore'] });
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`API process ${index} exited with ${child.exitCode}`);
      const status = await fetch(`${url}/readyz`).then((r) => r.status, () => 0);
      if (status === 200) return { child, url };
      if (Date.now() > deadline) throw new Error(`API process ${index} did not become ready`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  worker(index: number): Promise<ChildProcess> {
    return startPormProcess(['--data', join(this.paths.dir, `worker-${index}`), 'start', '--role', 'worker'], this.env, 'porm is running (worker)');
  }
}

export async function stopAll(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(children.map(async (child) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }));
}
