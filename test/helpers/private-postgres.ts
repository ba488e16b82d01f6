import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './child-porm.ts';
import { eventually } from './harness.ts';

// A throwaway PostgreSQL cluster of the test's own (initdb + pg_ctl in a temporary directory, on a
// free loopback port), for fault tests that restart or stop the server: the machine's shared
// cluster serves other test files at the same time and must never be restarted. As root, the
// binaries run as the `postgres` user (PostgreSQL refuses to run as root), in a directory it owns.

const run = promisify(execFile);
const BIN = process.env.PORM_TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Undefined when a private cluster can be made here; otherwise why not, for the skip message. */
export function privatePostgresUnavailable(): string | undefined {
  for (const tool of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(join(BIN, tool))) return `${join(BIN, tool)} is missing (set PORM_TEST_PG_BIN to PostgreSQL's bin directory)`;
  }
  if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0) return 'running as root, but there is no postgres user to run PostgreSQL as';
  return undefined;
}

export class PrivatePostgres {
  private constructor(readonly dir: string, readonly port: number, private readonly owner: { uid: number; gid: number } | undefined) {}

  /** The URL of the cluster's `porm` database (trust authentication on loopback). */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/porm`;
  }

  static async create(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'porm-pg-'));
    let owner: { uid: number; gid: number } | undefined;
    if (process.getuid?.() === 0) {
      owner = { uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()) };
      chownSync(dir, owner.uid, owner.gid);
    }
    const cluster = new PrivatePostgres(dir, await freePort(), owner);
    // fsync stays on: a fault test of durability must not run on a server that may lose commits.
    await cluster.run('initdb', ['-D', cluster.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-instructions']);
    await cluster.start();
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${cluster.port}/postgres` });
    await admin.connect();
    await admin.query('create database porm');
    await admin.end();
    return cluster;
  }

  private get data(): string {
    return join(this.dir, 'data');
  }

  /** Runs a PostgreSQL tool without blocking the event loop (porm under test may run in this process). */
  private async run(tool: string, args: string[]): Promise<void> {
    const argv = [join(BIN, tool), ...args];
    const [file, rest] = this.owner ? ['runuser', ['-u', 'postgres', '--', ...argv]] : [argv[0]!, argv.slice(1)];
    try {
      await run(file, rest, { encoding: 'utf8', timeout: 180_000 });
    } catch (err) {
      const e = err as Error & { stderr?: string; stdout?: string };
      throw new Error(`${tool} ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`);
    }
  }

  private serverOptions(): string {
    // Loopback only, sockets in our own directory, a few connections more than the tests use.
    return `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=60 -c shared_buffers=16MB`;
  }

  async start(): Promise<void> {
    await this.run('pg_ctl', ['-D', this.data, '-l', join(this.dir, 'server.log'), '-o', this.serverOptions(), '-w', '-t', '120', 'start']);
    await this.waitAccepting();
  }

  /** `pg_ctl restart`: `fast` ends every session (57P01) and shuts down cleanly; `immediate` is a crash, with recovery at start. */
  async restart(mode: 'fast' | 'immediate'): Promise<void> {
    await this.run('pg_ctl', ['-D', this.data, '-l', join(this.dir, 'server.log'), '-o', this.serverOptions(), '-m', mode, '-w', '-t', '120', 'restart']);
    await this.waitAccepting();
  }

  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.run('pg_ctl', ['-D', this.data, '-m', mode, '-w', '-t', '120', 'stop']);
  }

  private async waitAccepting(): Promise<void> {
    await eventually(async () => {
      const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${this.port}/postgres`, connectionTimeoutMillis: 2000 });
      try {
        await client.connect();
        await client.query('select 1');
        return true;
      } finally {
        await client.end().catch(() => undefined);
      }
    }, 120_000, 'the private PostgreSQL to accept connections');
  }

  /** Stops the server (if it runs) and removes its directory. */
  async destroy(): Promise<void> {
    await this.stop('immediate').catch(() => undefined); // not running
    rmSync(this.dir, { recursive: true, force: true });
  }
}
