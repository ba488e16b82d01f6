import type { ClaimStop } from '../../messages/send/step-outcome.ts';
import type { Db } from '../../store/schema.ts';
import type { Store } from '../../store/store.ts';
import type { MessageCategory, TimeRuleSettings } from '../quiet-hours/settings.ts';
import { nanpRegion } from '../time-zones/index.ts';
import { capDecision, isUsableRule, type CapRule } from './decide.ts';
import { selectRecentMarketingSends } from './recent-sends.ts';
import { defaultProgramId } from '../programs/program-store.ts';

export { capDecision, type CapRule } from './decide.ts';
export { capErrors } from './errors.ts';

const HOUR = 3_600_000;

/**
 * The states that also limit solicitations to 3 per 24 hours on the same subject (reference §2:
 * FL, OK, MD). porm takes a program as the subject and applies the limit, with the program's cap
 * action (hold when it has no cap), whenever the program keeps state rules on.
 */
const STATE_CAPS: Readonly<Record<string, string>> = { FL: 'Florida', OK: 'Oklahoma', MD: 'Maryland' };

export interface FrequencyCapInput {
  accountId: string;
  programId: string;
  to: string;
  category: MessageCategory;
  now: number;
  settings: Pick<TimeRuleSettings, 'frequencyCap' | 'quietHours'>;
  /** The message being claimed: not one of the earlier ones. */
  excludeMessageId: string;
}

/** The lock every claim of a marketing message to `to` takes before counting, so counts and claims serialise. */
export function capLockKey(accountId: string, to: string): string {
  return `cap:${accountId}:${to}`;
}

/** The caps that apply to a marketing message for this recipient (the program's, and a state's); the dashboard's standing lookup shows them. */
export async function rulesFor(input: Pick<FrequencyCapInput, 'to' | 'settings'>): Promise<CapRule[]> {
  const rules: CapRule[] = [];
  const cap = input.settings.frequencyCap;
  if (cap) rules.push({ max: cap.max, windowMs: cap.windowHours * HOUR, action: cap.action, source: 'program cap' });
  if (input.settings.quietHours.stateRules) {
    const region = await nanpRegion(input.to);
    const state = region?.kind === 'us' ? STATE_CAPS[region.state] : undefined;
    if (state) rules.push({ max: 3, windowMs: 24 * HOUR, action: cap?.action ?? 'hold', source: `${state} 3 per 24 h rule` });
  }
  return rules.filter(isUsableRule);
}

/**
 * The frequency cap at claim time, inside the claim's write unit. Transactional messages are never
 * capped. It takes the recipient's cap lock first (`locks.lockKey`, the Store of the unit), so two
 * workers claiming marketing messages to the same recipient at once count one after the other, and
 * the second sees the first's move to `sending` (made in the same unit, after this check).
 *
 * Counted: the program's marketing messages to the recipient sent in the window (a message's
 * program is its sender number's).
 */
export async function frequencyCapStop(tx: Db, input: FrequencyCapInput, locks: Pick<Store, 'lockKey'>): Promise<ClaimStop | undefined> {
  if (input.category !== 'marketing') return undefined;
  const rules = await rulesFor(input);
  if (rules.length === 0) return undefined;
  await locks.lockKey(tx, capLockKey(input.accountId, input.to));
  const longest = Math.max(...rules.map((rule) => rule.windowMs));
  const rows = (await selectRecentMarketingSends(tx, { accountId: input.accountId, to: input.to, since: input.now - longest, excludeId: input.excludeMessageId,
    programId: input.programId, defaultProgramId: defaultProgramId(input.accountId) })).rows;
  return capDecision(rules, rows.map((row) => Number(row.sent_at)), input.now);
}
