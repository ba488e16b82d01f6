import type { Db } from '../store/schema.ts';
import type { MessageCategory } from '../messages/model.ts';
import type { ClaimStop } from '../messages/send/step-outcome.ts';
import type { ProgramSettings } from './programs/settings.ts';

// The quiet-hours and frequency-cap rules (built by compliance-time in src/compliance/quiet-hours
// and src/compliance/caps), as the check calls them: the agreed signatures.

export type QuietHoursStop = (input: { category: MessageCategory; to: string; knownZone: string | null; now: number; settings: ProgramSettings }) => Promise<ClaimStop | undefined>;
export type FrequencyCapStop = (tx: Db, input: {
  accountId: string; programId: string; to: string; category: MessageCategory; now: number; settings: ProgramSettings; excludeMessageId: string;
}) => Promise<ClaimStop | undefined>;

export interface TimeRules {
  quietHoursStop: QuietHoursStop;
  frequencyCapStop: FrequencyCapStop;
}
