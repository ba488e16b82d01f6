/**
 * What became of an inbound message posted to its number's Twilio-style webhook
 * (inbound_webhooks.outcome, GET /v1/inbound-messages/{id}/webhook).
 */
export const INBOUND_WEBHOOK_OUTCOMES = [
  /** Queued, or answered with an error and to be tried again. */
  'pending',
  /** The TwiML's <Message>s were sent (at least one; `detail` names any that were refused). */
  'replied',
  /** A 2xx with an empty body or a <Response> without <Message>: nothing to send, as Twilio does. */
  'no_reply',
  /** Every <Message> was refused by the send path (an invalid number, a sender not owned…). */
  'replies_refused',
  /** A 2xx whose body is not TwiML porm acts on (malformed, too large, another root): nothing sent. */
  'bad_answer',
  /** No 2xx after every attempt (or an address porm may not call). */
  'failed',
] as const;

export type InboundWebhookOutcome = (typeof INBOUND_WEBHOOK_OUTCOMES)[number];
