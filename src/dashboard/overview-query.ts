import { encodeTime } from 'ulidx';
import type { Store } from '../store/store.ts';

// The overview's figures: an account's messages by status since a time. Message ids are ULIDs
// (time first), so "since" is a range on the (account_id, id) index rather than a scan.

export function firstIdAt(ms: number): string {
  return `msg_${encodeTime(ms, 10).toLowerCase()}`;
}

export async function countsSince(store: Store, accountId: string, since: number): Promise<Record<string, number>> {
  const rows = await store.db.selectFrom('messages').select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('account_id', '=', accountId).where('id', '>=', firstIdAt(since)).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
