import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { eventually, request, TEST_KEY } from './harness.ts';

/** A free loopback port, found by letting the OS pick one. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `porm start` as a real child process (the way users run it), for crash and CLI tests. */
export class ChildPorm {
  private child: ChildProcess | undefined;
  stderr = '';
  readonly url: string;

  constructor(readonly dataDir: string, readonly port: number, private readonly args: string[] = [], private readonly env: Record<string, string> = {}, private readonly readyTimeoutMs = 30_000) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    this.stderr = '';
    this.child = spawn(process.execPath, ['bin/porm.js', '--data', this.dataDir, 'start', '--port', String(this.port), ...this.args], {
      env: { ...process.env, PORM_API_KEY: TEST_KEY, PORM_LOG_LEVEL: 'warn', ...this.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    await eventually(async () => {
      if (this.child?.exitCode !== null) throw new Error(`porm exited early: ${this.stderr}`);
      const res = await request(this.url, 'GET', '/readyz');
      return res.status === 200 ? true : undefined;
    }, this.readyTimeoutMs, 'porm to become ready');
  }

  /** SIGKILL: no shutdown code runs, exactly like a crash or power cut of the process. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  api(method: string, path: string, body?: unknown) {
    return request(this.url, method, path, body, { authorization: `Bearer ${TEST_KEY}` });
  }
}
