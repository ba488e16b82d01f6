import pg from 'pg';

// One pg Pool per store, configured for porm's schema: int8 comes back as a JS number, and each
// connection starts with search_path set to the store's schema.

const INT8_OID = 20;

/** A PostgreSQL schema name porm will put in search_path (lower-case identifier, no quoting needed). */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PoolOptions {
  url: string;
  poolSize: number;
  /** The schema that holds porm's tables; `public` unless configured. */
  schema: string;
  /** How long a query waits for a free pooled connection (or for a new one to connect) before it fails; default 10 s. */
  connectionTimeoutMs?: number;
}

/**
 * int8 (bigint, count(*), sum of integers) parsed as a number. porm keeps epoch milliseconds and
 * counters in bigint columns, all far below 2^53; a value beyond that stays the decimal string pg
 * gives by default, so it is never silently rounded.
 */
function parseInt8(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

export function createPool(options: PoolOptions): pg.Pool {
  if (!SCHEMA_NAME.test(options.schema)) throw new Error(`invalid PostgreSQL schema name "${options.schema}"`);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    types,
    // Startup options, so the schema is in force before the first query on every connection.
    options: `-c search_path=${options.schema}`,
    // Bounded waits: with every connection busy (or the server unreachable) a request fails with
    // PORM_DATABASE_BUSY/UNAVAILABLE (guarded-pool.ts) instead of queueing forever.
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
    // A connection cut without a FIN (a failover, a dead network path) is noticed by TCP keepalive.
    keepAlive: true,
  });
  // An idle pooled connection that breaks (the server restarted or terminated it) is dropped by the
  // pool, which then emits 'error': with no listener, Node would end the whole process for it. The
  // next query simply opens a new connection, so there is nothing to do here.
  pool.on('error', () => {});
  return pool;
}
