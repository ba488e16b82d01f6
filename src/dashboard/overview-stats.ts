import { sql } from 'kysely';
import { encodeTime } from 'ulidx';
import type { Store } from '../store/store.ts';
import { firstIdAt } from './overview-query.ts';

// The overview's figures for one account, read by id ranges (ids are ULIDs, time first): the last
// 14 UTC days of messages by day, status and error code in one grouped query; clicks and opt-outs
// since a time; and per connector the last 24 hours of its messages.

export const DAY = 86_400_000;
export const CHART_DAYS = 14;

export interface DayRow { day: number; status: string; errorCode: string | null; n: number }

/** An id bound at `ms` for any ULID-keyed table (`clk`, `cev`, …). */
const boundAt = (prefix: string, ms: number) => `${prefix}_${encodeTime(Math.max(0, ms), 10).toLowerCase()}`;

export async function messagesByDay(store: Store, accountId: string, since: number): Promise<DayRow[]> {
  const day = sql<number>`created_at / ${sql.lit(DAY)}`;
  const rows = await store.db.selectFrom('messages')
    .select([day.as('day'), 'status', 'error_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('account_id', '=', accountId).where('id', '>=', firstIdAt(since))
    .groupBy([day, 'status', 'error_code']).execute();
  // Integer division in both engines; PostgreSQL hands bigints back as strings.
  return rows.map((r) => ({ day: Math.floor(Number(r.day)) * DAY, status: r.status, errorCode: r.error_code, n: Number(r.n) }));
}

export async function clicksSince(store: Store, accountId: string, since: number): Promise<number> {
  const row = await store.db.selectFrom('link_clicks').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', '>=', boundAt('clk', since)).where('account_id', '=', accountId).where('at', '>=', since).where('bot', '=', 0).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function optOutsSince(store: Store, accountId: string, since: number): Promise<number> {
  const row = await store.db.selectFrom('consent_events').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId).where('id', '>=', boundAt('cev', since)).where('type', '=', 'opt_out').executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface CarrierActivity { carrier: string; status: string; n: number; recent: number }

/** The account's messages per connector and status in the last 24 hours, and how many in the last 15 minutes. */
export async function carrierActivity(store: Store, accountId: string, now: number): Promise<CarrierActivity[]> {
  const recentFrom = now - 15 * 60_000;
  const rows = await store.db.selectFrom('messages')
    .select(['carrier', 'status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>(sql<number>`case when created_at >= ${recentFrom} then 1 else 0 end`).as('recent')])
    .where('account_id', '=', accountId).where('id', '>=', firstIdAt(now - DAY)).where('carrier', 'is not', null)
    .groupBy(['carrier', 'status']).execute();
  return rows.map((r) => ({ carrier: r.carrier!, status: r.status, n: Number(r.n), recent: Number(r.recent ?? 0) }));
}

export interface RecentError { carrier: string | null; errorCode: string; at: number; messageId: string }

/** The account's last failures of the last 24 hours, newest first. */
export async function recentErrors(store: Store, accountId: string, now: number, limit = 20): Promise<RecentError[]> {
  const rows = await store.db.selectFrom('messages').select(['id', 'carrier', 'error_code', 'updated_at'])
    .where('account_id', '=', accountId).where('id', '>=', firstIdAt(now - DAY)).where('error_code', 'is not', null)
    .orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ carrier: r.carrier, errorCode: r.error_code!, at: r.updated_at, messageId: r.id }));
}
