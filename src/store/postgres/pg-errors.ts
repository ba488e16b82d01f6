// SQLSTATEs after which PostgreSQL has rolled the transaction back and running it again from
// the start is safe: serialization_failure and deadlock_detected.
const RETRYABLE = new Set(['40001', '40P01']);

export function isRetryableTransactionError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  return (typeof code === 'string' && RETRYABLE.has(code)) || isStalePreparedPlan(err);
}

/**
 * A prepared statement (guarded-pool.ts names porm's statements) whose table changed shape since
 * it was prepared, as when another process's `porm migrate` adds a column during a rolling
 * upgrade: PostgreSQL refuses to run it again on that connection. The connection is then dropped
 * (its successor prepares afresh) and the unit run again, so the upgrade costs a retry, not an error.
 */
export function isStalePreparedPlan(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return (err as { code?: unknown }).code === '0A000' && /cached plan must not change result type/.test(err.message);
}

// Socket errors of a connection that never came up or broke under us.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNABORTED']);
// admin_shutdown (pg_ctl stop/restart -m fast, pg_terminate_backend), crash_shutdown, cannot_connect_now
// (starting up, shutting down, in recovery), too_many_connections (max_connections reached).
const SERVER_GONE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
// What pg says, without a code, of a connection that ended or timed out.
const DRIVER_MESSAGES = [/^Connection terminated/, /not queryable/, /^Client was closed and is not queryable/, /connection timeout/i, /^Connection ended unexpectedly/];

/**
 * What a failed query says about the database rather than about the query: 'busy' when this
 * process's pool had no free connection within its bound, 'unavailable' when the server could not
 * be reached or the connection broke. Undefined for every other error (constraint, syntax, …).
 */
export function connectionFailure(err: unknown): 'busy' | 'unavailable' | undefined {
  if (!(err instanceof Error)) return undefined;
  // pg-pool's own wait for a free connection ran out (connectionTimeoutMillis).
  if (err.message === 'timeout exceeded when trying to connect') return 'busy';
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || SERVER_GONE_STATES.has(code) || code.startsWith('08')) return 'unavailable';
    return undefined;
  }
  return DRIVER_MESSAGES.some((re) => re.test(err.message)) ? 'unavailable' : undefined;
}
