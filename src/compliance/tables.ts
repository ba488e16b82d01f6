// The compliance tables (migration 0016), as Kysely sees them.

export interface ProgramsTable {
  id: string;
  account_id: string;
  name: string;
  /** 1 for the account's automatic default program (id derived from the account id), else 0. */
  is_default: number;
  settings_json: string;
  created_at: number;
  updated_at: number;
}

export interface SuppressionsTable {
  account_id: string;
  /** '' = every program of the account (brand-wide). */
  program_id: string;
  recipient: string;
  reason: string;
  /** keyword | api | import | web_form */
  source: string;
  created_at: number;
}

/** Append-only: never updated or deleted (kept ≥ 4 years, the TCPA limitation period). */
export interface ConsentEventsTable {
  id: string;
  account_id: string;
  program_id: string;
  recipient: string;
  /** opt_in | opt_out | confirm_requested | suppression_removed */
  type: string;
  /** keyword | web_form | api | import */
  source: string;
  /** 1: an opt-in confirmed by the recipient (YES to a double opt-in request, or a keyword opt-in). */
  confirmed: number;
  wording: string | null;
  url: string | null;
  ip: string | null;
  user_agent: string | null;
  keyword: string | null;
  inbound_id: string | null;
  /** When the consent was given (a form's own time may predate recording). */
  at: number;
  recorded_at: number;
}

/** Marketing messages held for a double opt-in, released when YES arrives. */
export interface ComplianceHoldsTable {
  message_id: string;
  account_id: string;
  program_id: string;
  recipient: string;
  created_at: number;
}

/** porm's own compliance messages (keyword replies, confirmation requests): exempt from suppression and quiet hours. */
export interface ComplianceRepliesTable {
  message_id: string;
  account_id: string;
  kind: string;
  /** The inbound message answered (unique: one reply per keyword message). */
  inbound_id: string | null;
  created_at: number;
}
