import { defineErrors } from '../error-def.ts';

// Contacts, lists, CSV imports and segments (docs/contacts.md).
export const contactErrors = defineErrors({
  PORM_CONTACT_NOT_FOUND: { status: 404, title: 'Contact not found', description: 'No contact with this id (con_…) or number belongs to your account.' },
  PORM_INVALID_TIME_ZONE: { status: 400, title: 'Invalid time zone', description: 'A contact\'s time_zone must be an IANA zone name such as America/New_York (as listed by the tz database).' },
  PORM_INVALID_COUNTRY: { status: 400, title: 'Invalid default country', description: '`default_country` is an ISO 3166-1 alpha-2 code libphonenumber knows (US, GB, DE, …): numbers written without + are read as numbers of that country.' },
  PORM_INVALID_ATTRIBUTES: { status: 400, title: 'Invalid contact attributes', description: 'Custom attributes are a JSON object of at most 50 keys (letters, digits and _ , starting with a letter or _, up to 64 characters) whose values are strings (up to 1000 characters), finite numbers, booleans or null, at most 8 KiB in all.' },
  PORM_LIST_NOT_FOUND: { status: 404, title: 'List not found', description: 'No list with this id (lst_…) belongs to your account.' },
  PORM_LIST_NAME_TAKEN: { status: 409, title: 'List name taken', description: 'Another list of your account has this name.' },
  PORM_IMPORT_NOT_FOUND: { status: 404, title: 'Import not found', description: 'No import with this id (imp_…) belongs to your account.' },
  PORM_IMPORT_NOT_RUNNING: { status: 409, title: 'Import not running', description: 'The import has already finished (completed, canceled or failed), so it cannot be canceled; rows it committed stay.' },
  PORM_IMPORT_BAD_MAPPING: { status: 400, title: 'Invalid column mapping', description: 'The column mapping names a column the file\'s header does not have, maps to an unknown field (phone, name, time_zone, locale, tags, attributes.<key>, ignore), maps two columns to one field, or leaves no column for the phone number.' },
  PORM_IMPORT_BAD_HEADER: { status: 400, title: 'Unreadable CSV header', description: 'The first record of the file (its header) is missing, empty, not valid CSV or has more columns than an import accepts (500).' },
  PORM_IMPORT_UNSUPPORTED_UPLOAD: { status: 415, title: 'Unsupported upload', description: 'POST /v1/imports takes the CSV as the raw body (Content-Type text/csv) or as the `file` part of a multipart/form-data upload.' },
  PORM_IMPORT_BAD_ROW: { status: 422, title: 'Unreadable CSV row', description: 'A row of the file is not valid CSV (an unclosed or stray quote) or is longer than a row may be (64 KiB); it is listed in the error report and skipped.' },
  PORM_IMPORT_TOO_MANY_COLUMNS: { status: 422, title: 'Too many columns in a row', description: 'A row has more cells than the header; it is listed in the error report and skipped.' },
  PORM_IMPORT_BAD_ENCODING: { status: 422, title: 'Undecodable text in a row', description: 'A row holds bytes that are not valid in the file\'s encoding (UTF-8 unless a byte-order mark or `encoding` says otherwise); pass encoding=latin1 or windows-1252 for such files.' },
  PORM_IMPORT_DUPLICATE_ROW: { status: 422, title: 'Number already in this file', description: 'An earlier row of the same import has the same number (after normalisation); the later row is skipped.' },
  PORM_IMPORT_INTERRUPTED: { status: 500, title: 'Import interrupted', description: 'porm stopped while the import ran; the rows committed before stay. Import the file again with on_duplicate update to finish it (rows already imported are updated, not duplicated).' },
  PORM_SEGMENT_NOT_FOUND: { status: 404, title: 'Segment not found', description: 'No segment with this id (seg_…) belongs to your account.' },
  PORM_SEGMENT_NAME_TAKEN: { status: 409, title: 'Segment name taken', description: 'Another segment of your account has this name.' },
  PORM_SEGMENT_RULE_INVALID: { status: 400, title: 'Invalid segment rule', description: 'The rule is not one of the segment language\'s forms (docs/contacts.md#segments): an unknown key or operator, a value of the wrong type for its operator, or an empty and/or.' },
  PORM_SEGMENT_RULE_TOO_DEEP: { status: 400, title: 'Segment rule too deep', description: 'and/or/not nest more than 8 levels deep.' },
  PORM_SEGMENT_RULE_TOO_LARGE: { status: 400, title: 'Segment rule too large', description: 'The rule has more than 100 conditions, or its JSON is over 16 KiB.' },
});
