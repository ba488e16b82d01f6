import { defineErrors } from '../../error-def.ts';

// Inbound messages posted to numbers' Twilio-style webhooks.
export const twilioInboundErrors = defineErrors({
  PORM_INBOUND_WEBHOOK_NOT_FOUND: { status: 404, title: 'No inbound webhook record', description: 'The inbound message was not posted to a number webhook: its number had no `inbound_webhook` when it arrived (set one with PATCH /v1/numbers/{id}).' },
  PORM_TWILIO_TOKEN_MISSING: { status: 409, title: 'No Twilio auth token yet', description: 'A number\'s `inbound_webhook` is signed with the account\'s Twilio auth token, which does not exist yet: create it (and see it, once) with `porm accounts twilio show` or POST /v1/account/twilio/auth-token, then set the webhook.' },
});
