import type { Db } from '../store/schema.ts';
import type { ServiceInboundWebhook } from './model.ts';

/**
 * The messaging service a number of the account is in, with its inbound webhook: for MOs to the
 * number (their default webhook, and the MessagingServiceSid Twilio's inbound request carries).
 */
export async function serviceOfNumber(db: Db, accountId: string, number: string): Promise<{ id: string; inboundWebhook: ServiceInboundWebhook | null } | undefined> {
  const row = await db.selectFrom('numbers as n')
    .innerJoin('messaging_service_numbers as m', (j) => j.onRef('m.number_id', '=', 'n.id').onRef('m.account_id', '=', 'n.account_id'))
    .innerJoin('messaging_services as s', 's.id', 'm.service_id')
    .select(['s.id', 's.inbound_webhook_url', 's.inbound_webhook_method'])
    .where('n.number', '=', number).where('n.account_id', '=', accountId).executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, inboundWebhook: row.inbound_webhook_url === null ? null : { url: row.inbound_webhook_url, method: row.inbound_webhook_method === 'GET' ? 'GET' : 'POST' } };
}
