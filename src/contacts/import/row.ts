import type { CountryCode } from 'libphonenumber-js';
import type { ErrorCode, FieldError } from '../../errors.ts';
import type { ContactColumns } from '../contact-writes.ts';
import { checkAttributes, checkLocale, checkName, checkTags, checkTimeZone } from '../fields.ts';
import { normalizeContactPhone } from '../phone.ts';
import type { ImportField } from './options.ts';

// One CSV record to the contact it writes, or the reason it is refused (the error report's row).

export interface RowContact { line: number; phone: string; columns: ContactColumns }
export interface RowError { line: number; value: string; code: ErrorCode; reason: string }

export function rowContact(line: number, cells: readonly string[], fields: ReadonlyArray<ImportField | null>, country: CountryCode): RowContact | RowError {
  if (cells.length > fields.length && cells.slice(fields.length).some((c) => c.trim() !== '')) {
    return { line, value: `${cells.length} cells`, code: 'PORM_IMPORT_TOO_MANY_COLUMNS', reason: `the row has ${cells.length} cells; the header has ${fields.length}` };
  }
  const bad = cells.find((c) => c.includes('\uFFFD'));
  if (bad !== undefined) return { line, value: bad.slice(0, 200), code: 'PORM_IMPORT_BAD_ENCODING', reason: 'bytes not valid in the file\'s encoding (pass encoding=latin1 or windows-1252 for such files)' };
  let phoneCell = '';
  const columns: ContactColumns = {};
  const errors: FieldError[] = [];
  const attributes: Record<string, string> = {};
  let hasAttributes = false;
  fields.forEach((field, i) => {
    if (field === null) return;
    const cell = (cells[i] ?? '').trim();
    if (field === 'phone') phoneCell = cell;
    else if (field === 'name') columns.name = checkName(cell === '' ? null : cell, errors);
    else if (field === 'time_zone') columns.timeZone = checkTimeZone(cell === '' ? null : cell, errors);
    else if (field === 'locale') columns.locale = checkLocale(cell === '' ? null : cell, errors);
    else if (field === 'tags') columns.tags = checkTags(cell === '' ? [] : cell.split(/[;|,]/), errors);
    else if (cell !== '') {
      attributes[field.slice('attributes.'.length)] = cell;
      hasAttributes = true;
    }
  });
  if (hasAttributes) columns.attributes = checkAttributes(attributes, errors);
  const phone = normalizeContactPhone(phoneCell, country);
  if (phone === undefined) return { line, value: phoneCell.slice(0, 200), code: 'PORM_INVALID_PHONE_NUMBER', reason: phoneCell === '' ? 'no phone number' : `not a valid phone number (E.164, or a national number of ${country})` };
  const first = errors[0];
  if (first) return { line, value: phoneCell, code: first.code, reason: `${first.field.slice(1)}: ${first.message}` };
  return { line, phone, columns };
}
