/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff and
 * Jitter"): the delay is uniform in [base·2^(n-1) / 2, base·2^(n-1)], capped. Half the window
 * stays fixed so a retry is never immediate, the other half spreads a thundering herd.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
