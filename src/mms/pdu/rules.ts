// Per-PDU-type rules from OMA-MMS-ENC 1.3 §6 (summarised in mms-wire.md §1.6): which headers
// are mandatory and which types carry a body. The encoder enforces them; the decoder only
// warns about a missing Transaction-ID.
import type { MessageType, PduHeaders } from './model.ts';

type Rule = {
  required: readonly (keyof PduHeaders)[];
  /** At least one of these must be present. */
  oneOf?: readonly (keyof PduHeaders)[];
  body: 'required' | 'optional' | 'none';
};

const tid = ['transactionId'] as const;

export const RULES: Record<MessageType, Rule> = {
  'm-send-req': { required: [...tid, 'from'], oneOf: ['to', 'cc', 'bcc'], body: 'required' },
  'm-send-conf': { required: [...tid, 'responseStatus'], body: 'none' },
  'm-notification-ind': { required: [...tid, 'messageClass', 'messageSize', 'expiry', 'contentLocation'], body: 'none' },
  'm-notifyresp-ind': { required: [...tid, 'status'], body: 'none' },
  'm-retrieve-conf': { required: ['date'], body: 'required' },
  'm-acknowledge-ind': { required: [...tid], body: 'none' },
  'm-delivery-ind': { required: ['messageId', 'to', 'date', 'status'], body: 'none' },
  'm-read-rec-ind': { required: ['messageId', 'to', 'from', 'readStatus'], body: 'none' },
  'm-read-orig-ind': { required: ['messageId', 'to', 'from', 'date', 'readStatus'], body: 'none' },
  'm-forward-req': { required: [...tid, 'from', 'contentLocation'], oneOf: ['to', 'cc', 'bcc'], body: 'none' },
  'm-forward-conf': { required: [...tid, 'responseStatus'], body: 'none' },
  'm-mbox-store-req': { required: [...tid, 'contentLocation'], body: 'none' },
  'm-mbox-store-conf': { required: [...tid, 'storeStatus'], body: 'none' },
  'm-mbox-view-req': { required: [...tid], body: 'none' },
  'm-mbox-view-conf': { required: [...tid, 'responseStatus'], body: 'optional' },
  'm-mbox-upload-req': { required: [...tid], body: 'required' },
  'm-mbox-upload-conf': { required: [...tid, 'storeStatus'], body: 'none' },
  'm-mbox-delete-req': { required: [...tid, 'contentLocation'], body: 'none' },
  'm-mbox-delete-conf': { required: [...tid], body: 'none' },
  'm-mbox-descr': { required: [], body: 'optional' },
  'm-delete-req': { required: [...tid, 'contentLocation'], body: 'none' },
  'm-delete-conf': { required: [...tid], body: 'none' },
  'm-cancel-req': { required: [...tid, 'cancelId'], body: 'none' },
  'm-cancel-conf': { required: [...tid], body: 'none' },
};

/**
 * Headers that m-mbox-delete-conf carries in an indexed form (Value-length Status-count value,
 * OMA-MMS-ENC 1.2 §7.3.10 / §7.3.50) that porm does not model: the encoder refuses the plain
 * form there and the decoder keeps the indexed form in extraHeaders.
 */
export const INDEXED_IN_MBOX_DELETE_CONF = ['contentLocation', 'responseText'] as const;

/** MMS versions the encoder writes; the decoder accepts any. */
export const ENCODABLE_VERSIONS = ['1.0', '1.1', '1.2', '1.3'] as const;
