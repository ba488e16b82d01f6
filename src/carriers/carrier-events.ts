import type { Channel } from './carrier.ts';

// The one sink every transport hands its carrier-originated events to, whatever carries them:
// an HTTP request (MM7), a socket PDU (SMPP) or a mail (MM4). Nothing here names a protocol,
// so that a connector maps its own wire format onto these shapes and nothing else.

/** A delivery report, as every connector hands it to porm's one ingestion path. */
export interface DeliveryReport {
  /** The connector's name (the key in `carriers`), not its type. */
  carrier: string;
  carrierMessageId: string;
  outcome: 'delivered' | 'undelivered';
  /** The carrier's own status word or code, kept for the timeline. */
  carrierStatus?: string;
  description?: string;
  at: number;
}

/** A message from a handset (mobile-originated), with its parts already decoded. */
export interface InboundMessage {
  carrier: string;
  channel: Channel;
  from: string;
  to: string;
  subject: string | null;
  text: string;
  attachments: Array<{ contentType: string; data: Buffer; filename: string | null }>;
  /** The carrier's id of the message this one answers, when it says. */
  linkedId: string | null;
  /** Identifies the carrier's request; a request with the same key is a repeat of the same message. */
  dedupeKey: string | null;
}

/** The recipient read (or deleted unread) a message porm sent. Changes no status; noted on the timeline. */
export interface ReadReport {
  carrier: string;
  carrierMessageId: string;
  outcome: 'read' | 'deleted-unread' | 'unknown';
  at: number;
}

/**
 * Each call resolves once the event is durably recorded; a rejection means it was not, and the
 * connector should make its peer retry (an MM7 server error, an SMPP deliver_sm_resp with an error).
 */
export interface CarrierEvents {
  deliveryReport(report: DeliveryReport): Promise<void>;
  /** Resolves with the id porm stored the message under (the same id again for a repeat). */
  inbound(message: InboundMessage): Promise<{ id: string }>;
  readReport(report: ReadReport): Promise<void>;
}
