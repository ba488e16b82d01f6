import type { Mm7ErrorCode } from './errors.ts';

// MM7 StatusCode -> porm outcome. 1xxx success, 2xxx client errors (sending the same request again
// fails again), 3xxx server errors (retry may help), 4xxx general service errors (mixed: some are
// configuration problems that no retry fixes). Table from 3GPP TS 23.140 (mms-wire.md §3.6);
// 2008/2009/3004/4008 are Rel-6 additions.

/** What the queue does with a carrier answer: done, give up, retry with backoff, or slow down. */
export type Mm7Outcome = 'success' | 'permanent' | 'transient' | 'throttled';

export interface Mm7StatusInfo {
  readonly code: number;
  /** The standard StatusText. */
  readonly text: string;
  readonly outcome: Mm7Outcome;
  /** porm error code for anything but plain success (1000). */
  readonly errorCode: Mm7ErrorCode | null;
}

type Row = readonly [text: string, outcome: Mm7Outcome, errorCode: Mm7ErrorCode | null];

const TABLE: ReadonlyMap<number, Row> = new Map<number, Row>([
  [1000, ['Success', 'success', null]],
  // Accepted for some recipients; the message goes on, Details says who was refused.
  [1100, ['Partial success', 'success', 'PORM_MM7_PARTIAL_SUCCESS']],
  [2000, ['Client error', 'permanent', 'PORM_MM7_CLIENT_ERROR']],
  [2001, ['Operation restricted', 'permanent', 'PORM_MM7_OPERATION_RESTRICTED']],
  [2002, ['Address Error', 'permanent', 'PORM_MM7_ADDRESS_ERROR']],
  [2003, ['Address Not Found', 'permanent', 'PORM_MM7_ADDRESS_NOT_FOUND']],
  [2004, ['Multimedia content refused', 'permanent', 'PORM_MM7_CONTENT_REFUSED']],
  [2005, ['Message ID Not found', 'permanent', 'PORM_MM7_MESSAGE_ID_NOT_FOUND']],
  [2006, ['LinkedID not found', 'permanent', 'PORM_MM7_LINKED_ID_NOT_FOUND']],
  [2007, ['Message format corrupt', 'permanent', 'PORM_MM7_MESSAGE_FORMAT_CORRUPT']],
  [2008, ['Application ID not found', 'permanent', 'PORM_MM7_APPLIC_ID_NOT_FOUND']],
  [2009, ['Reply Application ID not found', 'permanent', 'PORM_MM7_REPLY_APPLIC_ID_NOT_FOUND']],
  [3000, ['Server Error', 'transient', 'PORM_MM7_SERVER_ERROR']],
  // "Not possible" answers a cancel/replace of a message already delivered: a retry cannot help,
  // although the code sits in the server class.
  [3001, ['Not Possible', 'permanent', 'PORM_MM7_NOT_POSSIBLE']],
  [3002, ['Message rejected', 'permanent', 'PORM_MM7_MESSAGE_REJECTED']],
  [3003, ['Multiple addresses not supported', 'permanent', 'PORM_MM7_MULTIPLE_ADDRESSES_NOT_SUPPORTED']],
  [3004, ['Application Addressing not supported', 'permanent', 'PORM_MM7_APPLICATION_ADDRESSING_NOT_SUPPORTED']],
  [4000, ['General service error', 'transient', 'PORM_MM7_GENERAL_SERVICE_ERROR']],
  [4001, ['Improper identification', 'permanent', 'PORM_MM7_IMPROPER_IDENTIFICATION']],
  [4002, ['Unsupported version', 'permanent', 'PORM_MM7_UNSUPPORTED_VERSION']],
  [4003, ['Unsupported operation', 'permanent', 'PORM_MM7_UNSUPPORTED_OPERATION']],
  [4004, ['Validation error', 'permanent', 'PORM_MM7_VALIDATION_ERROR']],
  [4005, ['Service error', 'transient', 'PORM_MM7_SERVICE_ERROR']],
  // Overload or maintenance: back off as for a throttle rather than hammering with retries.
  [4006, ['Service unavailable', 'throttled', 'PORM_MM7_SERVICE_UNAVAILABLE']],
  [4007, ['Service denied', 'permanent', 'PORM_MM7_SERVICE_DENIED']],
  [4008, ['Application denied', 'permanent', 'PORM_MM7_APPLICATION_DENIED']],
]);

/** Every status code in the standard table, ascending. */
export const MM7_STATUS_CODES: readonly number[] = [...TABLE.keys()].sort((a, b) => a - b);

/** Per-carrier overrides for private codes, e.g. `{ 3100: { outcome: 'throttled' } }` (Skycore "throughput exceeded"). */
export type Mm7StatusOverrides = Readonly<Record<number, { readonly outcome: Mm7Outcome; readonly errorCode?: Mm7ErrorCode | null; readonly text?: string }>>;

/**
 * Classifies a StatusCode. Unknown codes fall back to their class, as aggregators add private codes
 * inside the standard ranges (Skycore 2300-2515, 3100, 3500): 1xxx success, 2xxx permanent,
 * 3xxx and 4xxx transient; anything else is an unknown permanent failure.
 */
export function classifyMm7Status(code: number, overrides?: Mm7StatusOverrides): Mm7StatusInfo {
  const override = overrides?.[code];
  const row = TABLE.get(code) ?? classRow(code);
  if (override !== undefined) {
    return { code, text: override.text ?? row[0], outcome: override.outcome, errorCode: override.errorCode === undefined ? row[2] : override.errorCode };
  }
  return { code, text: row[0], outcome: row[1], errorCode: row[2] };
}

function classRow(code: number): Row {
  const cls = Math.floor(code / 1000);
  if (cls === 1) return ['Success', 'success', null];
  if (cls === 2) return ['Client error', 'permanent', 'PORM_MM7_CLIENT_ERROR'];
  if (cls === 3) return ['Server Error', 'transient', 'PORM_MM7_SERVER_ERROR'];
  if (cls === 4) return ['General service error', 'transient', 'PORM_MM7_GENERAL_SERVICE_ERROR'];
  return ['Unknown status', 'permanent', 'PORM_MM7_UNKNOWN_STATUS'];
}

/** The standard StatusText for a code (class text for unknown codes). */
export function standardStatusText(code: number): string {
  return (TABLE.get(code) ?? classRow(code))[0];
}
