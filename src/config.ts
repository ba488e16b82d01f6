import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { BUILTIN_PROFILES, carrierProfilesSchema, findProfile } from './media/profiles.ts';
import { carrierConfigSchema, channelsOf } from './carriers/registry.ts';
import { DEFAULT_ROUTES, defaultRoutesFor, routeSchema } from './carriers/route-schema.ts';
import { routeProblems } from './carriers/route-check.ts';
import { reportsViaProblems } from './carriers/mm1/reports-via-check.ts';
import { mediaStoreProblems, s3MediaSchema } from './media/s3-config.ts';

// The only reader of process.env, flags and the config file. Precedence, lowest first:
// built-in defaults < config file (JSON) < PORM_* environment < command-line flags.

const schema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(3000),
  dataDir: z.string().min(1).default('./data'),
  role: z.enum(['all', 'api', 'worker']).default('all'),
  databaseUrl: z.string().optional(),
  /** Distributed mode's PostgreSQL store (used when databaseUrl is postgres://…). */
  postgres: z.object({
    /** Connections per process; at least 2 (migrations hold one while the migrator uses another). */
    poolSize: z.number().int().min(2).max(1000).default(10),
    /** The schema holding porm's tables (several porm installations can share one database). */
    schema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case identifier (letters, digits, _)').default('public'),
    /** How long a query waits for a pooled connection before failing with PORM_DATABASE_BUSY (or UNAVAILABLE). */
    connectionTimeoutMs: z.number().int().min(100).max(600_000).default(10_000),
  }).strict().default({ poolSize: 10, schema: 'public', connectionTimeoutMs: 10_000 }),
  /** Shared state for several processes: carrier rate limits hold across all workers (docs/configuration.md#redis). */
  redis: z.object({
    url: z.string().regex(/^rediss?:\/\/\S+$/, 'must be a Redis URL, redis://host:port or rediss://… for TLS').optional(),
    /** While Redis is unreachable: hold sends to rate-limited carriers (the limit is never exceeded), or let each process apply the whole limit itself. */
    onUnavailable: z.enum(['hold', 'local']).default('hold'),
    /** Prefix of porm's keys; defaults to porm:<postgres.schema>: so installations sharing a Redis keep apart. */
    keyPrefix: z.string().regex(/^[A-Za-z0-9:_.-]{1,64}$/).optional(),
  }).strict().default({ onUnavailable: 'hold' }),
  /** Public base URL of this server, used in links it hands out. Defaults to http://host:port. */
  publicUrl: z.url().optional(),
  apiKey: z.string().regex(/^porm_[A-Za-z0-9_]{20,100}$/, 'must look like porm_ followed by 20+ letters, digits or _').optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  http: z.object({
    bodyLimitBytes: z.number().int().min(1024).default(1_048_576),
  }).strict().default({ bodyLimitBytes: 1_048_576 }),
  workers: z.object({
    concurrency: z.number().int().min(1).max(1024).default(64),
    pollIntervalMs: z.number().int().min(10).max(60_000).default(500),
    /** A claimed job not finished within this time is considered abandoned and claimed again. */
    leaseMs: z.number().int().min(1000).default(60_000),
  }).strict().default({ concurrency: 64, pollIntervalMs: 500, leaseMs: 60_000 }),
  retry: z.object({
    maxAttempts: z.number().int().min(1).max(100).default(6),
    baseDelayMs: z.number().int().min(1).default(1000),
    maxDelayMs: z.number().int().min(1).default(300_000),
    maxThrottles: z.number().int().min(1).max(10_000).default(200),
  }).strict().default({ maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 300_000, maxThrottles: 200 }),
  webhooks: z.object({
    /** Lets webhooks reach loopback/private addresses. For tests and local development only. */
    allowPrivateNetworks: z.boolean().default(false),
    timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
    maxAttempts: z.number().int().min(1).max(50).default(15),
    baseDelayMs: z.number().int().min(1).default(5_000),
    maxDelayMs: z.number().int().min(1).default(7_200_000),
  }).strict().default({ allowPrivateNetworks: false, timeoutMs: 10_000, maxAttempts: 15, baseDelayMs: 5_000, maxDelayMs: 7_200_000 }),
  media: z.object({
    maxUploadBytes: z.number().int().min(1024).default(20 * 1024 * 1024),
    /** Largest media file porm fetches from a URL given in a message. */
    maxFetchBytes: z.number().int().min(1024).default(20 * 1024 * 1024),
    fetchTimeoutMs: z.number().int().min(100).max(300_000).default(30_000),
    /** Lets media URLs point at loopback/private addresses. For tests and local development only. */
    allowPrivateNetworks: z.boolean().default(false),
    /** User-defined carrier profiles, next to the built-in us-600k, us-1m, toll-free, mms-conformance-rich. */
    profiles: carrierProfilesSchema.default([]),
    /** Where media bytes live: "disk" (dataDir/media, one machine) or "s3" (a bucket every process shares, media.s3). */
    store: z.enum(['disk', 's3']).default('disk'),
    s3: s3MediaSchema.optional(),
  }).strict().default({ maxUploadBytes: 20 * 1024 * 1024, maxFetchBytes: 20 * 1024 * 1024, fetchTimeoutMs: 30_000, allowPrivateNetworks: false, profiles: [], store: 'disk' }),
  rich: z.object({
    /** App URL schemes deep links may use (e.g. "myshop"), on top of https, http, tel, sms, mailto and geo. */
    appSchemes: z.array(z.string().regex(/^[a-z][a-z0-9+.-]{0,31}$/).refine((s) => !['javascript', 'data', 'vbscript', 'file', 'blob', 'about', 'filesystem'].includes(s), 'this scheme can run code or read files; it is never allowed')).max(20).default([]),
  }).strict().default({ appSchemes: [] }),
  sms: z.object({
    /** Longest SMS accepted, in segments (Twilio refuses past 10 with 21617); a fallback's text is cut to fit. */
    maxSegments: z.number().int().min(1).max(255).default(10),
  }).strict().default({ maxSegments: 10 }),
  compliance: z.object({
    /** Check sends (opt-outs, consent, quiet hours, caps) at accept and claim; off only for benchmarks or where a system upstream enforces them. */
    enforce: z.boolean().default(true),
  }).strict().default({ enforce: true }),
  /** Connectors by name; each entry's schema comes from its type in the connector registry. */
  carriers: z.record(z.string().regex(/^[a-z][a-z0-9-]{0,31}$/), carrierConfigSchema)
    .default({
      sandbox: { type: 'sandbox', deliveryDelayMs: 1000, submitLatencyMs: 0, port: 0, profile: 'us-600k' },
      'sandbox-smsc': { type: 'sandbox-smsc', deliveryDelayMs: 1000, port: 0, binds: 2, windowSize: 10, dataCoding: 'auto', moPartTtlMs: 86_400_000, profile: 'us-600k' },
    }),
  routes: z.array(routeSchema).min(1).default(DEFAULT_ROUTES),
}).strict();

