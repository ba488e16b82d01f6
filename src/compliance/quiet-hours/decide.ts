import type { ClaimStop } from '../../messages/send/step-outcome.ts';
import type { LegalWindow } from './legal-windows.ts';
import { localTime, nextOpenInAll } from './next-open.ts';
import type { QuietHoursSettings } from './settings.ts';
import { dailyWindow, formatClock, formatWindow, intersect, type DailyWindow } from './window.ts';

/** The reference's safe default, used when a program's window cannot be read (validation should have refused it). */
const SAFE_DEFAULT = dailyWindow('08:00', '20:00')!;

export interface QuietHoursCase {
  zones: readonly string[];
  settings: Pick<QuietHoursSettings, 'start' | 'end'>;
  legal: LegalWindow | undefined;
  now: number;
}

/** The window a message to this recipient must be sent in, and why (for the reason text). */
export function effectiveWindow(settings: QuietHoursCase['settings'], legal: LegalWindow | undefined): { window: DailyWindow; notes: string[] } {
  const own = dailyWindow(settings.start, settings.end);
  const notes: string[] = [];
  const program = own ?? SAFE_DEFAULT;
  if (!own) notes.push(`program window ${settings.start}–${settings.end} unreadable, safe default used`);
  if (!legal) return { window: program, notes };
  const both = intersect(program, legal.window);
  if (both.length > 0) {
    if (formatWindow(both) !== formatWindow(program)) notes.push(legal.rule);
    return { window: both, notes };
  }
  // The program's window lies wholly outside the legal one: holding for it would hold forever.
  notes.push(`${legal.rule}; the program window ${formatWindow(program)} is never open under it`);
  return { window: legal.window, notes };
}

/**
 * The pure quiet-hours decision: undefined when the window is open now in every zone, else a
 * deferral to the first instant it is open in all of them, naming zones, window and local times.
 */
export function quietHoursDecision(c: QuietHoursCase): ClaimStop | undefined {
  const { window, notes } = effectiveWindow(c.settings, c.legal);
  let zones = c.zones;
  let until = nextOpenInAll(zones, window, c.now);
  if (until === undefined && zones.length > 1) {
    // Zones too far apart for the window to be open in all at once: the first zone decides.
    notes.push(`${formatWindow(window)} is never open in ${zones.join(', ')} at once; ${zones[0]} decides`);
    zones = zones.slice(0, 1);
    until = nextOpenInAll(zones, window, c.now);
  }
  if (until === c.now) return undefined;
  if (until === undefined) throw new Error(`quiet hours: no opening for ${formatWindow(window)} in ${zones.join(', ')}`);
  const local = zones.map((zone) => `${zone} ${formatClock(localTime(zone, c.now))}`).join(', ');
  const extra = notes.length > 0 ? ` (${notes.join('; ')})` : '';
  return {
    kind: 'defer',
    until,
    reason: `quiet hours: sends ${formatWindow(window)} recipient local time; now ${local}${extra}; held until ${new Date(until).toISOString()}`,
  };
}
