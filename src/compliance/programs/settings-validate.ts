import type { FieldError } from '../../errors.ts';
import { isBuiltinOptOut, normalizeKeywordText } from '../keywords/index.ts';
import type { FrequencyCap, ProgramReplies, ProgramSettings } from './settings.ts';

// A program's settings as /v1 writes them (snake_case, every key optional: a patch over the
// current settings), checked and merged. Pure; every problem at once, pointers under /settings.

export interface SettingsInput {
  keywords?: { opt_out?: string[]; opt_in?: string[]; help?: string[] };
  replies?: Record<string, { opt_out?: string; opt_in?: string; help?: string; confirm_request?: string }>;
  default_language?: string;
  double_opt_in?: boolean;
  require_consent_for_marketing?: boolean;
  brand_wide_suppression?: boolean;
  quiet_hours?: { start?: string; end?: string; applies_to_transactional?: boolean; state_rules?: boolean };
  frequency_cap?: { max: number; window_hours: number; action?: 'hold' | 'fail' } | null;
}

const HHMM = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Z]{2})?$/;
export const MAX_REPLY_CHARS = 320;

export function mergeSettings(base: ProgramSettings, input: SettingsInput): { value?: ProgramSettings; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const at = (path: string): string => `/settings/${path}`;
  const next: ProgramSettings = structuredClone(base);

  if (input.keywords) {
    const lists = { opt_out: input.keywords.opt_out, opt_in: input.keywords.opt_in, help: input.keywords.help };
    if (lists.opt_out) next.keywords.optOut = lists.opt_out;
    if (lists.opt_in) next.keywords.optIn = lists.opt_in;
    if (lists.help) next.keywords.help = lists.help;
  }
  const seen = new Map<string, string>();
  for (const [key, list] of [['opt_out', next.keywords.optOut], ['opt_in', next.keywords.optIn], ['help', next.keywords.help]] as const) {
    list.forEach((word, i) => {
      const field = at(`keywords/${key}/${i}`);
      const normal = normalizeKeywordText(word);
      if (normal === '' || normal.length > 40) errors.push({ field, code: 'PORM_KEYWORD_CONFLICT', message: `"${word.slice(0, 40)}" is empty once normalised, or longer than 40 characters` });
      else if (key !== 'opt_out' && isBuiltinOptOut(word)) errors.push({ field, code: 'PORM_KEYWORD_COLLIDES_WITH_STOP', message: `"${word.slice(0, 40)}" is an opt-out word (like STOP): it always opts out and cannot be an ${key.replace('_', '-')} keyword` });
      else if (seen.has(normal) && seen.get(normal) !== key) errors.push({ field, code: 'PORM_KEYWORD_CONFLICT', message: `"${word.slice(0, 40)}" is also a ${seen.get(normal)!.replace('_', '-')} keyword` });
      seen.set(normal, key);
    });
  }

  if (input.replies) {
    for (const [language, replies] of Object.entries(input.replies)) {
      if (!LANGUAGE.test(language)) { errors.push({ field: at(`replies/${language.slice(0, 20)}`), code: 'PORM_INVALID_FIELD', message: 'languages are ISO 639 codes like "en", "es" or "pt-BR"' }); continue; }
      const current: ProgramReplies = next.replies[language] ?? next.replies[next.defaultLanguage] ?? next.replies.en!;
      const merged: ProgramReplies = {
        optOut: replies.opt_out ?? current.optOut, optIn: replies.opt_in ?? current.optIn,
        help: replies.help ?? current.help, confirmRequest: replies.confirm_request ?? current.confirmRequest,
      };
      for (const [key, text] of [['opt_out', merged.optOut], ['opt_in', merged.optIn], ['help', merged.help], ['confirm_request', merged.confirmRequest]] as const) {
        const chars = [...text].length;
        if (text.trim() === '' || chars > MAX_REPLY_CHARS || !text.isWellFormed()) errors.push({ field: at(`replies/${language}/${key}`), code: 'PORM_INVALID_FIELD', message: `a reply is 1 to ${MAX_REPLY_CHARS} characters of text` });
      }
      next.replies[language] = merged;
    }
  }
  if (input.default_language !== undefined) next.defaultLanguage = input.default_language;
  if (next.replies[next.defaultLanguage] === undefined) errors.push({ field: at('default_language'), code: 'PORM_INVALID_FIELD', message: `no replies in "${next.defaultLanguage.slice(0, 20)}"; languages with replies: ${Object.keys(next.replies).join(', ')}` });

  if (input.double_opt_in !== undefined) next.doubleOptIn = input.double_opt_in;
  if (input.require_consent_for_marketing !== undefined) next.requireConsentForMarketing = input.require_consent_for_marketing;
  if (input.brand_wide_suppression !== undefined) next.brandWideSuppression = input.brand_wide_suppression;

  const q = input.quiet_hours;
  if (q) {
    if (q.start !== undefined) next.quietHours.start = q.start;
    if (q.end !== undefined) next.quietHours.end = q.end;
    if (q.applies_to_transactional !== undefined) next.quietHours.appliesToTransactional = q.applies_to_transactional;
    if (q.state_rules !== undefined) next.quietHours.stateRules = q.state_rules;
  }
  const startOk = HHMM.test(next.quietHours.start);
  const endOk = HHMM.test(next.quietHours.end);
  if (!startOk) errors.push({ field: at('quiet_hours/start'), code: 'PORM_INVALID_FIELD', message: 'a time "HH:MM" from 00:00 to 23:59' });
  if (!endOk) errors.push({ field: at('quiet_hours/end'), code: 'PORM_INVALID_FIELD', message: 'a time "HH:MM" from 00:00 to 23:59' });
  if (startOk && endOk && next.quietHours.start === next.quietHours.end) {
    errors.push({ field: at('quiet_hours'), code: 'PORM_QUIET_WINDOW_EMPTY', message: `the window ${next.quietHours.start}–${next.quietHours.end} is empty: marketing could never be sent` });
  }

  if (input.frequency_cap !== undefined) {
    const cap = input.frequency_cap;
    if (cap === null) next.frequencyCap = null;
    else {
      const value: FrequencyCap = { max: cap.max, windowHours: cap.window_hours, action: cap.action ?? 'hold' };
      if (!Number.isInteger(value.max) || value.max < 1 || value.max > 1000) errors.push({ field: at('frequency_cap/max'), code: 'PORM_INVALID_FIELD', message: 'an integer from 1 to 1000' });
      if (!Number.isInteger(value.windowHours) || value.windowHours < 1 || value.windowHours > 24 * 31) errors.push({ field: at('frequency_cap/window_hours'), code: 'PORM_INVALID_FIELD', message: 'an integer from 1 to 744 (31 days)' });
      next.frequencyCap = value;
    }
  }
  return errors.length > 0 ? { errors } : { value: next, errors };
}

/** The /v1 (snake_case) shape of settings. */
export function presentSettings(s: ProgramSettings): Record<string, unknown> {
  return {
    keywords: { opt_out: s.keywords.optOut, opt_in: s.keywords.optIn, help: s.keywords.help },
    replies: Object.fromEntries(Object.entries(s.replies).map(([lang, r]) => [lang, { opt_out: r.optOut, opt_in: r.optIn, help: r.help, confirm_request: r.confirmRequest }])),
    default_language: s.defaultLanguage,
    double_opt_in: s.doubleOptIn,
    require_consent_for_marketing: s.requireConsentForMarketing,
    brand_wide_suppression: s.brandWideSuppression,
    quiet_hours: { start: s.quietHours.start, end: s.quietHours.end, applies_to_transactional: s.quietHours.appliesToTransactional, state_rules: s.quietHours.stateRules },
    frequency_cap: s.frequencyCap === null ? null : { max: s.frequencyCap.max, window_hours: s.frequencyCap.windowHours, action: s.frequencyCap.action },
  };
}
