import type { InboundMessagesTable } from '../store/schema.ts';

/** A message a handset sent to one of the senders' numbers, as porm stored it. */
export interface InboundMessage {
  id: string;
  carrier: string;
  from: string;
  to: string;
  subject: string | null;
  body: string;
  /** The attachments, stored as media objects of the receiving account. */
  media: Array<{ id: string; contentType: string; size: number }>;
  linkedId: string | null;
  receivedAt: number;
}

/** The columns of an inbound_messages row that make the domain object (account and dedupe key stay in the store). */
export type InboundRow = Omit<InboundMessagesTable, 'account_id' | 'dedupe_key'>;

type StoredMedia = Array<{ id: string; content_type: string; size: number }>;

export function storedInboundMedia(media: InboundMessage['media']): string {
  return JSON.stringify(media.map((m): StoredMedia[number] => ({ id: m.id, content_type: m.contentType, size: m.size })));
}

export function inboundFromRow(row: InboundRow): InboundMessage {
  return {
    id: row.id, carrier: row.carrier, from: row.from_number, to: row.to_number, subject: row.subject, body: row.body,
    media: (JSON.parse(row.media_json) as StoredMedia).map((m) => ({ id: m.id, contentType: m.content_type, size: m.size })),
    linkedId: row.linked_id, receivedAt: row.received_at,
  };
}
