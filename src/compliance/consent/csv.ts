import type { ConsentEvent } from './ledger.ts';

// The consent ledger as CSV (RFC 4180) for an audit. Every cell is quoted; a cell a spreadsheet
// would run as a formula (starting with = + - @, tab or carriage return) is prefixed with a
// quote mark (OWASP's CSV-injection advice): a handset's "=HYPERLINK(…)" reply stays text.

export const CONSENT_CSV_COLUMNS = ['id', 'recipient', 'program_id', 'type', 'source', 'confirmed', 'at', 'recorded_at', 'keyword', 'wording', 'url', 'ip', 'user_agent', 'inbound_id'] as const;

export function csvCell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

export function consentCsvRow(e: ConsentEvent): string {
  const iso = (ms: number): string => new Date(ms).toISOString();
  return [e.id, e.recipient, e.programId, e.type, e.source, e.confirmed, iso(e.at), iso(e.recordedAt), e.keyword, e.wording, e.url, e.ip, e.userAgent, e.inboundId].map(csvCell).join(',');
}

export function consentCsvHeader(): string {
  return CONSENT_CSV_COLUMNS.map(csvCell).join(',');
}
