import type { MimePart } from './mime-part.ts';

// The typed MM7 model: one plain object per message type, field names in camelCase after the
// element names of 3GPP TS 23.140 (Rel-6 schema). Dates stay xs:dateTime strings so that a parsed
// time zone survives a round trip; use formatMm7DateTime() to make one from a Date.

export type Mm7AddressKind = 'Number' | 'RFC2822Address' | 'ShortCode';

export interface Mm7Address {
  readonly kind: Mm7AddressKind;
  readonly value: string;
  /** Recipients only: shown to the other recipients but not delivered to. */
  readonly displayOnly?: boolean;
  readonly addressCoding?: 'encrypted' | 'obfuscated';
  readonly id?: string;
}

export interface Mm7Recipients {
  readonly to?: readonly Mm7Address[];
  readonly cc?: readonly Mm7Address[];
  readonly bcc?: readonly Mm7Address[];
}

export interface Mm7SenderIdentification {
  readonly vaspId?: string;
  readonly vasId?: string;
  readonly senderAddress?: Mm7Address;
}

export interface Mm7Status {
  /** 1000 success, 1100 partial, 2xxx client, 3xxx server, 4xxx general (status-codes.ts). */
  readonly code: number;
  /** Free text; the builder fills in the standard text of the code when absent. */
  readonly text?: string;
  /** Text content of the Details element, when the peer sent one. */
  readonly details?: string;
}

/** The MM content: the Content element's attributes plus the MIME part it points at. */
export interface Mm7Content {
  /** `cid:...` as received; the builder derives it from part.contentId when absent. */
  readonly href?: string;
  readonly allowAdaptations?: boolean;
  readonly part: MimePart;
}

export type Mm7MessageClass = 'Personal' | 'Informational' | 'Advertisement' | 'Auto';
export type Mm7Priority = 'Low' | 'Normal' | 'High';
export type Mm7ChargedParty = 'Sender' | 'Recipient' | 'Both' | 'Neither' | 'ThirdParty';
export type Mm7ContentClass =
  | 'text'
  | 'image-basic'
  | 'image-rich'
  | 'video-basic'
  | 'video-rich'
  | 'megapixel'
  | 'content-basic'
  | 'content-rich';

/** MMStatus of a DeliveryReportReq. */
export type Mm7DeliveryMmStatus =
  | 'Expired'
  | 'Retrieved'
  | 'Rejected'
  | 'Deferred'
  | 'Indeterminate'
  | 'Forwarded'
  | 'Unrecognised'
  | 'DeliveryConditionNotMet';

/** MMStatus of a ReadReplyReq. */
export type Mm7ReadMmStatus = 'Read' | 'Deleted' | 'Indeterminate';

export interface Mm7ReplyCharging {
  readonly replyChargingSize?: number;
  /** xs:dateTime or xs:duration. */
  readonly replyDeadline?: string;
}

export interface Mm7UaCapabilities {
  readonly uaProf?: string;
  readonly timeStamp?: string;
}

export interface Mm7Common {
  /** SOAP header TransactionID: correlates a request with its response, nothing else. */
  readonly transactionId: string;
  /** MM7Version element; the builder uses the carrier option when absent. */
  readonly mm7Version?: string;
}

export interface Mm7ApplicIds {
  readonly applicId?: string;
  readonly replyApplicId?: string;
  readonly auxApplicInfo?: string;
}

export interface Mm7SubmitReq extends Mm7Common, Mm7ApplicIds {
  readonly type: 'SubmitReq';
  readonly senderIdentification: Mm7SenderIdentification;
  readonly recipients: Mm7Recipients;
  readonly serviceCode?: string;
  readonly linkedId?: string;
  readonly messageClass?: Mm7MessageClass;
  readonly timeStamp?: string;
  readonly replyCharging?: Mm7ReplyCharging;
  /** xs:dateTime or xs:duration (relative). */
  readonly earliestDeliveryTime?: string;
  /** xs:dateTime or xs:duration (relative). */
  readonly expiryDate?: string;
  readonly deliveryReport?: boolean;
  readonly readReply?: boolean;
  readonly priority?: Mm7Priority;
  readonly subject?: string;
  readonly chargedParty?: Mm7ChargedParty;
  readonly chargedPartyId?: string;
  readonly distributionIndicator?: boolean;
  readonly deliveryCondition?: readonly number[];
  readonly contentClass?: Mm7ContentClass;
  readonly drmContent?: boolean;
  readonly content?: Mm7Content;
}

export interface Mm7SubmitRsp extends Mm7Common, Mm7ApplicIds {
  readonly type: 'SubmitRsp';
  readonly status: Mm7Status;
  readonly messageId?: string;
}

