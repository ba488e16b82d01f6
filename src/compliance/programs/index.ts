// Programs: the settings compliance applies to a number's messages.
export type { ProgramSettings, ProgramReplies, ProgramKeywords, QuietHours, FrequencyCap } from './settings.ts';
export { defaultProgramSettings, DEFAULT_REPLIES } from './settings.ts';
