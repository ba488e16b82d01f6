import type { Db } from '../store/schema.ts';

/**
 * For a send_at_local campaign, its recipients sent at once because their local time had already
 * passed when the fan-out reached them (as Mailchimp's Timewarp does when scheduled late): those
 * whose message was accepted without a send_at. Undefined for any other campaign.
 */
export async function lateRecipients(db: Db, accountId: string, campaignId: string): Promise<number | undefined> {
  const campaign = await db.selectFrom('campaigns').select('send_at_local').where('account_id', '=', accountId).where('id', '=', campaignId).executeTakeFirst();
  if ((campaign?.send_at_local ?? null) === null) return undefined;
  const row = await db.selectFrom('campaign_recipients').innerJoin('messages', 'messages.id', 'campaign_recipients.message_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_recipients.account_id', '=', accountId).where('campaign_recipients.campaign_id', '=', campaignId).where('messages.send_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
