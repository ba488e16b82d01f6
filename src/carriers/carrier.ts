import type { ErrorCode } from '../errors.ts';
import type { ResolvedMedia } from '../media/media-resolver.ts';
import type { ComposeSlide } from '../mms/compose.ts';

/** The kind of message a connector carries. */
export type Channel = 'sms' | 'mms';

/** What a connector needs to submit one message. `id` is porm's message id: carriers dedupe by it. */
export interface OutboundMessage {
  id: string;
  channel: Channel;
  accountId: string;
  to: string;
  from: string;
  body: string;
  subject: string | null;
  /** The attachments with their bytes (fetched and, later, fitted to the route's limits). */
  media: ResolvedMedia[];
  expiresAt: number | null;
  /** Slides laid out by porm (a rich template's MMS form); without it, one slide per attachment. */
  slides?: ComposeSlide[];
}

export type SubmitResult =
  | { outcome: 'accepted'; carrierMessageId: string; duplicate: boolean }
  | { outcome: 'permanent'; errorCode: ErrorCode; message: string; carrierCode?: string }
  /** `exhaustedCode`: what the message fails with if this was the last attempt (default PORM_CARRIER_UNAVAILABLE). */
  | { outcome: 'transient'; message: string; carrierCode?: string; exhaustedCode?: ErrorCode }
  | { outcome: 'throttled'; retryAfterMs: number; message: string };

/** A delivery report, as every connector hands it to porm's one ingestion path. */
export interface DeliveryReport {
  carrier: string;
  carrierMessageId: string;
  outcome: 'delivered' | 'undelivered';
  carrierStatus?: string;
  description?: string;
  at: number;
}

export type DeliveryReportHandler = (report: DeliveryReport) => Promise<void>;

export interface Carrier {
  readonly name: string;
  start(): Promise<void>;
  /** `signal` aborts on shutdown; a connector that honours it rejects promptly. */
  submit(message: OutboundMessage, signal?: AbortSignal): Promise<SubmitResult>;
  /** Connects the carrier's reports to porm's ingestion path. Called once, before start(). */
  onDeliveryReport(handler: DeliveryReportHandler): void;
  close(): Promise<void>;
}
