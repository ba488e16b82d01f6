import { runInNewContext } from 'node:vm';
import type { FieldError } from '../../errors.ts';
import type { BoundField, BoundForm } from '../bound/model.ts';

// Server-side validation of a form's answers: the same rules the page enforces in the browser
// (required, pattern, type, range, options), run again because a browser is not a trust boundary.
// Pure. Accepts both the page's urlencoded post (strings, repeated names) and the assembler's JSON.

export type Answer = string | number | boolean | string[];
export type RawAnswers = Readonly<Record<string, unknown>>;

export const MAX_ANSWER_CHARS = 2000;
export const MAX_ANSWERS_BYTES = 32 * 1024;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const PHONE = /^\+?[0-9 ()-]{3,20}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

export type AnswersResult = { ok: true; answers: Record<string, Answer> } | { ok: false; errors: FieldError[] };

export function validateAnswers(form: BoundForm, raw: RawAnswers): AnswersResult {
  const errors: FieldError[] = [];
  const answers: Record<string, Answer> = {};
  for (const field of form.fields) {
    const value = Object.hasOwn(raw, field.name) ? raw[field.name] : undefined;
    const fail = (why: string): void => {
      errors.push({ field: `/${field.name}`, code: 'PORM_RICH_FORM_INVALID', message: field.errorMessage ?? why });
    };
    const result = checkField(field, value);
    if ('error' in result) fail(result.error);
    else if (result.value !== undefined) answers[field.name] = result.value;
  }
  for (const key of Object.keys(raw)) {
    if (!form.fields.some((f) => f.name === key)) errors.push({ field: `/${key}`, code: 'PORM_RICH_FORM_INVALID', message: 'this form has no such field' });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers };
}

type Checked = { value: Answer | undefined } | { error: string };
const ok = (value: Answer | undefined): Checked => ({ value });
const no = (error: string): Checked => ({ error });

/** The answer (undefined when left empty, and allowed to be), or why it is refused. */
function checkField(field: BoundField, value: unknown): Checked {
  if (field.kind === 'multi_choice') {
    const list = value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value];
    if (!list.every((v): v is string => typeof v === 'string')) return no('choose from the options');
    const allowed = new Set(field.options.map((o) => o.value));
    if (list.some((v) => !allowed.has(v))) return no('choose from the options');
    if (new Set(list).size !== list.length) return no('an option was chosen twice');
    if (field.required && list.length === 0) return no('choose at least one option');
    return ok(list.length === 0 ? undefined : list);
  }
  if (field.kind === 'toggle') {
    if (value === undefined || value === '' || value === false || value === 'false') return field.required ? no('this must be switched on') : ok(false);
    if (value === true || value === 'true' || value === 'on') return ok(true);
    return no('must be on or off');
  }
  const single = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (single === undefined || single === '' || (typeof single === 'string' && single.trim() === '')) return field.required ? no('this field is required') : ok(undefined);
  if (typeof single !== 'string') return no('must be a single value');
  if ([...single].length > MAX_ANSWER_CHARS) return no(`longer than ${MAX_ANSWER_CHARS} characters`);
  if (!single.isWellFormed()) return no('contains invalid Unicode');
  const text = single.trim();
  switch (field.kind) {
    case 'text': case 'email': case 'phone': {
      if (field.maxLength !== null && [...text].length > field.maxLength) return no(`at most ${field.maxLength} characters`);
      if (field.kind === 'email' && !EMAIL.test(text)) return no('not an email address');
      if (field.kind === 'phone' && !PHONE.test(text)) return no('not a phone number');
      if (field.pattern !== null && !matchesWhole(field.pattern, text)) return no('does not have the expected format');
      return ok(text);
    }
    case 'number': {
      const n = Number(text);
      if (!/^-?\d+(\.\d+)?$/.test(text) || !Number.isFinite(n)) return no('not a number');
      if (field.min !== null && n < field.min) return no(`at least ${field.min}`);
      if (field.max !== null && n > field.max) return no(`at most ${field.max}`);
      return ok(n);
    }
    case 'rating': {
      const n = Number(text);
      const min = field.min === 0 ? 0 : 1;
      if (!/^\d+$/.test(text) || n < min || n > field.max) return no(`a whole number from ${min} to ${field.max}`);
      return ok(n);
    }
    case 'choice':
      return field.options.some((o) => o.value === text) ? ok(text) : no('choose from the options');
    case 'date':
      return DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text) ? ok(text) : no('not a date (YYYY-MM-DD)');
    case 'time':
      return TIME.test(text) ? ok(text) : no('not a time (HH:MM)');
  }
}

const PATTERN_TIMEOUT_MS = 50;

/**
 * HTML's pattern attribute semantics: the whole value must match, with the `v` flag browsers use
 * (falling back to `u`). The pattern is the template author's and the value the recipient's, so the
 * match runs under a time limit: a pattern that backtracks catastrophically counts as not matching
 * instead of freezing the server.
 */
function matchesWhole(pattern: string, value: string): boolean {
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${pattern})$`, 'v');
  } catch {
    try {
      re = new RegExp(`^(?:${pattern})$`, 'u');
    } catch {
      return false;
    }
  }
  try {
    return runInNewContext('re.test(value)', { re, value }, { timeout: PATTERN_TIMEOUT_MS }) === true;
  } catch {
    return false;
  }
}
