import type { Db } from '../store/schema.ts';
import type { Message, NewMessage } from '../messages/model.ts';
import type { ProgramReplies, ProgramSettings } from './programs/settings.ts';

// porm's own compliance messages (keyword confirmations, HELP answers, double opt-in requests):
// accepted through the normal send path inside the unit that decided them, and recorded as
// compliance replies, which the claim lets through to a suppressed recipient (the one STOP
// confirmation must reach a person who has just opted out) and outside quiet hours.

export type ReplyKind = 'opt_out' | 'opt_in' | 'help' | 'confirm_request';

/** What accepts a system message in the caller's unit (SendService.acceptSystem). */
export interface SystemSender {
  acceptSystem(tx: Db, accountId: string, value: NewMessage, now: number): Promise<Message>;
}

export function replyText(settings: ProgramSettings, kind: ReplyKind, language: string | undefined): string {
  const replies: ProgramReplies = (language !== undefined ? settings.replies[language] : undefined) ?? settings.replies[settings.defaultLanguage] ?? Object.values(settings.replies)[0]!;
  return kind === 'opt_out' ? replies.optOut : kind === 'opt_in' ? replies.optIn : kind === 'help' ? replies.help : replies.confirmRequest;
}

export async function sendComplianceReply(
  tx: Db, sender: SystemSender,
  reply: { accountId: string; from: string; to: string; body: string; kind: ReplyKind; inboundId: string | null }, now: number,
): Promise<Message> {
  const message = await sender.acceptSystem(tx, reply.accountId, {
    to: reply.to, from: reply.from, body: reply.body, subject: null, media: [], statusCallback: null, metadata: null,
    sendAt: null, validityPeriod: null, category: 'transactional',
  }, now);
  await tx.insertInto('compliance_replies').values({ message_id: message.id, account_id: reply.accountId, kind: reply.kind, inbound_id: reply.inboundId, created_at: now }).execute();
  return message;
}

export async function isComplianceReply(tx: Db, messageId: string): Promise<boolean> {
  return (await tx.selectFrom('compliance_replies').select('message_id').where('message_id', '=', messageId).executeTakeFirst()) !== undefined;
}
