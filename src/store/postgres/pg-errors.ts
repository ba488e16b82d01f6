// SQLSTATEs after which PostgreSQL has rolled the transaction back and running it again from
// the start is safe: serialization_failure and deadlock_detected.
const RETRYABLE = new Set(['40001', '40P01']);

export function isRetryableTransactionError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && RETRYABLE.has(code);
}
