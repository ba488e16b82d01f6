import type { InboundMessage } from '../../../inbound/model.ts';

/** The /v1 JSON of an inbound message (GET /v1/inbound-messages, and `inbound.received` webhooks). */
export interface InboundResource {
  id: string;
  object: 'inbound_message';
  carrier: string;
  from: string;
  to: string;
  subject: string | null;
  body: string;
  media: Array<{ id: string; content_type: string; size: number }>;
  linked_id: string | null;
  received_at: string;
}

export function presentInboundMessage(m: InboundMessage): InboundResource {
  return {
    id: m.id, object: 'inbound_message', carrier: m.carrier, from: m.from, to: m.to, subject: m.subject, body: m.body,
    media: m.media.map((x) => ({ id: x.id, content_type: x.contentType, size: x.size })), linked_id: m.linkedId,
    received_at: new Date(m.receivedAt).toISOString(),
  };
}
