import type { ClaimStop } from '../../messages/send/step-outcome.ts';

// The pure frequency-cap decision: given the instants at which earlier marketing messages to the
// recipient were sent and the caps that apply, may one more go now; if not, hold until enough of
// them have left the window, or fail.

export interface CapRule {
  max: number;
  windowMs: number;
  action: 'hold' | 'fail';
  /** Named in the reason: "program cap", "Florida 3 per 24 h". */
  source: string;
}

const HOUR = 3_600_000;

function describe(rule: CapRule): string {
  const hours = rule.windowMs / HOUR;
  return `${rule.source}: ${rule.max} per ${Number.isInteger(hours) ? hours : hours.toFixed(2)} h`;
}

export function isUsableRule(rule: CapRule): boolean {
  return Number.isInteger(rule.max) && rule.max >= 1 && Number.isFinite(rule.windowMs) && rule.windowMs > 0;
}

/**
 * `sentAt`: when each earlier marketing message to the recipient went out (any order). A message
 * counts while it is less than the window old (sent after now − window); one more may go while
 * fewer than `max` count. Over a cap that holds, the wait ends when the oldest counted messages
 * have left the window so that only max − 1 remain. A failing cap over its limit wins over holds.
 */
export function capDecision(rules: readonly CapRule[], sentAt: readonly number[], now: number): ClaimStop | undefined {
  const sorted = [...sentAt].sort((a, b) => a - b);
  let hold: { until: number; rule: CapRule; count: number } | undefined;
  for (const rule of rules.filter(isUsableRule)) {
    const counted = sorted.filter((t) => t > now - rule.windowMs);
    if (counted.length < rule.max) continue;
    if (rule.action === 'fail') {
      return { kind: 'fail', code: 'PORM_FREQUENCY_CAP_EXCEEDED', message: `frequency cap (${describe(rule)}): ${counted.length} marketing messages already sent to this recipient in the window` };
    }
    const until = counted[counted.length - rule.max]! + rule.windowMs;
    if (!hold || until > hold.until) hold = { until, rule, count: counted.length };
  }
  if (!hold) return undefined;
  return {
    kind: 'defer',
    until: hold.until,
    reason: `frequency cap (${describe(hold.rule)}): ${hold.count} marketing messages sent to this recipient in the window; held until ${new Date(hold.until).toISOString()}`,
  };
}
