import { queryTemplate } from '../store/query-template.ts';

// The owner lookup runs on every accepted message and every MO: a reusable template
// (store/query-template.ts says why).
export const selectOwner = queryTemplate<{ number: string }, { account_id: string }>((db, p) =>
  db.selectFrom('numbers').select('account_id').where('number', '=', p.number));

export const selectSender = queryTemplate<{ number: string }, { account_id: string; route: string | null }>((db, p) =>
  db.selectFrom('numbers').select(['account_id', 'route']).where('number', '=', p.number));

export const selectRoute = queryTemplate<{ number: string; accountId: string }, { route: string | null }>((db, p) =>
  db.selectFrom('numbers').select('route').where('number', '=', p.number).where('account_id', '=', p.accountId));
