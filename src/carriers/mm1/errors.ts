import { defineErrors } from '../../error-def.ts';

// Error codes of the `mm1` connector (an MMSC reached as a handset: m-send-req over HTTP) and of
// the WAP Push delivery/read reports it receives through an SMS connector. Stable: never rename.
export const mm1Errors = defineErrors({
  PORM_MM1_SENDER_MISMATCH: {
    status: 422,
    title: 'Sender is not the MM1 account\'s number',
    description: 'An MMSC reached over MM1 sends every message from the SIM\'s own number (the `msisdn` of the mm1 carrier); a message from another number cannot go over this route. Route that sender elsewhere or send from the msisdn.',
  },
  PORM_MM1_ENCODE_FAILED: {
    status: 422,
    title: 'Message cannot be written as an m-send-req',
    description: 'porm could not encode the message as an MM1 m-send-req PDU (for example a recipient that is neither a phone number nor an e-mail address).',
  },
  PORM_MM1_REJECTED: {
    status: 422,
    title: 'Rejected by the MMSC (MM1)',
    description: 'The MMSC answered the m-send-req with a permanent X-Mms-Response-Status (0xE0-0xFF, or an obsolete MMS 1.0 error); the status and its text are on the message. Not retried.',
  },
  PORM_MM1_SERVICE_DENIED: {
    status: 403,
    title: 'MMSC denied the service (MM1)',
    description: 'The MMSC answered Error-permanent-service-denied (0xE1 or 0x82): the SIM\'s subscription does not allow sending MMS, or the MMSC does not know it.',
  },
  PORM_MM1_AUTH_FAILED: {
    status: 502,
    title: 'MMSC or proxy refused porm (MM1)',
    description: 'The MMSC answered HTTP 401/403, or the WAP/HTTP proxy 407: MMSCs admit only requests from their own network (APN) or with the proxy credentials they expect. Check mmscUrl and proxy.',
  },
  PORM_MM1_NOT_MMS: {
    status: 502,
    title: 'MMSC did not answer with an MMS PDU',
    description: 'The MMSC URL answered with HTML or another non-MMS body (a portal page, a wrong URL, a proxy error page), on every attempt. Check mmscUrl and proxy.',
  },
  PORM_MM1_BAD_RESPONSE: {
    status: 502,
    title: 'Unreadable answer from the MMSC (MM1)',
    description: 'The MMSC\'s answer claimed to be an MMS PDU but was not a readable m-send-conf for this request (corrupt, another PDU type, or another transaction), on every attempt.',
  },
  PORM_MM1_PUSH_MALFORMED: {
    status: 400,
    title: 'Malformed WAP Push',
    description: 'An SMS to port 2948 did not hold a WSP Push PDU porm can read (truncated headers or an undecodable MMS PDU).',
  },
  PORM_MM1_PUSH_NOT_MMS: {
    status: 400,
    title: 'WAP Push is not for MMS',
    description: 'The WAP Push carries another content type than application/vnd.wap.mms-message (a Service Indication, OMA provisioning, …): not an MMS report.',
  },
  PORM_MM1_PUSH_UNROUTED: {
    status: 400,
    title: 'WAP Push for no mm1 carrier',
    description: 'An SMS to port 2948 (WAP Push) arrived for a number that is no mm1 carrier\'s `msisdn`, or through another SMS connector than the one that carrier\'s `reportsVia` names. It is logged and dropped, never taken as an inbound text.',
  },
});

export type Mm1ErrorCode = keyof typeof mm1Errors;
