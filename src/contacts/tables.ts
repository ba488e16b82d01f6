// The contacts tables (migrations 0024 and 0025), as Kysely sees them.

export interface ContactProfilesTable {
  id: string;
  account_id: string;
  /** E.164. */
  phone: string;
  name: string | null;
  /** Canonical IANA zone. */
  time_zone: string | null;
  locale: string | null;
  /** JSON array of strings, sorted. */
  tags_json: string;
  /** JSON object of scalars. */
  attributes_json: string;
  import_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface ContactTagsTable {
  account_id: string;
  tag: string;
  contact_id: string;
}

export interface ContactListsTable {
  id: string;
  account_id: string;
  name: string;
  description: string | null;
  created_at: number;
  updated_at: number;
}

export interface ContactListMembersTable {
  list_id: string;
  contact_id: string;
  account_id: string;
  added_at: number;
}

export interface ContactImportsTable {
  id: string;
  account_id: string;
  /** importing | completed | canceled | failed */
  status: string;
  file_name: string | null;
  options_json: string;
  rows_read: number;
  created: number;
  updated: number;
  skipped: number;
  duplicates: number;
  invalid: number;
  consents: number;
  error_code: string | null;
  error_message: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
  /** Lines of the file less the header, when the uploader counted them (the dashboard does); else null. */
  rows_expected: number | null;
}

export interface ContactImportErrorsTable {
  import_id: string;
  seq: number;
  row: number;
  value: string;
  code: string;
  reason: string;
}

export interface SegmentsTable {
  id: string;
  account_id: string;
  name: string;
  rule_json: string;
  created_at: number;
  updated_at: number;
}
