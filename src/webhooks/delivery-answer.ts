import type { Db } from '../store/schema.ts';

// Most receivers' answers mean nothing beyond their status code. A number's Twilio-style
// webhook answers with TwiML, which porm acts on: the delivery job hands every attempt's answer
// to such a handler, and commits the write it returns with the attempt's own record.

/** One attempt's answer (or the error that stood for it). */
export interface DeliveryAnswer {
  deliveryId: string;
  accountId: string;
  dialect: string;
  subject: { kind: string; id: string };
  attempt: number;
  /** True when no further attempt follows (a 2xx, or given up). */
  last: boolean;
  /** Null when no HTTP answer came (a timeout, a refused connection, a blocked address). */
  response: { status: number; contentType: string | null; body: Buffer } | null;
  error: string | null;
}

/** Runs in the unit that settles the delivery job (so a stale worker's write never commits). */
export type AnswerWrite = (tx: Db) => Promise<void>;

/** Reads an answer; returns what to write with the attempt, or null for an answer it does not read. */
export type WebhookAnswerHandler = (answer: DeliveryAnswer) => Promise<AnswerWrite | null>;
