import type { Db } from '../store/schema.ts';

/**
 * The time zone stored on the account's contact for `phone`, if any: quiet hours trust it over the
 * zones of the number (src/compliance/time-zones recipientZones' knownZone). Read inside the
 * claim's unit, by the (account_id, phone) unique index.
 */
export async function contactTimeZone(tx: Db, accountId: string, phone: string): Promise<string | null> {
  const row = await tx.selectFrom('contact_profiles').select('time_zone').where('account_id', '=', accountId).where('phone', '=', phone).executeTakeFirst();
  return row?.time_zone ?? null;
}
