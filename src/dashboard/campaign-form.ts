import type { PormError } from '../errors.ts';
import type { CampaignInput } from '../campaigns/model.ts';

// The campaign wizard's form (src/dashboard/pages/campaigns-wizard.ts) as the CampaignService's
// input, and the service's field pointers as the form's field names. Pure: every rule about what
// a campaign may be stays in the service, which answers with the API's codes.

/** The wizard's values as a person entered them, echoed back when the service refuses them. */
export interface WizardValues {
  fields: Record<string, string>;
  lists: string[];
  segments: string[];
  excludeLists: string[];
}

export const VARIANT_ROWS = 5;
const FIELD_NAMES = [
  'name', 'from', 'messaging_service_id', 'category', 'body', 'track_links', 'schedule', 'send_at', 'send_at_local', 'fallback_zone', 'send_rate',
  'ab', 'test_percent', 'metric', 'window_minutes', 'content', 'template', 'template_data',
  ...Array.from({ length: VARIANT_ROWS }, (_, i) => [`v${i}_name`, `v${i}_body`, `v${i}_weight`]).flat(),
] as const;

export function wizardValues(get: (name: string) => string | undefined, all: (name: string) => string[]): WizardValues {
  const fields: Record<string, string> = {};
  for (const name of FIELD_NAMES) {
    const v = get(name);
    if (v !== undefined) fields[name] = v;
  }
  return { fields, lists: all('lists'), segments: all('segments'), excludeLists: all('exclude_lists') };
}

const blank = (v: string | undefined): boolean => v === undefined || v.trim() === '';
/** A number field: absent when blank; NaN for text that is not one, which the service refuses with its code. */
const numberOf = (v: string | undefined): number | undefined => (blank(v) ? undefined : Number(v));
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** The draft campaign the wizard asks the service for. */
export function campaignInputOf(v: WizardValues): CampaignInput {
  const f = v.fields;
  const input: CampaignInput = {
    name: f.name ?? '', audience: { lists: v.lists, segments: v.segments, excludeLists: v.excludeLists }, draft: true,
    trackLinks: f.track_links === '1',
    ...(f.category === 'transactional' ? { category: 'transactional' as const } : { category: 'marketing' as const }),
  };
  if (!blank(f.from)) input.from = f.from!.trim();
  if (!blank(f.messaging_service_id)) input.messagingServiceId = f.messaging_service_id!;
  const rate = numberOf(f.send_rate);
  if (rate !== undefined) input.sendRate = rate;
  if (f.schedule === 'at') {
    // A datetime-local field has no zone: the wizard labels it UTC.
    const at = (f.send_at ?? '').trim();
    input.sendAt = LOCAL.test(at) ? `${at}Z` : at;
  } else if (f.schedule === 'local') {
    input.sendAtLocal = (f.send_at_local ?? '').trim();
    if (!blank(f.fallback_zone)) input.sendAtLocalFallbackZone = f.fallback_zone!.trim();
  }
  if (f.ab === '1') {
    const variants = Array.from({ length: VARIANT_ROWS }, (_, i) => ({ name: f[`v${i}_name`] ?? '', body: f[`v${i}_body`] ?? '', weight: f[`v${i}_weight`] }))
      .filter((row) => !blank(row.name) || !blank(row.body))
      .map((row) => ({ name: row.name.trim(), body: row.body, ...(numberOf(row.weight) !== undefined ? { weight: numberOf(row.weight) } : {}) }));
    input.abTest = {
      variants,
      ...(numberOf(f.test_percent) !== undefined ? { test_percent: numberOf(f.test_percent) } : {}),
      ...(f.metric === 'conversions' ? { metric: 'conversions' } : { metric: 'clicks' }),
      ...(numberOf(f.window_minutes) !== undefined ? { window_minutes: numberOf(f.window_minutes) } : {}),
    };
    if (!blank(f.body)) input.body = f.body!;
  } else if (f.content === 'template') {
    // The template's fixed data as typed: text that is not a JSON object goes on as it is, for the service to refuse with its code.
    input.template = (f.template ?? '').trim();
    if (!blank(f.template_data)) input.templateData = jsonOrText(f.template_data!);
    if (!blank(f.body)) input.body = f.body!;
  } else {
    input.body = f.body ?? '';
  }
  return input;
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The form field a service pointer belongs to (a variant's fields are its row's); '' for the form as a whole. */
export function fieldOfPointer(pointer: string | undefined): string {
  if (pointer === undefined) return '';
  const variant = /^\/ab_test\/variants\/(\d+)\/(name|body|weight)/.exec(pointer);
  if (variant) return `v${variant[1]}_${variant[2]}`;
  if (pointer.startsWith('/ab_test/')) {
    const key = pointer.slice('/ab_test/'.length).split('/')[0]!;
    return ['test_percent', 'metric', 'window_minutes'].includes(key) ? key : 'ab';
  }
  if (pointer === '/ab_test') return 'ab';
  if (pointer.startsWith('/audience/exclude_lists')) return 'exclude_lists';
  if (pointer.startsWith('/audience')) return 'audience';
  const top = pointer.split('/')[1] ?? '';
  if (top === 'send_at_local_fallback_zone') return 'fallback_zone';
  if (top === 'media_ids') return 'template';
  return (FIELD_NAMES as readonly string[]).includes(top) ? top : '';
}

export interface FieldProblem { message: string; code: string }

/** Every field error of a refusal, by form field (the first for each); the refusal's own message under '' when no field carries it. */
export function fieldProblems(err: PormError): Record<string, FieldProblem> {
  const out: Record<string, FieldProblem> = {};
  for (const e of err.fields) {
    const name = fieldOfPointer(e.field);
    out[name] ??= { message: e.message || err.message, code: e.code };
  }
  if (Object.keys(out).length === 0) out[''] = { message: err.message, code: err.code };
  return out;
}
