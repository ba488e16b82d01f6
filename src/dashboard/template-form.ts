import { PormError, type FieldError } from '../errors.ts';
import { makeAjv, fieldErrorsFromAjv } from '../api/validation.ts';
import { TemplateBody, deviceOf } from '../api/routes/template-crud.ts';
import { lintTemplate, type TemplateDocument } from '../rich/format/index.ts';
import type { DeviceContext } from '../rich/bound/model.ts';
import { deviceClock } from '../rich/rules/device-clock.ts';
import type { TemplateService } from '../rich/templates/template-service.ts';
import { jsonSyntaxProblem, locatePointer, placeAt, type Place } from './json-locate.ts';

// What the template editor's form says, checked by the API's own rules: the request body schema
// of POST /v1/templates, TemplateService.validate (the validator every save goes through) and the
// linter that POST /v1/templates/validate runs. This file only adds where each problem is in the
// text the person typed.

export interface Issue {
  pointer: string;
  code: string;
  message: string;
  /** Where in the text; null when the problem is not in the text (the name, the note). */
  place: Place | null;
  /** False when the pointer names something absent (a missing field): the place is its parent's. */
  exact: boolean;
}

export interface Checked {
  /** The validated document when there are no errors. */
  document: TemplateDocument | null;
  /** The parsed JSON (when it parses). */
  parsed: unknown;
  errors: Issue[];
  warnings: Issue[];
}

function syntaxIssue(text: string, what: string): Issue | null {
  const problem = jsonSyntaxProblem(text);
  if (problem === null) return null;
  return { pointer: '', code: 'PORM_INVALID_JSON', message: `${what} is not valid JSON: ${problem.message}`, place: placeAt(text, problem.offset), exact: true };
}

export function placed(text: string, pointer: string): { place: Place; exact: boolean } {
  const at = locatePointer(text, pointer);
  return { place: placeAt(text, at.offset), exact: at.exact };
}

/** The document text checked as a save would check it; the template service's errors, each with its place. */
export function checkTemplateText(text: string, templates: TemplateService): Checked {
  const syntax = syntaxIssue(text, 'The document');
  if (syntax) return { document: null, parsed: undefined, errors: [syntax], warnings: [] };
  const parsed = JSON.parse(text) as unknown;
  try {
    const document = templates.validate(parsed, '');
    const warnings = lintTemplate(document).map((w) => ({ pointer: w.pointer, code: w.rule, message: w.message, ...placed(text, w.pointer) }));
    return { document, parsed, errors: [], warnings };
  } catch (err) {
    if (!(err instanceof PormError) || err.code !== 'PORM_RICH_TEMPLATE_INVALID') throw err;
    const errors = err.fields.map((f: FieldError) => ({ pointer: f.field, code: f.code, message: f.message, ...placed(text, f.field) }));
    return { document: null, parsed, errors, warnings: [] };
  }
}

const bodyCheck = makeAjv(false).compile(TemplateBody);

/**
 * The body POST /v1/templates would get, checked against its schema (name 1–200 characters,
 * note up to 500): the same codes the API answers with. An empty name means "the document's".
 */
export function saveBody(document: unknown, name: string, note: string): { body: { document: unknown; name?: string; note?: string }; errors: Issue[] } {
  const body = { document, ...(name.trim() !== '' ? { name: name.trim() } : {}), ...(note.trim() !== '' ? { note: note.trim() } : {}) };
  if (bodyCheck(body)) return { body, errors: [] };
  const fields = fieldErrorsFromAjv(bodyCheck.errors ?? [], 'body').filter((f) => !f.field.startsWith('/document'));
  return { body, errors: fields.map((f) => ({ pointer: f.field, code: f.code, message: f.message, place: null, exact: true })) };
}

/**
 * What binding the sample data warned about (a value of the wrong type, treated as missing), placed
 * in the sample data's text when there is one: the warnings' pointers are /data/<slot>/….
 */
export function dataWarnings(warnings: ReadonlyArray<{ pointer: string; code: string; message: string }>, dataText: string | null): Issue[] {
  return warnings.map((w) => {
    const inData = dataText !== null && (w.pointer === '/data' || w.pointer.startsWith('/data/'));
    return { pointer: w.pointer, code: w.code, message: w.message, ...(inData ? placed(dataText, w.pointer.slice('/data'.length)) : { place: null, exact: true }) };
  });
}

/** The sample data textarea: empty means "the slots' examples"; otherwise a JSON object. */
export function parseSampleData(text: string): { data?: Record<string, unknown>; issue?: Issue } {
  if (text.trim() === '') return {};
  const syntax = syntaxIssue(text, 'The sample data');
  if (syntax) return { issue: { ...syntax, pointer: '/data' } };
  const value = JSON.parse(text) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { issue: { pointer: '/data', code: 'PORM_INVALID_FIELD', message: 'The sample data must be a JSON object ({"name": value, …}), or empty for the examples', place: placeAt(text, 0), exact: true } };
  }
  return { data: value as Record<string, unknown> };
}

/** Screen widths offered (common phones, CSS pixels). */
export const WIDTHS = [320, 360, 390, 430] as const;

export interface DeviceSettings { dark: boolean; width: number; locale: string; time: string }

export const DEFAULT_DEVICE: DeviceSettings = { dark: false, width: 390, locale: 'en-US', time: '12:00' };

const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,4}$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The device settings of the form; anything unusable falls back to the default (and is said so). */
export function deviceSettings(form: Record<string, string | undefined>): { settings: DeviceSettings; issues: Issue[] } {
  const issues: Issue[] = [];
  const width = Number(form.width);
  const locale = (form.locale ?? '').trim();
  const time = (form.time ?? '').trim();
  if (locale !== '' && !LOCALE.test(locale)) issues.push({ pointer: '/device/locale', code: 'PORM_INVALID_FIELD', message: 'The locale is not a language tag like en-US or fr', place: null, exact: true });
  if (time !== '' && !TIME.test(time)) issues.push({ pointer: '/device/local_time', code: 'PORM_INVALID_FIELD', message: 'The time of day is not HH:MM (24 hours)', place: null, exact: true });
  return {
    settings: {
      dark: form.dark === 'on' || form.dark === '1',
      width: (WIDTHS as readonly number[]).includes(width) ? width : DEFAULT_DEVICE.width,
      locale: locale !== '' && LOCALE.test(locale) ? locale : DEFAULT_DEVICE.locale,
      time: TIME.test(time) ? time : DEFAULT_DEVICE.time,
    },
    issues,
  };
}

/** The renderer's device context for the settings, through the API preview's own filter. */
export function deviceContext(s: DeviceSettings, now: number): DeviceContext {
  const [hour, minute] = s.time.split(':').map(Number) as [number, number];
  return deviceOf({
    locale: s.locale, language: s.locale.split('-')[0]!.toLowerCase(), ...deviceClock(hour, minute, new Date(now).getUTCDay()),
    screen_width: s.width, dark_mode: s.dark, capability: { calendar: true, map: true, video: true, audio: true },
  }) ?? {};
}
