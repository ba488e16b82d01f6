// The typed, plain-object model of an MM1 PDU (OMA-MMS-ENC 1.0-1.3). Header names are the
// spec's field names in camelCase; enumerations use lower-case spec names, except the status
// codes, which stay numeric because receivers must interpret unknown codes by range (§1.5).

export const MESSAGE_TYPE_CODES = {
  'm-send-req': 0x80,
  'm-send-conf': 0x81,
  'm-notification-ind': 0x82,
  'm-notifyresp-ind': 0x83,
  'm-retrieve-conf': 0x84,
  'm-acknowledge-ind': 0x85,
  'm-delivery-ind': 0x86,
  'm-read-rec-ind': 0x87,
  'm-read-orig-ind': 0x88,
  'm-forward-req': 0x89,
  'm-forward-conf': 0x8a,
  'm-mbox-store-req': 0x8b,
  'm-mbox-store-conf': 0x8c,
  'm-mbox-view-req': 0x8d,
  'm-mbox-view-conf': 0x8e,
  'm-mbox-upload-req': 0x8f,
  'm-mbox-upload-conf': 0x90,
  'm-mbox-delete-req': 0x91,
  'm-mbox-delete-conf': 0x92,
  'm-mbox-descr': 0x93,
  'm-delete-req': 0x94,
  'm-delete-conf': 0x95,
  'm-cancel-req': 0x96,
  'm-cancel-conf': 0x97,
} as const;

export type MessageType = keyof typeof MESSAGE_TYPE_CODES;

/** Absolute date or seconds relative to the time the PDU is received (Expiry, Delivery-Time, …). */
export type TimeValue = { kind: 'absolute'; date: Date } | { kind: 'relative'; seconds: number };

/** `insert`: the Insert-address-token (`89 01 81`), asking the MMSC to fill in the sender. */
export type FromValue = { kind: 'insert' } | { kind: 'address'; address: string };

export type Priority = 'low' | 'normal' | 'high';
export type SenderVisibility = 'hide' | 'show';
export type MmsStatus =
  | 'expired' | 'retrieved' | 'rejected' | 'deferred' | 'unrecognised' | 'indeterminate' | 'forwarded' | 'unreachable';
export type ReadStatus = 'read' | 'deleted-without-being-read';
export type ReplyCharging = 'requested' | 'requested-text-only' | 'accepted' | 'accepted-text-only';
export type MmState = 'draft' | 'sent' | 'new' | 'retrieved' | 'forwarded';
export type ContentClass =
  | 'text' | 'image-basic' | 'image-rich' | 'video-basic' | 'video-rich' | 'megapixel' | 'content-basic' | 'content-rich';
export type CancelStatus = 'received' | 'corrupted';
export type RetrievalMode = 'manual';

export interface ForwardEntry<T> {
  /** Forward-counter: how many times the message had been forwarded at that point. */
  count: number;
  value: T;
}
export interface MmFlag { op: 'add' | 'remove' | 'filter'; flag: string }
export interface MboxCount { kind: 'messages' | 'size'; value: number }

/** A header porm does not model, or whose value it could not read: kept so it can be re-sent. */
export type ExtraHeader =
  | { kind: 'binary'; code: number; value: Uint8Array }
  | { kind: 'text'; name: string; value: string };

/** Every MMS header except Message-Type, MMS-Version and Content-Type (those live on Pdu). */
export interface PduHeaders {
  transactionId?: string;
  bcc?: string[];
  cc?: string[];
  contentLocation?: string;
  date?: Date;
  deliveryReport?: boolean;
  deliveryTime?: TimeValue;
  expiry?: TimeValue;
  from?: FromValue;
  /** personal | advertisement | informational | auto, or any Token-text a peer sent. */
  messageClass?: string;
  messageId?: string;
  messageSize?: number;
  priority?: Priority;
  readReport?: boolean;
  reportAllowed?: boolean;
  responseStatus?: number;
  responseText?: string;
  senderVisibility?: SenderVisibility;
  status?: MmsStatus;
  subject?: string;
  to?: string[];
  retrieveStatus?: number;
  retrieveText?: string;
  readStatus?: ReadStatus;
  replyCharging?: ReplyCharging;
  replyChargingDeadline?: TimeValue;
  replyChargingId?: string;
  replyChargingSize?: number;
  previouslySentBy?: ForwardEntry<string>[];
  previouslySentDate?: ForwardEntry<Date>[];
  store?: boolean;
  mmState?: MmState;
  mmFlags?: MmFlag[];
  storeStatus?: number;
  storeStatusText?: string;
  stored?: boolean;
  /** Header codes (e.g. 0x96 for Subject) an m-mbox-view-req asks for. */
  attributes?: number[];
  totals?: boolean;
  mboxTotals?: MboxCount[];
  quotas?: boolean;
  mboxQuotas?: MboxCount[];
  messageCount?: number;
  start?: number;
  distributionIndicator?: boolean;
  limit?: number;
  recommendedRetrievalMode?: RetrievalMode;
  recommendedRetrievalModeText?: string;
  statusText?: string;
  applicId?: string;
  replyApplicId?: string;
  auxApplicInfo?: string;
  contentClass?: ContentClass;
  drmContent?: boolean;
  adaptationAllowed?: boolean;
  replaceId?: string;
  cancelId?: string;
  cancelStatus?: CancelStatus;
}

/** Content-Type parameters porm understands, shared by the message and its parts. */
export interface ContentParams {
  /** IANA charset name in lower case (`utf-8`), `*` for Any-charset, `mib-N` for an unlisted MIBenum. */
  charset?: string;
  /** multipart/related `type` (e.g. `application/smil`). */
  type?: string;
  /** multipart/related `start`: the Content-ID of the root part, without `<>`. */
  start?: string;
  name?: string;
  filename?: string;
  /** Q-value (WSP §8.4.2.3), 0 to 0.999 in steps of 0.001. */
  q?: number;
  /** Any other parameter, by lower-case name. */
  params?: Record<string, string>;
}

export interface ContentType extends ContentParams {
  mediaType: string;
}

export interface Disposition {
  type: 'form-data' | 'attachment' | 'inline';
  /** The filename parameter, or the name parameter when there is no filename. */
  filename?: string;
  /** The name parameter when a filename is there too. */
  name?: string;
  charset?: string;
  /** Any other parameter (size, creation-date, …), by lower-case name, as in ContentParams. */
  params?: Record<string, string>;
}

export interface Part extends ContentParams {
  contentType: string;
  /** Without the `<>` the wire form carries; the encoder adds them. */
  contentId?: string;
  contentLocation?: string;
  disposition?: Disposition;
  /** Other part headers, kept as read. */
  headers?: ExtraHeader[];
  data: Uint8Array;
  /** Set when this part is itself a WSP multipart (then `data` is empty). */
  parts?: Part[];
}

export interface Pdu extends PduHeaders {
  messageType: MessageType;
  /** `major.minor`, e.g. `1.2`. */
  mmsVersion: string;
  contentType?: ContentType;
  /** The parts of a WSP multipart body (application/vnd.wap.multipart.*). */
  parts?: Part[];
  /** A body that is not a WSP multipart (e.g. a bare text/plain), as raw octets. */
  body?: Uint8Array;
  extraHeaders?: ExtraHeader[];
}
