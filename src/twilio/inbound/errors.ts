import { defineErrors } from '../../error-def.ts';

// Inbound messages posted to numbers' Twilio-style webhooks.
export const twilioInboundErrors = defineErrors({
  PORM_INBOUND_WEBHOOK_NOT_FOUND: { status: 404, title: 'No inbound webhook record', description: 'The inbound message was not posted to a number webhook: its number had no `inbound_webhook` when it arrived (set one with PATCH /v1/numbers/{id}).' },
});
