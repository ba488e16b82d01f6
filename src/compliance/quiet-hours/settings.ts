// The parts of a program's settings quiet hours and caps read (src/compliance/programs).
import type { ProgramSettings } from '../programs/index.ts';

export type { QuietHours as QuietHoursSettings, FrequencyCap as FrequencyCapSettings } from '../programs/index.ts';
export type { MessageCategory } from '../../messages/model.ts';

export type TimeRuleSettings = Pick<ProgramSettings, 'quietHours' | 'frequencyCap'>;
