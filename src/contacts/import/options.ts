import { PormError, type FieldError } from '../../errors.ts';
import { ATTRIBUTE_KEY } from '../fields.ts';
import { ENCODINGS, type ImportEncoding } from './decode.ts';

// What an import is asked to do, checked before any row is read. `columns` maps header names to
// fields; left out, headers named like a field (phone, mobile, name, time_zone, …) map to it.

export type ImportField = 'phone' | 'name' | 'time_zone' | 'locale' | 'tags' | `attributes.${string}` | 'ignore';

export interface ImportConsent {
  wording: string;
  source?: 'import' | 'web_form' | 'api';
  url?: string;
  programId?: string;
}

export interface ImportOptions {
  columns?: Record<string, string>;
  defaultCountry?: string;
  onDuplicate?: 'update' | 'skip';
  listId?: string;
  consent?: ImportConsent;
  encoding?: ImportEncoding;
}

export interface CheckedOptions {
  columns: Record<string, string> | undefined;
  defaultCountry: string;
  onDuplicate: 'update' | 'skip';
  listId: string | null;
  consent: ImportConsent | null;
  encoding: ImportEncoding;
}

export const MAX_HEADER_COLUMNS = 500;

const AUTO: Record<string, ImportField> = {
  phone: 'phone', phone_number: 'phone', number: 'phone', mobile: 'phone', msisdn: 'phone', cell: 'phone',
  name: 'name', full_name: 'name',
  time_zone: 'time_zone', timezone: 'time_zone', tz: 'time_zone',
  locale: 'locale', language: 'locale',
  tags: 'tags',
};

function fieldOk(field: string): field is ImportField {
  return ['phone', 'name', 'time_zone', 'locale', 'tags', 'ignore'].includes(field) || (field.startsWith('attributes.') && ATTRIBUTE_KEY.test(field.slice('attributes.'.length)));
}

export function checkOptions(options: ImportOptions): CheckedOptions {
  const errors: FieldError[] = [];
  if (options.columns !== undefined) {
    const entries = Object.entries(options.columns);
    if (entries.length > MAX_HEADER_COLUMNS) errors.push({ field: '/columns', code: 'PORM_IMPORT_BAD_MAPPING', message: `at most ${MAX_HEADER_COLUMNS} columns` });
    for (const [header, field] of entries) {
      if (typeof field !== 'string' || !fieldOk(field)) errors.push({ field: `/columns/${header.slice(0, 64)}`, code: 'PORM_IMPORT_BAD_MAPPING', message: 'phone, name, time_zone, locale, tags, attributes.<key> or ignore' });
    }
  }
  if (options.encoding !== undefined && !ENCODINGS.includes(options.encoding)) errors.push({ field: '/encoding', code: 'PORM_INVALID_FIELD', message: ENCODINGS.join(', ') });
  if (options.onDuplicate !== undefined && !['update', 'skip'].includes(options.onDuplicate)) errors.push({ field: '/on_duplicate', code: 'PORM_INVALID_FIELD', message: 'update or skip' });
  if (options.consent !== undefined && (typeof options.consent.wording !== 'string' || options.consent.wording.trim() === '')) {
    errors.push({ field: '/consent/wording', code: 'PORM_CONSENT_PROOF_MISSING', message: 'an opt-in needs the wording the people agreed to' });
  }
  if (options.consent?.source === 'web_form' && options.consent.url === undefined) errors.push({ field: '/consent/url', code: 'PORM_CONSENT_PROOF_MISSING', message: 'a web-form opt-in needs the form\'s URL' });
  if (errors.length > 0) throw new PormError(errors[0]!.code, errors[0]!.message, errors);
  return {
    columns: options.columns, defaultCountry: options.defaultCountry ?? 'US', onDuplicate: options.onDuplicate ?? 'update',
    listId: options.listId ?? null, consent: options.consent ?? null, encoding: options.encoding ?? 'auto',
  };
}

/** Per header cell, the field it fills (or null): the mapping against the file's real header. */
export function mapHeader(header: readonly string[], columns: Record<string, string> | undefined): Array<ImportField | null> {
  const fail = (message: string): never => {
    throw new PormError('PORM_IMPORT_BAD_MAPPING', message, [{ field: '/columns', code: 'PORM_IMPORT_BAD_MAPPING', message }]);
  };
  const names = header.map((h) => h.trim());
  const mapped = names.map((name): ImportField | null => {
    if (columns !== undefined && Object.hasOwn(columns, name)) {
      const field = columns[name]!;
      return field === 'ignore' ? null : (field as ImportField);
    }
    // A header named like a field fills it, unless the mapping gives that field to another column.
    const auto = AUTO[name.toLowerCase()];
    return auto !== undefined && !Object.values(columns ?? {}).includes(auto) ? auto : null;
  });
  for (const name of Object.keys(columns ?? {})) if (!names.includes(name)) fail(`the header has no column "${name.slice(0, 64)}" (it has: ${names.slice(0, 20).join(', ').slice(0, 300)})`);
  const used = mapped.filter((f): f is ImportField => f !== null);
  const twice = used.find((f, i) => used.indexOf(f) !== i);
  if (twice !== undefined) fail(`two columns map to ${twice}`);
  if (!used.includes('phone')) fail('no column holds the phone number: name it phone (or mobile, number, msisdn), or map one with columns');
  return mapped;
}
