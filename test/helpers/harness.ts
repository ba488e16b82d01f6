import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { after, before } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, testPostgresSettings, type Config } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { startPorm, type Porm } from '../../src/main.ts';

/** A porm started in-process on a loopback port with a temporary data directory. */
export interface Harness {
  porm: Porm;
  url: string;
  key: string;
  dataDir: string;
  config: Config;
  /**
   * Env that points a porm CLI process at this harness's store: nothing on SQLite (`--data` is
   * enough), the database URL and schema on PostgreSQL (PORM_TEST_STORE=postgres).
   */
  storeEnv: Record<string, string>;
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
  stop(): Promise<void>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  // Tests read response fields dynamically; they assert on them, so unknown is narrowed there.
  body: Record<string, unknown> & { [key: string]: unknown };
  text: string;
}

export function tempDir(prefix = 'porm-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Env for a porm whose only carrier is the MMS sandbox (the embedded defaults also have the
 * sandbox SMSC, which takes text-only messages): for tests about the MMS path itself.
 */
export function mmsSandboxOnly(): Record<string, string> {
  const file = join(mkdtempSync(join(tmpdir(), 'porm-mms-only-')), 'porm.json');
  writeFileSync(file, JSON.stringify({ carriers: { sandbox: { type: 'sandbox' } } }));
  return { PORM_CONFIG: file };
}

export const TEST_KEY = 'porm_testkey_0123456789abcdefghijklmnop';

/** Env overrides on top of fast, test-friendly defaults. */
export async function startHarness(env: Record<string, string> = {}, dataDir = tempDir(), logTo?: { write(line: string): void }): Promise<Harness> {
  // PORM_TEST_STORE=postgres: the same tests on PostgreSQL, each harness in a schema of its own.
  const pgSchema = testPostgresSettings().harnessOnPostgres ? await (await import('./pg-schema.ts')).createTestSchema('porm_api') : undefined;
  const storeEnv: Record<string, string> = pgSchema ? { PORM_DATABASE_URL: pgSchema.url, PORM_POSTGRES_SCHEMA: pgSchema.schema } : {};
  const config = loadConfig({ data: dataDir, port: 0 }, {
    ...storeEnv,
    PORM_API_KEY: TEST_KEY,
    PORM_LOG_LEVEL: 'silent',
    PORM_SANDBOX_DELIVERY_DELAY_MS: '50',
    PORM_RETRY_BASE_DELAY_MS: '50',
    PORM_WORKER_POLL_INTERVAL_MS: '50',
    PORM_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true',
    PORM_WEBHOOKS_BASE_DELAY_MS: '50',
    ...env,
  });
  const porm = await startPorm(config, createLogger(config, logTo)).catch(async (err: unknown) => {
    await pgSchema?.drop();
    throw err;
  });
  const url = porm.url;
  const harness: Harness = {
    porm, url, key: TEST_KEY, dataDir, config, storeEnv,
    api: (method, path, body, headers) => request(url, method, path, body, { authorization: `Bearer ${TEST_KEY}`, ...headers }),
    async stop() {
      await porm.close();
      await pgSchema?.drop();
    },
  };
  return harness;
}

/**
 * One harness for the enclosing describe(): started before its tests, stopped and its data
 * directory removed after them. `use` receives it once started.
 */
export function withHarness(use: (harness: Harness) => void, env: Record<string, string> = {}): void {
  let harness: Harness | undefined;
  before(async () => {
    harness = await startHarness(env);
    use(harness);
  });
  after(async () => {
    if (!harness) return;
    await harness.stop();
    cleanup(harness.dataDir);
  });
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export async function request(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    if (typeof body === 'string' || body instanceof FormData) init.body = body;
    else {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
  }
  const response = await fetch(base + path, init);
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = {};
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** Polls until `check` returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

/** Waits for a message to reach `status` and returns it. */
export async function waitForStatus(h: Harness, id: string, status: string, timeoutMs = 10_000): Promise<Record<string, unknown>> {
  return eventually(async () => {
    const res = await h.api('GET', `/v1/messages/${id}`);
    return res.body.status === status ? res.body : undefined;
  }, timeoutMs, `${id} to be ${status}`);
}
