import type { Selectable } from 'kysely';
import type { Db } from '../store/schema.ts';
import type { Capability } from '../numbers/model.ts';
import type { MessagingServicesTable } from './tables.ts';
import type { MessagingService, PoolNumber } from './model.ts';

/**
 * The numbers of a pool, oldest member first. Joined with `numbers` on id and account: a number
 * given up (or given up and claimed again, under a new id) is no longer in any pool.
 */
export async function poolNumbers(db: Db, serviceId: string): Promise<PoolNumber[]> {
  const rows = await db.selectFrom('messaging_service_numbers as m')
    .innerJoin('numbers as n', (j) => j.onRef('n.id', '=', 'm.number_id').onRef('n.account_id', '=', 'm.account_id'))
    .select(['n.id', 'n.number', 'n.capabilities_json', 'm.added_at'])
    .where('m.service_id', '=', serviceId).orderBy('m.added_at').orderBy('n.id').execute();
  return rows.map((r) => ({ id: r.id, number: r.number, capabilities: JSON.parse(r.capabilities_json) as Capability[], addedAt: r.added_at }));
}

export function serviceFromRow(row: Selectable<MessagingServicesTable>, numbers: PoolNumber[]): MessagingService {
  return {
    id: row.id, accountId: row.account_id, name: row.name, stickySender: row.sticky_sender === 1, statusCallback: row.status_callback,
    inboundWebhook: row.inbound_webhook_url === null ? null : { url: row.inbound_webhook_url, method: row.inbound_webhook_method === 'GET' ? 'GET' : 'POST' },
    numbers, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

export async function findService(db: Db, accountId: string, id: string): Promise<Selectable<MessagingServicesTable> | undefined> {
  return db.selectFrom('messaging_services').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
}
