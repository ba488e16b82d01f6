import type { ErrorCode } from '../errors.ts';
import type { ResolvedMedia } from '../media/media-resolver.ts';
import type { ComposeSlide } from '../mms/compose.ts';

export type { DeliveryReport } from './carrier-events.ts';

/** What a message travels as. A connector declares the channels it serves; routes pick by it. */
export type Channel = 'sms' | 'mms';

export const CHANNELS: readonly Channel[] = ['sms', 'mms'];

/** What a connector needs to submit one message. `id` is porm's message id: carriers dedupe by it. */
export interface OutboundMessage {
  id: string;
  /** The channel the route was chosen for. */
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
  /** `segmentIds`: an SMS sent as several short messages, every one's id in order (the first is `carrierMessageId`). */
  | { outcome: 'accepted'; carrierMessageId: string; duplicate: boolean; segmentIds?: readonly string[] }
  | { outcome: 'permanent'; errorCode: ErrorCode; message: string; carrierCode?: string }
  /** `exhaustedCode`: what the message fails with if this was the last attempt (default PORM_CARRIER_UNAVAILABLE). */
  | { outcome: 'transient'; message: string; carrierCode?: string; exhaustedCode?: ErrorCode }
  | { outcome: 'throttled'; retryAfterMs: number; message: string };

/**
 * The outbound side of a connector: where messages are submitted. Reports and inbound messages
 * travel the other way, through the CarrierEvents sink the connector was built with.
 */
export interface Carrier {
  /** The connector's name: its key in `carriers`. */
  readonly name: string;
  /** The connector type that built it (`mm7`, `sandbox`, …): its key in the registry. */
  readonly type: string;
  readonly channels: readonly Channel[];
  start(): Promise<void>;
  /** `signal` aborts on shutdown; a connector that honours it rejects promptly. */
  submit(message: OutboundMessage, signal?: AbortSignal): Promise<SubmitResult>;
  close(): Promise<void>;
  /**
   * What the connector can tell of itself now: binds (SMPP) or held connections, and its
   * connection-level errors. Optional: CarrierSet wraps every carrier in a SubmitTracker that adds
   * throughput and submit errors, so a protocol without standing connections implements none.
   */
  health?(): CarrierHealth;
  /** Calls `listener` when the health changes in a way worth reporting at once (a bind up or down). */
  onHealthChange?(listener: () => void): void;
}

/** One error a connector met: a stable code and the carrier's words, never a message's content or numbers. */
export interface HealthError {
  code: string;
  message: string;
  at: number;
}

export interface CarrierHealth {
  /** Binds (SMPP) or connections up and configured; absent where the protocol holds none open. */
  binds?: { up: number; configured: number };
  /** Submits answered (any outcome) in the last minute, by this process. */
  submitsLastMinute?: number;
  /** When a submit was last accepted. */
  lastOkAt?: number;
  /** The last few errors, newest first. */
  errors?: readonly HealthError[];
}
