import type { PormError } from '../errors.ts';
import type { ProgramInput } from '../compliance/programs/program-service.ts';
import type { Program } from '../compliance/programs/program-store.ts';
import type { FieldProblem } from './campaign-form.ts';

// The program page's settings form as ProgramService.update's patch (the API's snake_case
// settings), and the service's pointers as the form's fields. Pure; the service checks.

export const PROGRAM_FIELDS = ['name', 'quiet_start', 'quiet_end', 'applies_to_transactional', 'state_rules', 'double_opt_in', 'require_consent_for_marketing', 'brand_wide_suppression', 'cap_max', 'cap_window_hours', 'cap_action'] as const;
export type ProgramForm = Partial<Record<(typeof PROGRAM_FIELDS)[number], string>>;

export function programFormOf(p: Program): ProgramForm {
  const s = p.settings;
  const on = (b: boolean) => (b ? '1' : '');
  return {
    name: p.name, quiet_start: s.quietHours.start, quiet_end: s.quietHours.end, applies_to_transactional: on(s.quietHours.appliesToTransactional),
    state_rules: on(s.quietHours.stateRules), double_opt_in: on(s.doubleOptIn), require_consent_for_marketing: on(s.requireConsentForMarketing),
    brand_wide_suppression: on(s.brandWideSuppression), cap_max: s.frequencyCap ? String(s.frequencyCap.max) : '',
    cap_window_hours: s.frequencyCap ? String(s.frequencyCap.windowHours) : '', cap_action: s.frequencyCap?.action ?? 'hold',
  };
}

/** Unchecked boxes are absent from a posted form: absent means off. No cap when both cap numbers are blank. */
export function programPatchOf(f: ProgramForm): ProgramInput {
  const on = (v: string | undefined) => v === '1';
  const blank = (v: string | undefined) => v === undefined || v.trim() === '';
  return {
    name: f.name ?? '',
    settings: {
      quiet_hours: { start: (f.quiet_start ?? '').trim(), end: (f.quiet_end ?? '').trim(), applies_to_transactional: on(f.applies_to_transactional), state_rules: on(f.state_rules) },
      double_opt_in: on(f.double_opt_in), require_consent_for_marketing: on(f.require_consent_for_marketing), brand_wide_suppression: on(f.brand_wide_suppression),
      frequency_cap: blank(f.cap_max) && blank(f.cap_window_hours) ? null
        : { max: Number(f.cap_max), window_hours: Number(f.cap_window_hours), action: f.cap_action === 'fail' ? 'fail' : 'hold' },
    },
  };
}

const POINTER_FIELD: ReadonlyArray<readonly [string, string]> = [
  ['/name', 'name'], ['/settings/quiet_hours/start', 'quiet_start'], ['/settings/quiet_hours/end', 'quiet_end'], ['/settings/quiet_hours', 'quiet_start'],
  ['/settings/frequency_cap/max', 'cap_max'], ['/settings/frequency_cap/window_hours', 'cap_window_hours'], ['/settings/frequency_cap', 'cap_max'],
];

export function programProblems(err: PormError): Record<string, FieldProblem> {
  const out: Record<string, FieldProblem> = {};
  for (const e of err.fields) {
    const name = POINTER_FIELD.find(([pointer]) => e.field.startsWith(pointer))?.[1] ?? '';
    out[name] ??= { message: e.message || err.message, code: e.code };
  }
  if (Object.keys(out).length === 0) out[''] = { message: err.message, code: err.code };
  return out;
}
