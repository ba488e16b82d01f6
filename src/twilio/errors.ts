import { defineErrors } from '../error-def.ts';

// The Twilio-compatible surface and its credentials. Errors on /2010-04-01 reach clients as
// Twilio's {code, message, more_info, status} (src/twilio/api/twilio-error-codes.ts maps them);
// these porm codes are what the CLI and /v1 report.
export const twilioErrors = defineErrors({
  PORM_TWILIO_NO_SECONDARY_TOKEN: { status: 409, title: 'No secondary auth token', description: 'Promoting needs a secondary auth token: create one first (`porm accounts twilio secondary`), switch your apps to it, then promote it.' },
  PORM_TWILIO_KEY_NOT_FOUND: { status: 404, title: 'Twilio API key not found', description: 'No SK… API key with this SID belongs to the account.' },
  PORM_TWILIO_TOKEN_ALREADY_ISSUED: { status: 409, title: 'Auth token already issued', description: 'The account\'s auth token was shown when it was created and is never shown again. To get a new one, create a secondary token and promote it.' },
  PORM_TWILIO_AUTH_INVALID: { status: 401, title: 'Twilio credentials invalid', description: 'Basic auth on /2010-04-01 must be AccountSid:AuthToken (the primary or secondary token) or SK…:secret of an unrevoked API key.' },
});
