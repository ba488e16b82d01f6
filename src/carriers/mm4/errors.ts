import { defineErrors } from '../../error-def.ts';

// MM4 (MMS between MMSCs over SMTP): what porm says when it cannot write or take an MM4 message.
export const mm4Errors = defineErrors({
  PORM_MM4_BUILD_INVALID: { status: 422, title: 'MM4 message cannot be built', description: 'The message cannot be written as an MM4_forward.REQ: a sender or recipient that is not an MM4 address (+number or short code), or a header value that SMTP cannot carry. Nothing was sent.' },
  PORM_MM4_PEER_REFUSED: { status: 422, title: 'Refused by the peer MMSC', description: 'The peer MMSC answered the MM4_forward.REQ with an error status (X-Mms-Request-Status-Code other than Ok); the status and its text are on the message timeline.' },
});
