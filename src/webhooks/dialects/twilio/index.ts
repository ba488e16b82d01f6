import type { LoadedSubject, RenderContext, SignInput, WebhookDialect } from '../dialect.ts';
import type { OutboxEvent } from '../../outbox-event.ts';
import { decodeForm, encodeForm } from './form.ts';
import { twilioSignature } from './signature.ts';
import { announcesStatus, statusCallbackParams } from './status-callback.ts';
import { inboundRequestParams } from './inbound-request.ts';

/**
 * Twilio's webhooks: a form POST (or GET with the parameters in the query) signed with
 * X-Twilio-Signature under the account's auth token, so Twilio's SDKs (validateRequest,
 * webhook(), RequestValidator) accept them. Message events become status callbacks; inbound
 * messages become the request a number's Twilio-style webhook gets (answered with TwiML).
 */
function render(_event: OutboxEvent, subject: LoadedSubject, context: RenderContext): string {
  if (context.accountSid === undefined) throw new Error('the Twilio dialect needs the account\'s AccountSid');
  if (subject.kind === 'message') return encodeForm(statusCallbackParams(subject.message, context.accountSid));
  if (subject.kind === 'inbound_message') return encodeForm(inboundRequestParams(subject.inbound, context.accountSid, context.mediaUrls ?? [], context.messagingServiceSid));
  throw new Error(`the Twilio dialect has no form for ${subject.kind} events`);
}

function sign(input: SignInput, authToken: string): Record<string, string> {
  return {
    // A GET carries its parameters in the URL, and the signature covers the URL alone.
    ...(input.body === '' ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
    'x-twilio-signature': twilioSignature(authToken, input.url, decodeForm(input.body)),
    // Twilio's header for the same purpose as webhook-id: one value for every retry.
    'i-twilio-idempotency-token': input.deliveryId,
  };
}

export const twilioDialect: WebhookDialect = { name: 'twilio', credentials: 'twilio', render, sign, announces: announcesStatus };
