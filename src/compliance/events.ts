import type { Db } from '../store/schema.ts';
import type { JobQueue } from '../queue/queue.ts';
import type { EndpointCache } from '../webhooks/endpoint-cache.ts';
import { queueAccountEvent } from '../webhooks/account-event.ts';
import { messageStateOf } from '../webhooks/outbox-event.ts';
import type { Message } from '../messages/model.ts';
import { takeEventSeq } from '../messages/message-sql.ts';
import { insertEvent } from '../messages/transitions.ts';

// What compliance tells: a timeline entry on the message and a webhook (compliance.blocked,
// compliance.held), or a webhook about the inbound message that changed consent
// (consent.opted_out, consent.opted_in), queued in the caller's unit.

export type ComplianceEventType = 'compliance.blocked' | 'compliance.held';
export type ConsentEventType = 'consent.opted_out' | 'consent.opted_in';

export interface Announcer {
  queue: JobQueue;
  endpoints: EndpointCache;
}

export async function noteCompliance(tx: Db, to: Announcer, message: Message, type: ComplianceEventType, data: Record<string, unknown>, now: number): Promise<void> {
  const taken = (await takeEventSeq(tx, { id: message.id })).rows[0];
  if (!taken) return;
  await insertEvent(tx, message.id, message.accountId, taken.event_seq, type, null, data, now);
  await queueAccountEvent(tx, to.queue, to.endpoints, {
    accountId: message.accountId, messageId: message.id, type, subject: { kind: 'message', id: message.id }, at: now,
    seq: taken.event_seq, state: messageStateOf(message),
  });
}

export async function announceConsent(tx: Db, to: Announcer, accountId: string, type: ConsentEventType, inboundId: string, now: number): Promise<void> {
  await queueAccountEvent(tx, to.queue, to.endpoints, { accountId, messageId: null, type, subject: { kind: 'inbound_message', id: inboundId }, at: now });
}
