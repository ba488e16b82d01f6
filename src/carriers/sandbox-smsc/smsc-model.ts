// What the sandbox SMSC is given and what it tells: its options, the bounds on its history, and
// the records of what it received (submissions, receipt attempts, MO results). Kept apart from
// the server (sandbox-smsc.ts) so that readers of these shapes need not read the server.
import type { Logger } from 'pino';
import type { Clock } from '../../clock.ts';
import type { Address, Tlv } from '../../sms/pdu/index.ts';
import type { ReceiptStat } from './receipt-pdu.ts';

export interface SmscCredentials {
  systemId: string;
  password: string;
}

export interface SandboxSmscOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** The ESMEs allowed to bind; make the password up per run. */
  credentials: SmscCredentials | readonly SmscCredentials[];
  /** How long after an accepted submit its delivery receipt is sent (default 1000 ms). */
  deliveryDelayMs?: number;
  /** How long the SMSC waits for a deliver_sm_resp (default 10 s) before it tries again later. */
  responseTimeoutMs?: number;
  /** Pause before a receipt that was refused, timed out or found no receiver is offered again (default 1000 ms). */
  receiptRetryMs?: number;
  maxPduLength?: number;
  /** Listen with TLS (SMPP over TLS) with this PEM key and certificate. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** How much history the SMSC keeps (it runs inside porm for campaigns of millions). */
  keep?: SandboxSmscKeep;
  clock?: Clock;
  log?: Logger;
}

/**
 * Bounds on what the sandbox SMSC remembers, so its memory stays flat however many messages go
 * through it. Receipts still owed are always kept until the ESME takes them; these caps bound
 * only history.
 */
export interface SandboxSmscKeep {
  /** Newest submit_sm / data_sm kept in `submissions`, and receipt attempts in `receiptAttempts` (default 10 000). */
  submissions?: number;
  /** Accepted messages kept once their fate is final (receipt taken, or none asked for), for query_sm and report() (default 10 000). */
  finishedMessages?: number;
  /**
   * Distinct messages whose submit count is remembered, the first submitted forgotten first: the
   * test numbers that refuse the first tries count resubmits within this many messages (default 100 000).
   */
  resubmitCounts?: number;
}

export const DEFAULT_SMSC_KEEP = { submissions: 10_000, finishedMessages: 10_000, resubmitCounts: 100_000 } as const satisfies Required<SandboxSmscKeep>;

/** One submit_sm / data_sm as the SMSC received it, whatever it answered. Nothing is deduplicated. */
export interface SmsSubmission {
  /** Clock time (ms) the PDU was read. */
  readonly at: number;
  readonly session: number;
  readonly systemId: string;
  readonly command: 'submit_sm' | 'data_sm';
  readonly sequenceNumber: number;
  /** command_status of the answer: 0 accepted, else the refusal (ESME_RTHROTTLED, ...). */
  readonly status: number;
  readonly messageId: string | null;
  /** E.164 where the address is an international number. */
  readonly from: string;
  readonly to: string;
  readonly source: Address;
  readonly destination: Address;
  readonly esmClass: number;
  readonly dataCoding: number;
  readonly registeredDelivery: number;
  /** validity_period as sent ('' for the SMSC's default). */
  readonly validityPeriod: string;
  /** When the SMSC gives up on the message (clock ms), from validity_period; null: never. */
  readonly expiresAt: number | null;
  /** short_message, or the message_payload TLV when short_message is empty. */
  readonly content: Buffer;
  /** The text as a handset would show it (best effort; binary data codings give ''). */
  readonly text: string;
  readonly tlvs: readonly Tlv[];
  /** 1 for the first submission of this content from this source to this destination, 2 for the next, ... */
  readonly attempt: number;
}

/** One attempt to hand a receipt to the ESME. */
export interface SmsReceiptAttempt {
  readonly at: number;
  readonly messageId: string;
  readonly stat: ReceiptStat;
  readonly session: number | null;
  /** deliver_sm_resp command_status, or why no answer came. */
  readonly outcome: number | 'no_receiver' | 'timeout' | 'closed';
}

export interface MoResult {
  /** Per part sent: the ESME's deliver_sm_resp status and message_id. */
  readonly parts: ReadonlyArray<{ status: number; messageId: string | null }>;
}
