import { PormError, errorRegistry } from '../errors.ts';
import type { MessageFilter } from '../messages/query-service.ts';
import { isMessageStatus } from '../messages/status.ts';
import { normalizePhone } from '../messages/validate.ts';

// The messages page's search form, read from its query string: what the form shows back, and the
// MessageFilter the API's own query runs. Bad values fail with a code and the field they are in.

export const SEARCH_FIELDS = ['status', 'to', 'from', 'since', 'until', 'campaign', 'template', 'error'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];
export type SearchForm = Partial<Record<SearchField, string>>;

const DAY = 86_400_000;
const ID = /^(cmp|tpl)_[0-9a-z]{26}$/;

/** The form's non-empty fields, trimmed and cut to a sane length. */
export function searchFormOf(query: Record<string, unknown>): SearchForm {
  const form: SearchForm = {};
  for (const field of SEARCH_FIELDS) {
    const v = query[field];
    if (typeof v === 'string' && v.trim() !== '') form[field] = v.trim().slice(0, 100);
  }
  return form;
}

function fieldError(code: 'PORM_VALIDATION_FAILED' | 'PORM_INVALID_PHONE_NUMBER' | 'PORM_DASHBOARD_INVALID_DATE' | 'PORM_DASHBOARD_UNKNOWN_ERROR_CODE' | 'PORM_INVALID_FIELD', field: SearchField, message: string): PormError {
  return new PormError(code, `${field}: ${message}`, [{ field, code, message }]);
}

/** A UTC day (YYYY-MM-DD) as its first millisecond. */
function day(field: SearchField, value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  // Date.UTC rolls 2026-02-31 over into March; such a day does not exist.
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) throw fieldError('PORM_DASHBOARD_INVALID_DATE', field, 'not a day like 2026-12-03');
  return ms;
}

export function searchFilter(form: SearchForm): MessageFilter {
  const filter: MessageFilter = {};
  if (form.status !== undefined) {
    if (!isMessageStatus(form.status)) throw fieldError('PORM_VALIDATION_FAILED', 'status', 'not a message status');
    filter.status = form.status;
  }
  for (const field of ['to', 'from'] as const) {
    const v = form[field];
    if (v === undefined) continue;
    // Short codes are numbers too (as /v1/messages takes them).
    const n = normalizePhone(v) ?? (/^[0-9]{3,8}$/.test(v) ? v : undefined);
    if (!n) throw fieldError('PORM_INVALID_PHONE_NUMBER', field, 'not an E.164 number');
    filter[field] = n;
  }
  if (form.since !== undefined) filter.createdAfter = day('since', form.since);
  if (form.until !== undefined) filter.createdBefore = day('until', form.until) + DAY;
  if (filter.createdAfter !== undefined && filter.createdBefore !== undefined && filter.createdBefore <= filter.createdAfter) {
    throw fieldError('PORM_DASHBOARD_INVALID_DATE', 'until', 'ends before the range starts');
  }
  if (form.error !== undefined) {
    const code = form.error.toUpperCase();
    if (!Object.hasOwn(errorRegistry, code)) throw fieldError('PORM_DASHBOARD_UNKNOWN_ERROR_CODE', 'error', 'not a porm error code (PORM_…)');
    filter.errorCode = code;
  }
  if (form.campaign !== undefined) {
    if (!ID.test(form.campaign) || !form.campaign.startsWith('cmp_')) throw fieldError('PORM_INVALID_FIELD', 'campaign', 'not a campaign id (cmp_…)');
    filter.campaignId = form.campaign;
  }
  if (form.template !== undefined) {
    if (!ID.test(form.template) || !form.template.startsWith('tpl_')) throw fieldError('PORM_INVALID_FIELD', 'template', 'not a template id (tpl_…)');
    filter.templateId = form.template;
  }
  return filter;
}
