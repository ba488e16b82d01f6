import type { Store } from '../store/store.ts';
import type { Campaign } from '../campaigns/model.ts';
import { countAudience } from '../campaigns/audience.ts';

// How far campaigns' fan-outs have got, for the dashboard's list and live progress: recipients
// handled (campaign_recipients rows, by its primary key's leading campaign_id) against the
// audience the campaign's own query counts now.

export interface Progress {
  handled: number;
  queued: number;
  /** The audience now; for a finished campaign, what it handled. */
  total: number;
  /** 0–100, whole. */
  percent: number;
}

/** A completed campaign handled its whole audience; any other is measured against the audience as it is now. */
const counted = (c: Campaign): boolean => c.status !== 'completed';

/** Handled and queued recipients of each campaign, in one query. */
export async function handledCounts(store: Store, accountId: string, ids: string[]): Promise<Map<string, { handled: number; queued: number }>> {
  const out = new Map<string, { handled: number; queued: number }>();
  if (ids.length === 0) return out;
  const rows = await store.db.selectFrom('campaign_recipients').select(['campaign_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('account_id', '=', accountId).where('campaign_id', 'in', ids).groupBy(['campaign_id', 'status']).execute();
  for (const r of rows) {
    const c = out.get(r.campaign_id) ?? { handled: 0, queued: 0 };
    c.handled += Number(r.n);
    if (r.status === 'queued') c.queued += Number(r.n);
    out.set(r.campaign_id, c);
  }
  return out;
}

export function progressOf(campaign: Campaign, counts: { handled: number; queued: number }, audience: number | null): Progress {
  const done = campaign.status === 'completed';
  const total = audience === null ? counts.handled : Math.max(audience, counts.handled);
  const percent = done ? 100 : total === 0 ? 0 : Math.min(100, Math.floor((counts.handled / total) * 100));
  return { ...counts, total, percent };
}

/** One campaign's progress (its audience counted when it is still going). */
export async function campaignProgress(store: Store, campaign: Campaign, now: number): Promise<Progress> {
  const counts = (await handledCounts(store, campaign.accountId, [campaign.id])).get(campaign.id) ?? { handled: 0, queued: 0 };
  return progressOf(campaign, counts, await audienceOf(store, campaign, now));
}

/** The audience a campaign's progress is measured against: null for a completed one (its handled recipients are all). */
export async function audienceOf(store: Store, campaign: Campaign, now: number): Promise<number | null> {
  return counted(campaign) ? countAudience(store.db, campaign.accountId, campaign.audience, now) : null;
}
