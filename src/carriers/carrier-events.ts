import type { Channel } from './carrier.ts';
import type { SmsSubmitProgress } from './sms-submit-progress.ts';

// The one sink every transport hands its carrier-originated events to, whatever carries them:
// an HTTP request (MM7), a socket PDU (SMPP) or a mail (MM4). Nothing here names a protocol,
// so that a connector maps its own wire format onto these shapes and nothing else.

/** A delivery report, as every connector hands it to porm's one ingestion path. */
export interface DeliveryReport {
  /** The connector's name (the key in `carriers`), not its type. */
  carrier: string;
  carrierMessageId: string;
  /** `failed`: the carrier refused it outright (SMPP REJECTD); `undelivered`: it could not reach the handset. */
  outcome: 'delivered' | 'undelivered' | 'failed';
  /** The carrier's own status word or code, kept for the timeline. */
  carrierStatus?: string;
  description?: string;
  at: number;
  /** The carrier's error code (SMPP `err:` / network_error_code), kept for the timeline. */
  errorCode?: string;
  /**
   * SMS: the report is for one segment, named by its SMSC id in whatever form the SMSC wrote it
   * (hex or decimal, any case, leading zeros); matched against every segment porm recorded.
   */
  segment?: true;
}

/** One part of a concatenated SMS from a handset; complete messages go to `inbound`. */
export interface InboundPart {
  carrier: string;
  from: string;
  to: string;
  /** Identifies the whole message among others between the same numbers (reference and its width). */
  reference: string;
  total: number;
  /** 1-based. */
  sequence: number;
  /** The alphabet of the user data (src/sms/text data-coding), so the joined payload decodes once. */
  alphabet: 'gsm7' | 'ucs2' | 'ascii' | 'latin1' | 'binary';
  /** User data without the UDH. */
  payload: Buffer;
  /**
   * The UDH's destination application port (TS 23.040 §9.2.3.24.3/.4), when it names one: parts
   * to port 2948 (WAP Push) are joined into a `wapPush`, not an inbound text.
   */
  port?: number;
}

/**
 * Binary user data an SMS connector received for an application port rather than a person:
 * WAP Push (port 2948), reassembled when it came in parts. Handed over as bytes; whoever owns
 * the port (the mm1 connectors, for MMS reports) decodes it.
 */
export interface WapPush {
  /** The SMS connector's name. */
  carrier: string;
  from: string;
  /** The number the SMS was sent to (an mm1 carrier's SIM). */
  to: string;
  port: number;
  /** The WSP PDU: user data without the UDH, parts joined. */
  payload: Buffer;
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
  /**
   * Stores one part durably (a repeat is ignored); when the message is complete it is stored as
   * one inbound message, whose id is returned. Absent where a process takes no SMS.
   */
  inboundPart?(part: InboundPart): Promise<{ id: string | null }>;
  /**
   * Where an SMS connector keeps which segments of a concatenated message the SMSC already took,
   * durably, so a retry (or the process after a crash) resubmits only the rest. Absent: memory.
   */
  smsProgress?: SmsSubmitProgress;
  /**
   * An SMS to the WAP Push port. Resolves once it is dealt with (its reports recorded, or it
   * was found unusable and logged); a rejection makes the SMSC resend. Absent: none taken.
   */
  wapPush?(push: WapPush): Promise<void>;
}