export type Config = Readonly<z.infer<typeof schema>> & { readonly publicUrl: string; readonly publicUrlSet: boolean };
export type { CarrierConfig } from './carriers/registry.ts';
export type { RouteConfig } from './carriers/route-schema.ts';

/** Flags from the command line, already parsed by the CLI. */
export interface ConfigFlags {
  config?: string;
  host?: string;
  port?: number;
  data?: string;
  role?: string;
  logLevel?: string;
  databaseUrl?: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Json = Record<string, unknown>;

function setPath(target: Json, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Json;
  }
  node[path[path.length - 1]!] = value;
}

function parseEnvValue(name: string, raw: string, kind: 'string' | 'int' | 'bool' | 'list'): unknown {
  if (kind === 'list') return raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (kind === 'string') return raw;
  if (kind === 'int') {
    if (!/^-?\d+$/.test(raw)) throw new ConfigError(`${name} must be an integer, got "${raw}"`);
    return Number(raw);
  }
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

const ENV_MAP: ReadonlyArray<[string, readonly string[], 'string' | 'int' | 'bool' | 'list']> = [
  ['PORM_HOST', ['host'], 'string'],
  ['PORM_PORT', ['port'], 'int'],
  ['PORM_DATA_DIR', ['dataDir'], 'string'],
  ['PORM_ROLE', ['role'], 'string'],
  ['PORM_DATABASE_URL', ['databaseUrl'], 'string'],
  ['PORM_POSTGRES_POOL_SIZE', ['postgres', 'poolSize'], 'int'],
  ['PORM_POSTGRES_SCHEMA', ['postgres', 'schema'], 'string'],
  ['PORM_POSTGRES_CONNECTION_TIMEOUT_MS', ['postgres', 'connectionTimeoutMs'], 'int'],
  ['PORM_REDIS_URL', ['redis', 'url'], 'string'],
  ['PORM_REDIS_ON_UNAVAILABLE', ['redis', 'onUnavailable'], 'string'],
  ['PORM_PUBLIC_URL', ['publicUrl'], 'string'],
  ['PORM_API_KEY', ['apiKey'], 'string'],
  ['PORM_LOG_LEVEL', ['logLevel'], 'string'],
  ['PORM_WORKER_CONCURRENCY', ['workers', 'concurrency'], 'int'],
  ['PORM_WORKER_POLL_INTERVAL_MS', ['workers', 'pollIntervalMs'], 'int'],
  ['PORM_RETRY_MAX_ATTEMPTS', ['retry', 'maxAttempts'], 'int'],
  ['PORM_RETRY_BASE_DELAY_MS', ['retry', 'baseDelayMs'], 'int'],
  ['PORM_WEBHOOKS_ALLOW_PRIVATE_NETWORKS', ['webhooks', 'allowPrivateNetworks'], 'bool'],
  ['PORM_WEBHOOKS_MAX_ATTEMPTS', ['webhooks', 'maxAttempts'], 'int'],
  ['PORM_WEBHOOKS_BASE_DELAY_MS', ['webhooks', 'baseDelayMs'], 'int'],
  ['PORM_MEDIA_MAX_UPLOAD_BYTES', ['media', 'maxUploadBytes'], 'int'],
  ['PORM_MEDIA_ALLOW_PRIVATE_NETWORKS', ['media', 'allowPrivateNetworks'], 'bool'],
  ['PORM_MEDIA_STORE', ['media', 'store'], 'string'],
  ['PORM_MEDIA_S3_BUCKET', ['media', 's3', 'bucket'], 'string'],
  ['PORM_MEDIA_S3_REGION', ['media', 's3', 'region'], 'string'],
  ['PORM_MEDIA_S3_ENDPOINT', ['media', 's3', 'endpoint'], 'string'],
  ['PORM_MEDIA_S3_PREFIX', ['media', 's3', 'prefix'], 'string'],
  ['PORM_MEDIA_S3_FORCE_PATH_STYLE', ['media', 's3', 'forcePathStyle'], 'bool'],
  ['PORM_MEDIA_S3_ACCESS_KEY_ID', ['media', 's3', 'accessKeyId'], 'string'],
  ['PORM_MEDIA_S3_SECRET_ACCESS_KEY', ['media', 's3', 'secretAccessKey'], 'string'],
  ['PORM_RICH_APP_SCHEMES', ['rich', 'appSchemes'], 'list'],
  ['PORM_SMS_MAX_SEGMENTS', ['sms', 'maxSegments'], 'int'],
  ['PORM_COMPLIANCE_ENFORCE', ['compliance', 'enforce'], 'bool'],
];

function readConfigFile(path: string): Json {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config file ${path}: ${(err as Error).message}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('top level must be an object');
    return parsed as Json;
  } catch (err) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(err as Error).message}`);
  }
}

/**
 * Builds the frozen, validated Config. `env` defaults to process.env; tests pass their own.
 * PORM_SANDBOX_DELIVERY_DELAY_MS sets the report delay of every sandbox carrier.
 */
export function loadConfig(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const configPath = flags.config ?? env.PORM_CONFIG;
  const raw: Json = configPath ? readConfigFile(resolve(configPath)) : {};
  for (const [name, path, kind] of ENV_MAP) {
    const value = env[name];
    if (value !== undefined && value !== '') setPath(raw, path, parseEnvValue(name, value, kind));
  }
  if (flags.host !== undefined) raw.host = flags.host;
  if (flags.port !== undefined) raw.port = flags.port;
  if (flags.data !== undefined) raw.dataDir = flags.data;
  if (flags.role !== undefined) raw.role = flags.role;
  if (flags.logLevel !== undefined) raw.logLevel = flags.logLevel;
  if (flags.databaseUrl !== undefined) raw.databaseUrl = flags.databaseUrl;

  const result = schema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  // Cloned so that freezing never touches the schema's shared default objects.
  const parsed = structuredClone(result.data);
  const sandboxDelay = env.PORM_SANDBOX_DELIVERY_DELAY_MS;
  if (sandboxDelay !== undefined && sandboxDelay !== '') {
    const delay = parseEnvValue('PORM_SANDBOX_DELIVERY_DELAY_MS', sandboxDelay, 'int') as number;
    for (const carrier of Object.values(parsed.carriers)) if (carrier.type === 'sandbox' || carrier.type === 'sandbox-smsc') carrier.deliveryDelayMs = delay;
  }
  for (const p of parsed.media.profiles) {
    if (p.name in BUILTIN_PROFILES) throw new ConfigError(`invalid configuration:\n  media.profiles: "${p.name}" is the name of a built-in profile`);
  }
  for (const [name, carrier] of Object.entries(parsed.carriers)) {
    if (!findProfile(carrier.profile, parsed.media.profiles)) throw new ConfigError(`invalid configuration:\n  carriers.${name}.profile: no media profile "${carrier.profile}" (built-in: ${Object.keys(BUILTIN_PROFILES).join(', ')})`);
  }
  const badMediaStore = mediaStoreProblems(parsed.media);
  if (badMediaStore.length > 0) throw new ConfigError(`invalid configuration:\n${badMediaStore.map((line) => `  ${line}`).join('\n')}`);
  const badReportsVia = reportsViaProblems(parsed.carriers);
  if (badReportsVia.length > 0) throw new ConfigError(`invalid configuration:\n${badReportsVia.map((line) => `  ${line}`).join('\n')}`);
  if (raw.routes === undefined) parsed.routes = defaultRoutesFor(parsed.carriers);
  const badRoutes = routeProblems(parsed.routes, parsed.carriers, channelsOf);
  if (badRoutes.length > 0) throw new ConfigError(`invalid configuration:\n${badRoutes.map((line) => `  ${line}`).join('\n')}`);
  if (parsed.databaseUrl !== undefined) checkDatabaseUrl(parsed.databaseUrl);
  const publicHost = parsed.host === '0.0.0.0' || parsed.host === '::' ? 'localhost' : parsed.host;
  const config = {
    ...parsed,
    dataDir: resolve(parsed.dataDir),
    publicUrl: (parsed.publicUrl ?? `http://${publicHost}:${parsed.port}`).replace(/\/$/, ''),
    publicUrlSet: parsed.publicUrl !== undefined,
  };
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** databaseUrl must be a PostgreSQL URL (the only store besides the embedded SQLite file). */
function checkDatabaseUrl(raw: string): void {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') || url.hostname === '') {
    throw new ConfigError('invalid configuration:\n  databaseUrl: must be a PostgreSQL URL, postgres://user@host:port/database (leave it unset for the embedded SQLite store under dataDir)');
  }
}

/**
 * For the test suites only (never read by porm itself): the PostgreSQL the PostgreSQL contract
 * suites use (PORM_TEST_POSTGRES_URL, default the local server), and whether the API test harness
 * runs porm on it instead of SQLite (PORM_TEST_STORE=postgres), a schema per test file.
 */
export function testPostgresSettings(env: NodeJS.ProcessEnv = process.env): { url: string; harnessOnPostgres: boolean } {
  return {
    url: env.PORM_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    harnessOnPostgres: env.PORM_TEST_STORE === 'postgres',
  };
}

/** Node's own options from the environment (NODE_OPTIONS): read here, where porm reads its environment. */
export function nodeOptions(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.NODE_OPTIONS;
}
