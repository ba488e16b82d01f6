// The SMS tables (migrations 0014 and 0020: segments, their receipts, submit progress, MO parts), as Kysely sees them.

import type { Generated } from 'kysely';

export interface SmsSegmentsTable {
  carrier: string;
  id_key: string;
  message_id: string;
  seq: number;
  smsc_id: string;
}

/** Segments of a concatenated SMS the SMSC accepted before the whole message was (migration 0020). */
export interface SmsSubmitProgressTable {
  message_id: string;
  seq: number;
  carrier: string;
  total: number;
  reference: number;
  parts_digest: string;
  smsc_id: string;
  accepted_at: number;
}

export interface SmsSegmentStatesTable {
  message_id: string;
  seq: number;
  outcome: string;
  at: number;
}

export interface SmsPendingReceiptsTable {
  id: Generated<number>;
  receipt_uid: string;
  carrier: string;
  id_key: string;
  report_json: string;
  received_at: number;
}

export interface SmsMoPartsTable {
  carrier: string;
  concat_key: string;
  seq: number;
  total: number;
  from_number: string;
  to_number: string;
  alphabet: string;
  payload_hex: string;
  received_at: number;
}
