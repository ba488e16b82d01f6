import { defineErrors } from '../../error-def.ts';

// Error codes of the SMS text codec (GSM 03.38 / UCS-2 / UDH) and of SMS bodies on the API.
// Codes are stable: never rename or reuse one.
export const smsTextErrors = defineErrors({
  PORM_SMS_UNENCODABLE: {
    status: 400,
    title: 'Text not encodable in GSM-7',
    description: 'The body was sent with `sms_coding: "gsm7"` (or a carrier that only takes GSM-7) but holds characters outside the GSM 03.38 default alphabet and its extension table. Use `auto` (UCS-2 is chosen for such text) or `ucs2`, or replace the characters named in the message.',
  },
  PORM_SMS_BODY_TOO_LONG: {
    status: 400,
    title: 'SMS body too long',
    description: 'The SMS form of the message needs more segments than the server allows (`sms.max_segments`, 10 by default; Twilio answers 21617 here). Shorten the body, send it as MMS, or raise the limit.',
  },
  PORM_SMS_UDH_MALFORMED: {
    status: 400,
    title: 'Malformed SMS user data header',
    description: 'A short message flagged with a user data header (UDHI) has a header length, or an information element length, running past the bytes received.',
  },
});
