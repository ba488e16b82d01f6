import { expressionBuilder, sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from '../store/schema.ts';
import type { CampaignRecipientsTable } from './tables.ts';
import { fromMicros } from '../links/conversion-value.ts';

// A campaign's figures (GET /v1/campaigns/{id}/analytics, docs/campaigns.md#figures): pure
// queries, no HTTP. Every query starts from the campaign's campaign_recipients rows (its primary
// key leads with campaign_id) and reaches the other tables by message id or by the recipient's
// number, so the figures of a subset of recipients (an A/B variant) are the same queries with
// one more condition on those rows: the optional RecipientFilter.
//
// What counts (the docs say the same):
// - sent: messages that reached the carrier (a `sent` event); delivered: a `delivered` event;
//   failed: messages that ended failed or undelivered, by error code.
// - clicks: taps on the messages' short links; bots (previews, scanners, prefetches) apart.
//   unique: recipients with at least one person-made tap.
// - replies: inbound messages from a recipient's number to the number its campaign message came
//   from, received after that message was accepted and within REPLY_WINDOW_MS; keyword messages
//   porm answered itself (STOP, HELP, START) are not replies.
// - opt-outs: recipients with an opt_out consent event after their message and within the window.
// - conversions: those attributed (by click or delivery, src/links/conversions.ts) to the
//   campaign's messages; revenue summed per currency, exactly (micros).
// Times are bucketed in UTC.

/** How long after its message a reply or an opt-out is credited to the campaign. */
export const REPLY_WINDOW_MS = 7 * 86_400_000;

export type Interval = 'hour' | 'day';
const INTERVAL_MS: Record<Interval, number> = { hour: 3_600_000, day: 86_400_000 };

/** A gap-free series longer than this lists only the buckets with something in them. */
export const MAX_DENSE_BUCKETS = 5000;

/** The campaign_recipients rows as the filter sees them, aliased `cr`. */
export interface RecipientScope { cr: CampaignRecipientsTable }

/** One more condition on the campaign's recipients, e.g. (cr) => cr('cr.variant', '=', 'B'). */
export type RecipientFilter = (cr: ExpressionBuilder<RecipientScope, 'cr'>) => Expression<SqlBool>;

export interface SeriesBucket {
  /** The bucket's start (ms, UTC). */
  start: number;
  sent: number;
  delivered: number;
  /** Person-made taps (bots left out). */
  clicks: number;
  optOuts: number;
  conversions: number;
}

export interface CampaignFigures {
  recipients: number;
  queued: number;
  excluded: Record<string, number>;
  sent: number;
  delivered: number;
  failed: { total: number; byCode: Record<string, number> };
  /** delivered / sent, or null before anything was sent. */
  deliveryRate: number | null;
  clicks: { unique: number; total: number; bots: number };
  /** unique clicks / delivered. */
  clickThroughRate: number | null;
  replies: number;
  optOuts: number;
  /** opt-outs / delivered. */
  optOutRate: number | null;
  conversions: number;
  /** Per currency, a decimal string ("49.9"). */
  revenue: Record<string, string>;
  /** Revenue / sent, per currency, rounded to the micro unit. */
  revenuePerSend: Record<string, string>;
  interval: Interval;
  series: SeriesBucket[];
}

export interface FiguresQuery {
  accountId: string;
  campaignId: string;
  interval: Interval;
  recipients?: RecipientFilter;
}

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/** The campaign's recipients (of the filter), as one condition every query below carries. */
function scopeOf(q: FiguresQuery): Expression<SqlBool> {
  const cr = expressionBuilder<RecipientScope, 'cr'>();
  return cr.and([cr('cr.account_id', '=', q.accountId), cr('cr.campaign_id', '=', q.campaignId), ...(q.recipients ? [q.recipients(cr)] : [])]);
}

/** `column` floored to its bucket's start: integer division on both SQLite and PostgreSQL (bigint). */
function bucketOf(column: string, interval: Interval) {
  const ms = sql.lit(INTERVAL_MS[interval]);
  return sql<number>`(${sql.ref(column)} / ${ms}) * ${ms}`;
}

type Counted = { bucket: number | string; n: number | string };

export async function campaignFigures(db: Db, q: FiguresQuery): Promise<CampaignFigures> {
  const scope = scopeOf(q);
  const window = sql.lit(REPLY_WINDOW_MS);

  const outcomes = await db.selectFrom('campaign_recipients as cr').where(scope)
    .select(['cr.status', 'cr.reason', (eb) => eb.fn.countAll<number>().as('n')]).groupBy(['cr.status', 'cr.reason']).execute();

  // A message moves into sent and into delivered once each (a final status never moves back; a
  // duplicate report is a note with no status), so its events count messages.
  const events = await db.selectFrom('campaign_recipients as cr').innerJoin('message_events as e', 'e.message_id', 'cr.message_id').where(scope)
    .where('e.status', 'in', ['sent', 'delivered'])
    .select(['e.status', bucketOf('e.at', q.interval).as('bucket'), (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['e.status', 'bucket']).execute();

  const failed = await db.selectFrom('campaign_recipients as cr').innerJoin('messages as m', 'm.id', 'cr.message_id').where(scope)
    .where('m.status', 'in', ['failed', 'undelivered'])
    .select(['m.error_code', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('m.error_code').execute();

  const clickJoin = () => db.selectFrom('campaign_recipients as cr').innerJoin('link_clicks as c', (j) => j.onRef('c.message_id', '=', 'cr.message_id').onRef('c.account_id', '=', 'cr.account_id')).where(scope);
  const clickTotals = await clickJoin().select([
    sql<number>`sum(case when c.bot = 0 then 1 else 0 end)`.as('human'),
    sql<number>`sum(case when c.bot = 0 then 0 else 1 end)`.as('bots'),
    sql<number>`count(distinct case when c.bot = 0 then cr.contact_id end)`.as('unique_people'),
  ]).executeTakeFirstOrThrow();
  const clicks = await clickJoin().where('c.bot', '=', 0)
    .select([bucketOf('c.at', q.interval).as('bucket'), (eb) => eb.fn.countAll<number>().as('n')]).groupBy('bucket').execute();

  // Replies and opt-outs are looked up per recipient (correlated subqueries on the (account,
  // number, time) indexes of inbound_messages and consent_events) rather than joined, so the
  // planner cannot start from all of an account's inbound messages or consent events.
  const repliesPer = db.selectFrom('campaign_recipients as cr').innerJoin('messages as m', 'm.id', 'cr.message_id').where(scope)
    .select((eb) => eb.selectFrom('inbound_messages as i').select((sub) => sub.fn.countAll<number>().as('n'))
      .whereRef('i.account_id', '=', 'cr.account_id').whereRef('i.from_number', '=', 'cr.phone').whereRef('i.to_number', '=', 'm.from_number')
      .whereRef('i.received_at', '>', 'm.created_at').where('i.received_at', '<=', sql<number>`m.created_at + ${window}`)
      .where((sub) => sub.not(sub.exists(sub.selectFrom('compliance_replies as r').select('r.message_id').whereRef('r.inbound_id', '=', 'i.id'))))
      .as('n'));
  const replies = await db.selectFrom(repliesPer.as('p')).select((eb) => eb.fn.sum<number>('p.n').as('n')).executeTakeFirstOrThrow();

  // A recipient counts once, in the bucket of its first opt-out in the window.
  const firstOptOuts = db.selectFrom('campaign_recipients as cr').innerJoin('messages as m', 'm.id', 'cr.message_id').where(scope)
    .select((eb) => eb.selectFrom('consent_events as o').select((sub) => sub.fn.min('o.at').as('at'))
      .whereRef('o.account_id', '=', 'cr.account_id').whereRef('o.recipient', '=', 'cr.phone').where('o.type', '=', 'opt_out')
      .whereRef('o.at', '>', 'm.created_at').where('o.at', '<=', sql<number>`m.created_at + ${window}`)
      .as('at'));
  const optOuts = await db.selectFrom(firstOptOuts.as('f')).where('f.at', 'is not', null)
    .select([bucketOf('f.at', q.interval).as('bucket'), (eb) => eb.fn.countAll<number>().as('n')]).groupBy('bucket').execute();

  const conversionJoin = () => db.selectFrom('campaign_recipients as cr').innerJoin('conversions as v', (j) => j.onRef('v.message_id', '=', 'cr.message_id').onRef('v.account_id', '=', 'cr.account_id')).where(scope);
  const revenue = await conversionJoin().select(['v.currency', (eb) => eb.fn.sum<number>('v.value_micros').as('micros')]).groupBy('v.currency').orderBy('v.currency').execute();
  const conversions = await conversionJoin().select([bucketOf('v.occurred_at', q.interval).as('bucket'), (eb) => eb.fn.countAll<number>().as('n')]).groupBy('bucket').execute();

  const buckets = new Map<number, SeriesBucket>();
  const add = (rows: Counted[], key: 'sent' | 'delivered' | 'clicks' | 'optOuts' | 'conversions'): void => {
    for (const r of rows) {
      const start = Number(r.bucket);
      const bucket = buckets.get(start) ?? { start, sent: 0, delivered: 0, clicks: 0, optOuts: 0, conversions: 0 };
      bucket[key] += Number(r.n);
      buckets.set(start, bucket);
    }
  };
  add(events.filter((r) => r.status === 'sent'), 'sent');
  add(events.filter((r) => r.status === 'delivered'), 'delivered');
  add(clicks, 'clicks');
  add(optOuts, 'optOuts');
  add(conversions, 'conversions');
  const series = fillGaps(buckets, INTERVAL_MS[q.interval]);
  const total = (key: keyof Omit<SeriesBucket, 'start'>): number => series.reduce((n, b) => n + b[key], 0);

  let recipients = 0;
  let queued = 0;
  const excluded: Record<string, number> = {};
  for (const r of outcomes) {
    recipients += Number(r.n);
    if (r.status === 'queued') queued += Number(r.n);
    else excluded[r.reason ?? 'unknown'] = (excluded[r.reason ?? 'unknown'] ?? 0) + Number(r.n);
  }
  const byCode: Record<string, number> = {};
  for (const r of failed) byCode[r.error_code ?? 'unknown'] = (byCode[r.error_code ?? 'unknown'] ?? 0) + Number(r.n);
  const sent = total('sent');
  const delivered = total('delivered');
  const unique = Number(clickTotals.unique_people ?? 0);
  const optOutCount = total('optOuts');
  return {
    recipients, queued, excluded, sent, delivered,
    failed: { total: Object.values(byCode).reduce((a, b) => a + b, 0), byCode },
    deliveryRate: rate(delivered, sent),
    clicks: { unique, total: Number(clickTotals.human ?? 0), bots: Number(clickTotals.bots ?? 0) },
    clickThroughRate: rate(unique, delivered),
    replies: Number(replies.n ?? 0), optOuts: optOutCount, optOutRate: rate(optOutCount, delivered),
    conversions: total('conversions'),
    revenue: Object.fromEntries(revenue.map((r) => [r.currency, fromMicros(Number(r.micros))])),
    revenuePerSend: sent === 0 ? {} : Object.fromEntries(revenue.map((r) => [r.currency, fromMicros(Math.round(Number(r.micros) / sent))])),
    interval: q.interval, series,
  };
}

/** Buckets in time order, with the empty ones between the first and the last (within MAX_DENSE_BUCKETS). */
function fillGaps(buckets: ReadonlyMap<number, SeriesBucket>, step: number): SeriesBucket[] {
  const sorted = [...buckets.values()].sort((a, b) => a.start - b.start);
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last || (last.start - first.start) / step >= MAX_DENSE_BUCKETS) return sorted;
  const out: SeriesBucket[] = [];
  for (let start = first.start; start <= last.start; start += step) out.push(buckets.get(start) ?? { start, sent: 0, delivered: 0, clicks: 0, optOuts: 0, conversions: 0 });
  return out;
}

/** Each A/B variant's figures, by name: the campaign's query narrowed to that variant's recipients. */
export async function variantFigures(db: Db, q: FiguresQuery, names: readonly string[]): Promise<Array<readonly [string, CampaignFigures]>> {
  const out: Array<readonly [string, CampaignFigures]> = [];
  for (const name of names) out.push([name, await campaignFigures(db, { ...q, recipients: (cr) => cr('cr.variant', '=', name) })] as const);
  return out;
}
