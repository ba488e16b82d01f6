// How porm reads the MMSC's answer to an m-send-req: the HTTP status, the body's type and the
// m-send-conf's X-Mms-Response-Status (OMA-MMS-ENC §7.3.48, mms-wire.md §1.5), mapped to
// porm's submit outcomes. Pure.
import { decodePdu, isPduError } from '../../mms/pdu/index.ts';
import type { SubmitResult } from '../carrier.ts';

export interface Mm1Answer {
  status: number;
  contentType: string | undefined;
  body: Buffer;
  retryAfterMs: number | undefined;
}

const DEFAULT_THROTTLE_MS = 1000;
const hex = (code: number): string => `0x${code.toString(16).toUpperCase()}`;

/** Status names, for messages (the MMSC's own text is added when it sends one). */
const STATUS_NAMES: Record<number, string> = {
  0x80: 'Ok', 0x81: 'Error-unspecified', 0x82: 'Error-service-denied', 0x83: 'Error-message-format-corrupt',
  0x84: 'Error-sending-address-unresolved', 0x85: 'Error-message-not-found', 0x86: 'Error-network-problem',
  0x87: 'Error-content-not-accepted', 0x88: 'Error-unsupported-message',
  0xc0: 'Error-transient-failure', 0xc1: 'Error-transient-sending-address-unresolved', 0xc2: 'Error-transient-message-not-found',
  0xc3: 'Error-transient-network-problem', 0xc4: 'Error-transient-partial-success',
  0xe0: 'Error-permanent-failure', 0xe1: 'Error-permanent-service-denied', 0xe2: 'Error-permanent-message-format-corrupt',
  0xe3: 'Error-permanent-sending-address-unresolved', 0xe4: 'Error-permanent-message-not-found',
  0xe5: 'Error-permanent-content-not-accepted', 0xe6: 'Error-permanent-reply-charging-limitations-not-met',
  0xe7: 'Error-permanent-reply-charging-request-not-accepted', 0xe8: 'Error-permanent-reply-charging-forwarding-denied',
  0xe9: 'Error-permanent-reply-charging-not-supported', 0xea: 'Error-permanent-address-hiding-not-supported',
  0xeb: 'Error-permanent-lack-of-prepaid',
};

export function responseStatusName(code: number): string {
  if (STATUS_NAMES[code] !== undefined) return STATUS_NAMES[code];
  if (code >= 0xc0 && code <= 0xdf) return 'Error-transient-failure (unassigned code)';
  return 'Error-permanent-failure (unassigned code)';
}

/**
 * `transactionId`: what porm sent; an m-send-conf for another transaction is not this message's
 * answer (a proxy mixing up connections), so it is not taken as acceptance.
 */
export function interpretAnswer(carrier: string, transactionId: string, answer: Mm1Answer): SubmitResult {
  const { status } = answer;
  const who = `MMSC ${carrier}`;
  if (status === 401 || status === 403 || status === 407) {
    return { outcome: 'permanent', errorCode: 'PORM_MM1_AUTH_FAILED', message: `${who} ${status === 407 ? 'proxy ' : ''}refused porm (HTTP ${status})`, carrierCode: String(status) };
  }
  if (status === 429 || status === 503) {
    return { outcome: 'throttled', retryAfterMs: answer.retryAfterMs ?? DEFAULT_THROTTLE_MS, message: `${who} is throttling (HTTP ${status})` };
  }
  if (status >= 500) return { outcome: 'transient', message: `${who} answered HTTP ${status}`, carrierCode: String(status) };
  const type = (answer.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (looksLikeMarkup(type, answer.body)) {
    // A portal or proxy error page: wrong URL or APN, or a gateway having a bad moment. Retried, then failed with a clear code.
    return { outcome: 'transient', message: `${who} answered HTTP ${status} with ${type || 'a body'} that is HTML, not an MMS PDU`, exhaustedCode: 'PORM_MM1_NOT_MMS', carrierCode: String(status) };
  }
  if (status < 200 || status >= 300) {
    return { outcome: 'permanent', errorCode: 'PORM_MM1_REJECTED', message: `${who} refused the m-send-req (HTTP ${status})`, carrierCode: String(status) };
  }
  let pdu;
  try {
    pdu = decodePdu(answer.body).pdu;
  } catch (err) {
    const why = isPduError(err) ? `${err.code}: ${err.message}` : String(err);
    return { outcome: 'transient', message: `${who} answered HTTP ${status} with a body that is not an MMS PDU (${type || 'no content type'}; ${why})`, exhaustedCode: 'PORM_MM1_BAD_RESPONSE' };
  }
  if (pdu.messageType !== 'm-send-conf') {
    return { outcome: 'transient', message: `${who} answered the m-send-req with ${pdu.messageType}`, exhaustedCode: 'PORM_MM1_BAD_RESPONSE' };
  }
  if (pdu.transactionId !== undefined && pdu.transactionId !== transactionId) {
    return { outcome: 'transient', message: `${who} answered with the m-send-conf of transaction ${JSON.stringify(pdu.transactionId)}, not ${JSON.stringify(transactionId)}`, exhaustedCode: 'PORM_MM1_BAD_RESPONSE' };
  }
  const code = pdu.responseStatus;
  if (code === undefined) return { outcome: 'transient', message: `${who} sent an m-send-conf without X-Mms-Response-Status`, exhaustedCode: 'PORM_MM1_BAD_RESPONSE' };
  const text = `${who}: ${hex(code)} ${responseStatusName(code)}${pdu.responseText ? ` (${pdu.responseText})` : ''}`;
  const carrierCode = hex(code);
  if (code === 0x80) {
    // MMS 1.0 MMSCs may omit the Message-ID; the transaction id then names the message (reports cannot be matched).
    return { outcome: 'accepted', carrierMessageId: pdu.messageId ?? `tid:${transactionId}`, duplicate: false };
  }
  if ((code >= 0xc0 && code <= 0xdf) || code === 0x86) return { outcome: 'transient', message: text, carrierCode, exhaustedCode: 'PORM_CARRIER_UNAVAILABLE' };
  if (code === 0xe1 || code === 0x82) return { outcome: 'permanent', errorCode: 'PORM_MM1_SERVICE_DENIED', message: text, carrierCode };
  return { outcome: 'permanent', errorCode: 'PORM_MM1_REJECTED', message: text, carrierCode };
}

function looksLikeMarkup(type: string, body: Buffer): boolean {
  if (type === 'text/html' || type === 'application/xhtml+xml' || type === 'text/vnd.wap.wml') return true;
  // Many gateways send their error page as application/vnd.wap.mms-message or with no type at all.
  const head = body.subarray(0, 64).toString('latin1').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<?xml') || head.startsWith('<wml');
}
