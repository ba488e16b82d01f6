import type { ClaimStop } from '../../messages/send/step-outcome.ts';
import type { Db } from '../../store/schema.ts';
import type { Store } from '../../store/store.ts';
import { quietHoursStop, type QuietHoursInput } from '../quiet-hours/index.ts';
import { frequencyCapStop, type FrequencyCapInput } from './index.ts';

/**
 * Quiet hours and caps as the composed compliance check calls them (src/compliance/compliance-check.ts,
 * its TimeRules), with the store bound: the cap needs it for the recipient's lock. main.ts wires
 * `timeRules(store)` into the check.
 */
export function timeRules(store: Pick<Store, 'lockKey'>): {
  quietHoursStop: (input: QuietHoursInput) => Promise<ClaimStop | undefined>;
  frequencyCapStop: (tx: Db, input: FrequencyCapInput) => Promise<ClaimStop | undefined>;
} {
  return {
    quietHoursStop,
    frequencyCapStop: (tx, input) => frequencyCapStop(tx, input, store),
  };
}
