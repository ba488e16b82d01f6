import type { MessageFilter } from '../../messages/query-service.ts';
import { normalizePhone } from '../../messages/validate.ts';
import { refuseUnknownKeys, single, type FormBody } from './create-params.ts';
import { messageIdOf } from './sids.ts';
import { TwilioApiError } from './twilio-error.ts';

// GET …/Messages.json query: filters, PageSize (default 50, at most 1000), Page (the client's
// page number, echoed), PageToken (PA + the last SID of the previous page: older messages; PB +
// the first SID of the next page: newer ones). Paging URIs are rebuilt in one canonical order.

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;
const DAY_MS = 86_400_000;
const FILTER_KEYS = ['To', 'From', 'DateSent', 'DateSent<', 'DateSent>'] as const;
const LIST_KEYS = new Set<string>([...FILTER_KEYS, 'PageSize', 'Page', 'PageToken']);

export interface ListRequest {
  filter: MessageFilter;
  /** The filters as given, for the paging URIs. */
  filterParams: Array<[string, string]>;
  pageSize: number;
  page: number;
  token: { direction: 'older' | 'newer'; messageId: string } | null;
}

const bad = (message: string): TwilioApiError => new TwilioApiError(400, 20001, message);

/** A GMT day (YYYY-MM-DD, what the SDKs send) or a full ISO time; returns the day's start. */
function dayStart(key: string, value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/.exec(value);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (Number.isNaN(ms) || new Date(ms).getUTCDate() !== Number(m?.[3])) throw bad(`${key} must be a date, YYYY-MM-DD`);
  return ms;
}

function phone(key: string, value: string): string {
  const normalized = normalizePhone(value) ?? (/^[0-9]{3,8}$/.test(value) ? value : undefined);
  if (!normalized) throw new TwilioApiError(400, key === 'To' ? 21211 : 21212, `Invalid '${key}' Phone Number: ${value.slice(0, 40)}`);
  return normalized;
}

export function parseListQuery(query: FormBody): ListRequest {
  refuseUnknownKeys(query, LIST_KEYS);
  const filter: MessageFilter = {};
  const filterParams: Array<[string, string]> = [];
  for (const key of FILTER_KEYS) {
    const value = single(query, key);
    if (value === undefined) continue;
    filterParams.push([key, value]);
    if (key === 'To') filter.to = phone(key, value);
    else if (key === 'From') filter.from = phone(key, value);
    else {
      // DateSent filters on the day porm accepted the message (porm sends right away unless scheduled).
      const start = dayStart(key, value);
      if (key === 'DateSent') {
        filter.createdAfter = Math.max(filter.createdAfter ?? start, start);
        filter.createdBefore = Math.min(filter.createdBefore ?? start + DAY_MS, start + DAY_MS);
      } else if (key === 'DateSent<') filter.createdBefore = Math.min(filter.createdBefore ?? start + DAY_MS, start + DAY_MS);
      else filter.createdAfter = Math.max(filter.createdAfter ?? start, start);
    }
  }
  const sizeText = single(query, 'PageSize');
  const pageSize = sizeText === undefined ? DEFAULT_PAGE_SIZE : /^[0-9]{1,4}$/.test(sizeText) ? Number(sizeText) : NaN;
  if (!(pageSize >= 1 && pageSize <= MAX_PAGE_SIZE)) throw bad(`PageSize must be from 1 to ${MAX_PAGE_SIZE}`);
  const pageText = single(query, 'Page');
  const page = pageText === undefined ? 0 : /^[0-9]{1,7}$/.test(pageText) ? Number(pageText) : NaN;
  if (Number.isNaN(page)) throw bad('Page must be a whole number');
  const tokenText = single(query, 'PageToken');
  let token: ListRequest['token'] = null;
  if (tokenText !== undefined) {
    const messageId = /^P[AB]/.test(tokenText) ? messageIdOf(tokenText.slice(2)) : undefined;
    if (!messageId) throw bad('PageToken is not one porm issued');
    token = { direction: tokenText.startsWith('PA') ? 'older' : 'newer', messageId };
  }
  return { filter, filterParams, pageSize, page, token };
}

/** A paging URI: path, the filters, PageSize, Page and, when given, the PageToken (keys and values percent-encoded, as Twilio's). */
export function pageUri(path: string, request: ListRequest, page: number, token?: string): string {
  const params: Array<[string, string]> = [...request.filterParams, ['PageSize', String(request.pageSize)], ['Page', String(page)]];
  if (token !== undefined) params.push(['PageToken', token]);
  return `${path}?${params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
}
