import { randomBytes } from 'node:crypto';
import type { Mm7Message, Mm7SubmitReq } from '../../mms/mm7/index.ts';
import type { SandboxLedger, SubmissionRow } from './sandbox-ledger.ts';
import { sandboxVerdict } from './test-numbers.ts';
// The simulator speaks MM7, so it shares the MM7 connector's word for a resubmission.
import { DUPLICATE_DETAILS } from '../mm7/duplicate-details.ts';

export interface SubmitOutcome {
  /** The answer to send: SubmitRsp, or a fault for the simulated server error. */
  answer: Mm7Message;
  /** Set when this submission newly owes a delivery report. */
  owes: SubmissionRow | undefined;
}

/**
 * The simulated MMSC's decision on one SubmitReq, recorded durably in its ledger before it
 * answers. The TransactionID is the sender's message id: a SubmitReq repeating one already
 * accepted gets the same MessageID back and changes nothing (the MMSC dedupes resubmissions).
 */
export function decideSubmit(ledger: SandboxLedger, req: Mm7SubmitReq, raw: { contentType: string; body: Buffer }, reportDelayMs: number, now: number): Promise<SubmitOutcome> {
  const to = req.recipients.to?.[0]?.value ?? '';
  const from = req.senderIdentification.senderAddress?.value ?? '';
  return ledger.write((conn) => {
    const existing = ledger.get(conn, req.transactionId);
    if (existing?.outcome === 'accepted') {
      ledger.upsert(conn, { ...existing, duplicate_count: existing.duplicate_count + 1 });
      return { answer: submitRsp(req, 1000, 'Success', existing.carrier_id!, DUPLICATE_DETAILS), owes: undefined };
    }
    const previous = existing?.submit_count ?? 0;
    const verdict = sandboxVerdict(to, previous);
    const base: SubmissionRow = {
      porm_id: req.transactionId, carrier_id: null, to_number: to, from_number: from, subject: req.subject ?? null,
      request_ct: null, request_body: null, outcome: 'rejected', report_status: null, report_due_at: null, report_sent_at: null,
      submit_count: previous + 1, duplicate_count: 0, created_at: existing?.created_at ?? now,
    };
    if (verdict.kind === 'reject') {
      ledger.upsert(conn, base);
      return { answer: submitRsp(req, 3002, 'Message rejected: sandbox number +15005550001 refuses every message'), owes: undefined };
    }
    if (verdict.kind === 'transient') {
      ledger.upsert(conn, { ...base, outcome: 'transient' });
      return {
        answer: { type: 'RSErrorRsp', transactionId: req.transactionId, status: { code: 3000, text: `Server error (simulated, submit ${previous + 1})` } },
        owes: undefined,
      };
    }
    const row: SubmissionRow = {
      ...base, outcome: 'accepted', carrier_id: `SBX${randomBytes(12).toString('hex').toUpperCase()}`,
      request_ct: raw.contentType, request_body: raw.body,
      report_status: verdict.report, report_due_at: verdict.report ? now + reportDelayMs : null,
    };
    ledger.upsert(conn, row);
    return { answer: submitRsp(req, 1000, 'Success', row.carrier_id!), owes: verdict.report ? row : undefined };
  });
}

function submitRsp(req: Mm7SubmitReq, code: number, text: string, messageId?: string, details?: string): Mm7Message {
  return { type: 'SubmitRsp', transactionId: req.transactionId, status: { code, text, ...(details ? { details } : {}) }, ...(messageId ? { messageId } : {}) };
}

/** Where the simulated MMSC sends its DeliveryReportReq: porm's MM7 endpoint for this carrier. */
export interface ReportTarget {
  url: string;
  username: string;
  password: string;
}
