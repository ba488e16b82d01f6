import { PormError } from '../errors.ts';
import type { SmsHandset } from '../carriers/connector-type.ts';
import type { InboundService } from '../inbound/inbound-service.ts';
import type { InboundMessage } from '../inbound/model.ts';
import type { Reply } from './reply-input.ts';

/**
 * Plays the handset of a sandbox SMSC: the SMSC sends the text to porm as MO deliver_sm (in
 * parts when it is long), porm's smpp client stores it and answers; the stored message is read
 * back as the newest inbound message between the two numbers.
 */
export async function replyBySms(handset: SmsHandset, accountId: string, reply: Reply, inbound: Pick<InboundService, 'list'>): Promise<InboundMessage> {
  if (reply.media.length > 0) throw new PormError('PORM_SANDBOX_SMS_MEDIA', 'an SMS carries text only', [{ field: '/media', code: 'PORM_SANDBOX_SMS_MEDIA', message: 'leave media out for an SMS' }]);
  const result = await handset.injectMo({ from: reply.from, to: reply.to, text: reply.body });
  const refused = result.parts.find((status) => status !== 0);
  if (refused !== undefined) throw new PormError('PORM_SANDBOX_SMS_REFUSED', `porm answered deliver_sm with status 0x${refused.toString(16)}`);
  const page = await inbound.list(accountId, 20);
  const stored = page.data.find((m) => m.from === reply.from && m.to === reply.to && m.body === reply.body);
  if (!stored) throw new PormError('PORM_SANDBOX_SMS_REFUSED', 'porm took the MO SMS but it is not among your inbound messages');
  return stored;
}
