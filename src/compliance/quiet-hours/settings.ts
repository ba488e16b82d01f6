// The program settings quiet hours and caps read. A structural stand-in for ProgramSettings from
// src/compliance/programs/ until that lands; the field names and defaults are the agreed ones.

export interface QuietHoursSettings {
  /** "HH:MM" recipient local time; default 08:00. */
  start: string;
  /** "HH:MM"; default 20:00. A start after the end crosses midnight. */
  end: string;
  /** Hold transactional messages too (default false: only marketing is held). */
  appliesToTransactional: boolean;
  /** Apply the federal and stricter state windows (and the 3-per-24-h state caps) from the area code; default true. */
  stateRules: boolean;
}

export interface FrequencyCapSettings {
  max: number;
  windowHours: number;
  action: 'hold' | 'fail';
}

export interface TimeRuleSettings {
  quietHours: QuietHoursSettings;
  frequencyCap: FrequencyCapSettings | null;
}

export type MessageCategory = 'transactional' | 'marketing';
