import type { Mm7DeliveryMmStatus } from '../../mms/mm7/index.ts';

// What porm (the API, or the `porm sandbox` CLI in another process) asks a running sandbox MMSC
// to do on its control endpoint, as the handset or the far network would: JSON over loopback,
// `Authorization: Bearer <control secret>`. The MMSC then speaks MM7 to porm like a carrier.

/** POST /control/deliver: a handset sent an MMS; the MMSC delivers it to porm as a DeliverReq. */
export interface DeliverOrder {
  from: string;
  to: string;
  subject: string | null;
  text: string;
  parts: Array<{ contentType: string; filename: string; base64: string }>;
}

/** POST /control/report: the network gives up on a message the MMSC accepted (DeliveryReportReq). */
export interface ReportOrder {
  carrierMessageId: string;
  mmStatus: Mm7DeliveryMmStatus;
  statusText: string;
}

/** How porm's MM7 endpoint answered the request the MMSC sent it. */
export interface ControlAnswer {
  transactionId: string;
  status: { code: number; text: string | null; details: string | null };
}

/** A refusal of the control endpoint itself (HTTP 4xx/5xx with this body). */
export interface ControlRefusal {
  error: 'unauthorized' | 'bad_request' | 'no_target' | 'unknown_message' | 'peer_failed';
  message: string;
}

/** Upper bound of a control request: the media of one reply, base64, with room for the JSON. */
export const MAX_CONTROL_BODY = 12 * 1024 * 1024;
