import { queryTemplate } from '../../store/query-template.ts';

// When the account's earlier marketing messages to a recipient went out, for the caps. A message
// counts from the moment it was claimed (its move to `sending`, the last such move when it was
// retried), since from then on it may reach the handset; one that failed without a carrier ever
// taking it (no carrier message id) never reached anyone and does not count. The partial index
// messages_marketing_recipient (migration 0015) finds the account's marketing rows to the
// recipient; their events are found by primary key. A message belongs to the program of its
// sender number (numbers.program_id as it is now), or to the account's default program when the
// number has none or is not registered.

export const selectRecentMarketingSends = queryTemplate<
  { accountId: string; to: string; since: number; excludeId: string; programId: string; defaultProgramId: string },
  { id: string; sent_at: number }
>((db, p) => db.selectFrom('messages as m')
  .innerJoin('message_events as e', 'e.message_id', 'm.id')
  .leftJoin('numbers as n', (join) => join.onRef('n.account_id', '=', 'm.account_id').onRef('n.number', '=', 'm.from_number'))
  .select((eb) => ['m.id', eb.fn.max<number>('e.at').as('sent_at')])
  .where('m.account_id', '=', p.accountId)
  .where('m.to_number', '=', p.to)
  .where('m.category', '=', 'marketing')
  .where('m.id', '!=', p.excludeId)
  .where((eb) => eb.fn.coalesce('n.program_id', eb.val(p.defaultProgramId)), '=', p.programId)
  .where((eb) => eb.or([eb('m.status', '!=', 'failed'), eb('m.carrier_message_id', 'is not', null)]))
  .where('e.status', '=', 'sending')
  .where('e.at', '>', p.since)
  .groupBy('m.id'));
