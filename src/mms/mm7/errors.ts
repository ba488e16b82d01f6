import { defineErrors } from '../../error-def.ts';

// Error codes of the MM7 SOAP codec. Codes are stable: never rename or reuse one.
// Two families live here: codec errors (the bytes could not be parsed or built; Mm7Error carries
// them) and carrier outcomes (the MM7 StatusCode a peer answered with, mapped in status-codes.ts).
export const mm7Errors = defineErrors({
  PORM_MM7_MALFORMED: {
    status: 400,
    title: 'Malformed MM7 request',
    description: 'An MM7 SOAP message could not be parsed: bad MIME structure, bad XML, or a required element is missing.',
  },

  // --- codec: XML ---
  PORM_MM7_XML_INVALID: {
    status: 400,
    title: 'MM7 envelope is not valid XML',
    description: 'The SOAP part is not well-formed XML, or it is not a SOAP 1.1 Envelope with a Body. Check the sender; nothing was processed.',
  },
  PORM_MM7_XML_DOCTYPE: {
    status: 400,
    title: 'DOCTYPE not allowed in MM7',
    description: 'The SOAP part contains a DOCTYPE or entity declaration. SOAP forbids them and porm rejects them outright so that entity expansion (XXE, billion laughs) can never happen.',
  },
  PORM_MM7_XML_TOO_DEEP: {
    status: 400,
    title: 'MM7 envelope nested too deeply',
    description: 'The SOAP part nests elements deeper than the configured limit (64 by default). Real MM7 envelopes need fewer than 10 levels.',
  },
  PORM_MM7_TOO_LARGE: {
    status: 413,
    title: 'MM7 message too large',
    description: 'The HTTP body or the SOAP part is larger than the configured limit (body 16 MiB, SOAP part 1 MiB by default). Raise the carrier limit or ask the sender for smaller content.',
  },
  PORM_MM7_UNKNOWN_OPERATION: {
    status: 400,
    title: 'Unknown MM7 operation',
    description: 'The SOAP Body holds an element that is not one of the MM7 operations porm speaks (SubmitReq/Rsp, DeliverReq/Rsp, DeliveryReportReq/Rsp, ReadReplyReq/Rsp, CancelReq/Rsp, ReplaceReq/Rsp, or a Fault).',
  },

  // --- codec: MIME ---
  PORM_MM7_UNSUPPORTED_CONTENT_TYPE: {
    status: 415,
    title: 'Unsupported MM7 content type',
    description: 'The HTTP Content-Type is neither text/xml (a bare SOAP envelope) nor multipart/related (SOAP with attachments).',
  },
  PORM_MM7_MIME_INVALID: {
    status: 400,
    title: 'Broken MIME multipart in MM7',
    description: 'The multipart body has no usable boundary, a part is not terminated by the closing delimiter, or a part header block never ends.',
  },
  PORM_MM7_MIME_TOO_MANY_PARTS: {
    status: 413,
    title: 'Too many MIME parts in MM7',
    description: 'The message holds more MIME parts (all nesting levels together) than the configured limit (1000 by default).',
  },
  PORM_MM7_MIME_TOO_DEEP: {
    status: 400,
    title: 'MIME multiparts nested too deeply',
    description: 'Multiparts are nested deeper than the configured limit (8 by default). MMS content needs at most two levels.',
  },

  // --- codec: building ---
  PORM_MM7_BUILD_INVALID: {
    status: 422,
    title: 'MM7 message cannot be built',
    description: 'A value given to the MM7 builder is not valid for the schema: a missing required field, a value outside its enumeration, a malformed date, or characters XML cannot carry. Fix the value; nothing was sent.',
  },

  // --- carrier outcomes (MM7 StatusCode, 3GPP TS 23.140 table L) ---
  PORM_MM7_PARTIAL_SUCCESS: {
    status: 422,
    title: 'MM7 partial success (1100)',
    description: 'The MMSC accepted the message for some recipients only. The response Details name the ones it refused.',
  },
  PORM_MM7_CLIENT_ERROR: {
    status: 400,
    title: 'MM7 client error (2000)',
    description: 'The MMSC found the request faulty without saying more (also used for unknown 2xxx codes). Not retried: sending it unchanged fails again.',
  },
  PORM_MM7_OPERATION_RESTRICTED: {
    status: 403,
    title: 'MM7 operation restricted (2001)',
    description: 'The carrier does not allow this operation for this VASP account. Ask the carrier to enable it.',
  },
  PORM_MM7_ADDRESS_ERROR: {
    status: 400,
    title: 'MM7 address error (2002)',
    description: 'A recipient or sender address is badly formatted for this MMSC. Check the number format the carrier expects (E.164 with or without +, /TYPE=PLMN).',
  },
  PORM_MM7_ADDRESS_NOT_FOUND: {
    status: 404,
    title: 'MM7 address not found (2003)',
    description: 'The MMSC does not know the recipient address (not a subscriber, or not MMS-capable). Not retried.',
  },
  PORM_MM7_CONTENT_REFUSED: {
    status: 422,
    title: 'MM7 content refused (2004)',
    description: 'The MMSC refused the multimedia content: too large, an unsupported media type, or not allowed by policy. Transcode to the route limits and send again.',
  },
  PORM_MM7_MESSAGE_ID_NOT_FOUND: {
    status: 404,
    title: 'MM7 message ID not found (2005)',
    description: 'The MessageID in a cancel, replace or report does not exist on the MMSC (expired or never accepted).',
  },
  PORM_MM7_LINKED_ID_NOT_FOUND: {
    status: 404,
    title: 'MM7 LinkedID not found (2006)',
    description: 'The LinkedID does not match a message the MMSC delivered to this VASP, so a reply cannot be linked to it.',
  },
  PORM_MM7_MESSAGE_FORMAT_CORRUPT: {
    status: 400,
    title: 'MM7 message format corrupt (2007)',
    description: 'The MMSC could not parse the MIME structure or an element value of the request.',
  },
  PORM_MM7_APPLIC_ID_NOT_FOUND: {
    status: 404,
    title: 'MM7 application ID not found (2008)',
    description: 'Rel-6: the ApplicID of the request is unknown to the MMSC.',
  },
  PORM_MM7_REPLY_APPLIC_ID_NOT_FOUND: {
    status: 404,
    title: 'MM7 reply application ID not found (2009)',
    description: 'Rel-6: the ReplyApplicID of the request is unknown to the MMSC.',
  },
  PORM_MM7_SERVER_ERROR: {
    status: 502,
    title: 'MM7 server error (3000)',
    description: 'The MMSC failed to process a valid request (also used for unknown 3xxx codes). porm retries with backoff.',
  },
  PORM_MM7_NOT_POSSIBLE: {
    status: 409,
    title: 'MM7 operation not possible (3001)',
    description: 'The MMSC cannot carry out the operation in the message state it is in, e.g. cancelling or replacing a message that was already delivered. Not retried.',
  },
  PORM_MM7_MESSAGE_REJECTED: {
    status: 422,
    title: 'MM7 message rejected (3002)',
    description: 'The MMSC rejected the message (policy, content screening, spam filter). Not retried unchanged.',
  },
  PORM_MM7_MULTIPLE_ADDRESSES_NOT_SUPPORTED: {
    status: 400,
    title: 'MM7 multiple addresses not supported (3003)',
    description: 'The MMSC accepts one recipient per SubmitReq. Configure the carrier route to send one recipient per request.',
  },
  PORM_MM7_APPLICATION_ADDRESSING_NOT_SUPPORTED: {
    status: 400,
    title: 'MM7 application addressing not supported (3004)',
    description: 'Rel-6: the MMSC does not support ApplicID/ReplyApplicID addressing. Send without them.',
  },
  PORM_MM7_GENERAL_SERVICE_ERROR: {
    status: 502,
    title: 'MM7 general service error (4000)',
    description: 'The MMSC reported a general service error (also used for unknown 4xxx codes). porm retries with backoff.',
  },
  PORM_MM7_IMPROPER_IDENTIFICATION: {
    status: 401,
    title: 'MM7 improper identification (4001)',
    description: 'The MMSC did not accept the VASPID/VASID or credentials. Fix the carrier configuration; not retried.',
  },
  PORM_MM7_UNSUPPORTED_VERSION: {
    status: 400,
    title: 'MM7 unsupported version (4002)',
    description: 'The MMSC does not speak the MM7Version or schema namespace porm sent. Set the carrier namespace and MM7Version to the values the carrier documents.',
  },
  PORM_MM7_UNSUPPORTED_OPERATION: {
    status: 501,
    title: 'MM7 unsupported operation (4003)',
    description: 'The MMSC does not implement this MM7 operation (e.g. cancel or replace).',
  },
  PORM_MM7_VALIDATION_ERROR: {
    status: 400,
    title: 'MM7 validation error (4004)',
    description: 'The MMSC found the SOAP request invalid against its schema (a missing element, wrong order or wrong value).',
  },
  PORM_MM7_SERVICE_ERROR: {
    status: 502,
    title: 'MM7 service error (4005)',
    description: 'The MMSC could not provide the service for this request right now. porm retries with backoff.',
  },
  PORM_MM7_SERVICE_UNAVAILABLE: {
    status: 503,
    title: 'MM7 service unavailable (4006)',
    description: 'The MMSC is overloaded or in maintenance. porm treats it as a throttle: it slows down and tries again later.',
  },
  PORM_MM7_SERVICE_DENIED: {
    status: 403,
    title: 'MM7 service denied (4007)',
    description: 'The MMSC refuses the service to this VASP (barred, out of credit, not subscribed). Not retried.',
  },
  PORM_MM7_APPLICATION_DENIED: {
    status: 403,
    title: 'MM7 application denied (4008)',
    description: 'Rel-6: the MMSC refuses the application named by ApplicID. Not retried.',
  },
  PORM_MM7_UNKNOWN_STATUS: {
    status: 502,
    title: 'Unknown MM7 status code',
    description: 'The MMSC answered with a StatusCode outside the 1xxx-4xxx classes. Treated as a permanent failure; add a per-carrier override if the carrier documents it.',
  },
});

export type Mm7ErrorCode = keyof typeof mm7Errors;
