import { defineErrors } from '../error-def.ts';

// Messaging services (sender pools): managing them, and sending through them.
export const messagingServiceErrors = defineErrors({
  PORM_MESSAGING_SERVICE_NOT_FOUND: { status: 404, title: 'Messaging service not found', description: 'No messaging service with this id belongs to your account (on the Twilio surface: 21701).' },
  PORM_MESSAGING_SERVICE_EMPTY: { status: 400, title: 'Messaging service has no numbers', description: 'A message sent through a messaging service without a sender needs a number in its pool: add one with POST /v1/messaging-services/{id}/numbers (on the Twilio surface: 21704).' },
  PORM_MESSAGING_SERVICE_NUMBER_TAKEN: { status: 409, title: 'Number already in a messaging service', description: 'A number belongs to at most one messaging service, so that its inbound messages have one webhook. Remove it from the other service first.' },
  PORM_MESSAGING_SERVICE_NUMBER_NOT_FOUND: { status: 404, title: 'Number not in this messaging service', description: 'The number is not in this messaging service\'s pool.' },
  PORM_MESSAGING_SERVICE_FULL: { status: 409, title: 'Messaging service pool full', description: 'A messaging service holds at most 400 numbers (Twilio\'s default limit too).' },
});
