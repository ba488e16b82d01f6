import type { NanpRegion } from '../time-zones/index.ts';
import { dailyWindow, type DailyWindow } from './window.ts';

// The legal calling windows porm applies on top of a program's own window when the program keeps
// `stateRules` on (reference: second-wave.md §2; confirm with counsel before relying on them).
// Federal: 8am–9pm recipient local time for solicitations (47 CFR 64.1200(c)(1)). Stricter states:
// 8am–8pm, residency presumed from the area code.

export interface LegalWindow {
  window: DailyWindow;
  /** Named in the hold reason. */
  rule: string;
}

const FEDERAL: LegalWindow = { window: dailyWindow('08:00', '21:00')!, rule: 'US federal 08:00–21:00 (47 CFR 64.1200(c)(1))' };

export const STRICT_STATES: Readonly<Record<string, string>> = {
  FL: 'Florida (FTSA, Fla. Stat. 501.616)',
  OK: 'Oklahoma (Telephone Solicitation Act)',
  MD: 'Maryland (Stop the Spam Calls Act)',
  CT: 'Connecticut',
  WA: 'Washington',
};

const EIGHT_TO_EIGHT = dailyWindow('08:00', '20:00')!;

/**
 * The legal window for a recipient: for a US state in STRICT_STATES 08:00–20:00, for any other US
 * state the federal window; for a +1 number porm cannot place, the strictest (it may be in Florida);
 * none outside the US (undefined: only the program's window applies).
 */
export function legalWindow(region: NanpRegion | undefined): LegalWindow | undefined {
  if (region === undefined || region.kind === 'outside-us') return undefined;
  if (region.kind === 'unknown') return { window: EIGHT_TO_EIGHT, rule: 'strictest US state rule 08:00–20:00 (state unknown)' };
  const strict = STRICT_STATES[region.state];
  return strict ? { window: EIGHT_TO_EIGHT, rule: `${strict} 08:00–20:00` } : { ...FEDERAL, rule: `${FEDERAL.rule}, ${region.state}` };
}
