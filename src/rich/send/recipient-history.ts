import type { Store } from '../../store/store.ts';

/**
 * What server rules may know about a recipient's past with this account (`history.*`,
 * src/rich/format/vocabulary.ts): counted from porm's own records, never from outside data.
 */
export class RecipientHistory {
  constructor(private readonly store: Store) {}

  async of(accountId: string, phone: string, excludeMessageId: string): Promise<Record<string, unknown>> {
    const db = this.store.db;
    const received = await db.selectFrom('messages').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('created_at').as('last')])
      .where('account_id', '=', accountId).where('to_number', '=', phone).where('id', '!=', excludeMessageId).executeTakeFirst();
    const events = await db.selectFrom('rich_events').innerJoin('messages', 'messages.id', 'rich_events.message_id')
      .select(['rich_events.kind', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('rich_events.at').as('last')])
      .where('messages.account_id', '=', accountId).where('messages.to_number', '=', phone).where('rich_events.message_id', '!=', excludeMessageId)
      .groupBy('rich_events.kind').execute();
    const byKind = new Map(events.map((e) => [e.kind, e]));
    const last = await db.selectFrom('messages').select('id').where('account_id', '=', accountId).where('to_number', '=', phone)
      .where('id', '!=', excludeMessageId).where('template_id', 'is not', null).orderBy('id', 'desc').limit(1).executeTakeFirst();
    const openedLast = last ? (await db.selectFrom('rich_events').select('id').where('message_id', '=', last.id).where('kind', '=', 'open').limit(1).executeTakeFirst()) !== undefined : false;
    const iso = (ms: unknown): string | undefined => (typeof ms === 'number' ? new Date(ms).toISOString() : undefined);
    return {
      messages_received: Number(received?.n ?? 0),
      last_message_at: iso(received?.last),
      clicks: Number(byKind.get('click')?.n ?? 0),
      last_click_at: iso(byKind.get('click')?.last),
      submits: Number(byKind.get('submit')?.n ?? 0),
      opened_last: openedLast,
    };
  }
}
