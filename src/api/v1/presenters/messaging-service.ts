import type { MessagingService } from '../../../messaging-services/model.ts';
import { messagingServiceSidOf, phoneNumberSidOf } from '../../../twilio/sids.ts';

/** The /v1 JSON of a messaging service; `twilio_sid` is what the Twilio surface names it (MessagingServiceSid). */
export function presentMessagingService(s: MessagingService) {
  return {
    id: s.id,
    object: 'messaging_service' as const,
    twilio_sid: messagingServiceSidOf(s.id),
    name: s.name,
    sticky_sender: s.stickySender,
    status_callback: s.statusCallback,
    inbound_webhook: s.inboundWebhook === null ? null : { url: s.inboundWebhook.url, method: s.inboundWebhook.method, dialect: 'twilio' as const },
    numbers: s.numbers.map((n) => ({ id: n.id, twilio_sid: phoneNumberSidOf(n.id), number: n.number, capabilities: n.capabilities, added_at: new Date(n.addedAt).toISOString() })),
    created_at: new Date(s.createdAt).toISOString(),
    updated_at: new Date(s.updatedAt).toISOString(),
  };
}
