import type { ClaimStop } from '../../messages/send/step-outcome.ts';
import { nanpRegion, recipientZones } from '../time-zones/index.ts';
import { quietHoursDecision } from './decide.ts';
import { legalWindow } from './legal-windows.ts';
import type { MessageCategory, TimeRuleSettings } from './settings.ts';

export { quietHoursDecision, effectiveWindow } from './decide.ts';
export { nextOpenInAll, isOpenIn } from './next-open.ts';
export type { QuietHoursSettings, FrequencyCapSettings, TimeRuleSettings, MessageCategory } from './settings.ts';

export interface QuietHoursInput {
  category: MessageCategory;
  to: string;
  /** A zone porm knows for the recipient (a contact's), trusted over the number's. */
  knownZone: string | null;
  now: number;
  settings: Pick<TimeRuleSettings, 'quietHours'>;
}

/**
 * Quiet hours at claim time: a marketing message (and a transactional one when the program opts
 * them in) outside the window in the recipient's zone is deferred to the next instant the window is
 * open in all the recipient's zones. It is held, never dropped. The only I/O is the zone lookup.
 */
export async function quietHoursStop(input: QuietHoursInput): Promise<ClaimStop | undefined> {
  const { quietHours } = input.settings;
  if (input.category === 'transactional' && !quietHours.appliesToTransactional) return undefined;
  const zones = await recipientZones(input.to, input.knownZone);
  const legal = quietHours.stateRules ? legalWindow(await nanpRegion(input.to)) : undefined;
  return quietHoursDecision({ zones, settings: quietHours, legal, now: input.now });
}