/** Fields every relay-server-originated request starts with. */
export interface Mm7RsHeader {
  readonly vaspId?: string;
  readonly vasId?: string;
  readonly mmsRelayServerId?: string;
}

export interface Mm7DeliverReq extends Mm7Common, Mm7RsHeader, Mm7ApplicIds {
  readonly type: 'DeliverReq';
  readonly linkedId?: string;
  /** Required by the schema and by the builder; a parsed DeliverReq may lack it (warning mm7.no-sender). */
  readonly sender?: Mm7Address;
  readonly recipients?: Mm7Recipients;
  readonly senderSpi?: string;
  readonly recipientSpi?: string;
  readonly timeStamp?: string;
  readonly replyChargingId?: string;
  readonly priority?: Mm7Priority;
  readonly subject?: string;
  readonly uaCapabilities?: Mm7UaCapabilities;
  readonly content?: Mm7Content;
}

export interface Mm7DeliverRsp extends Mm7Common {
  readonly type: 'DeliverRsp';
  readonly status: Mm7Status;
  readonly serviceCode?: string;
}

export interface Mm7DeliveryReportReq extends Mm7Common, Mm7RsHeader, Mm7ApplicIds {
  readonly type: 'DeliveryReportReq';
  readonly messageId: string;
  readonly recipient: Mm7Address;
  readonly sender: Mm7Address;
  readonly date: string;
  readonly mmStatus: Mm7DeliveryMmStatus;
  /** Rel-6, e.g. RejectionByMMSRecipient, RejectionByOtherRS. */
  readonly mmStatusExtension?: string;
  readonly statusText?: string;
  readonly uaCapabilities?: Mm7UaCapabilities;
}

export interface Mm7DeliveryReportRsp extends Mm7Common {
  readonly type: 'DeliveryReportRsp';
  readonly status: Mm7Status;
}

export interface Mm7ReadReplyReq extends Mm7Common, Mm7RsHeader, Mm7ApplicIds {
  readonly type: 'ReadReplyReq';
  readonly messageId: string;
  readonly recipient: Mm7Address;
  readonly sender: Mm7Address;
  readonly timeStamp: string;
  readonly mmStatus: Mm7ReadMmStatus;
  readonly statusText?: string;
}

export interface Mm7ReadReplyRsp extends Mm7Common {
  readonly type: 'ReadReplyRsp';
  readonly status: Mm7Status;
}

export interface Mm7CancelReq extends Mm7Common {
  readonly type: 'CancelReq';
  readonly senderIdentification: Mm7SenderIdentification;
  readonly messageId: string;
}

export interface Mm7CancelRsp extends Mm7Common {
  readonly type: 'CancelRsp';
  readonly status: Mm7Status;
}

export interface Mm7ReplaceReq extends Mm7Common {
  readonly type: 'ReplaceReq';
  readonly senderIdentification: Mm7SenderIdentification;
  readonly messageId: string;
  readonly serviceCode?: string;
  readonly timeStamp?: string;
  readonly readReply?: boolean;
  readonly earliestDeliveryTime?: string;
  readonly distributionIndicator?: boolean;
  readonly contentClass?: Mm7ContentClass;
  readonly drmContent?: boolean;
  readonly content?: Mm7Content;
}

export interface Mm7ReplaceRsp extends Mm7Common {
  readonly type: 'ReplaceRsp';
  readonly status: Mm7Status;
}

/** SOAP 1.1 Fault carrying RSErrorRsp (relay server -> VASP) or VASPErrorRsp (VASP -> relay server). */
export interface Mm7ErrorRsp extends Mm7Common {
  readonly type: 'RSErrorRsp' | 'VASPErrorRsp';
  readonly status: Mm7Status;
  /** Always set when parsed; when building, defaults to Client for 2xxx codes and Server otherwise. */
  readonly fault?: Mm7FaultInfo;
}

export interface Mm7FaultInfo {
  /** Local part of faultcode: `Client` (the request was wrong) or `Server`. */
  readonly code: string;
  readonly string: string;
  readonly actor?: string;
}

export type Mm7Message =
  | Mm7SubmitReq
  | Mm7SubmitRsp
  | Mm7DeliverReq
  | Mm7DeliverRsp
  | Mm7DeliveryReportReq
  | Mm7DeliveryReportRsp
  | Mm7ReadReplyReq
  | Mm7ReadReplyRsp
  | Mm7CancelReq
  | Mm7CancelRsp
  | Mm7ReplaceReq
  | Mm7ReplaceRsp
  | Mm7ErrorRsp;

export type Mm7MessageType = Mm7Message['type'];
