/** The wait before reconnect attempt `attempt` (0-based): doubling from initialMs up to maxMs, then jittered. */
export function reconnectDelay(attempt: number, policy: { initialMs: number; maxMs: number; jitter: number }, random: () => number = Math.random): number {
  const base = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 30));
  const factor = 1 + policy.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(base * factor));
}
