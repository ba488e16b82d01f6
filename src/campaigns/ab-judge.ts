import type { Db } from '../store/schema.ts';
import type { Campaign } from './model.ts';
import { chooseWinner, rateOf, type AbTest, type VariantResult } from './ab-test.ts';

/**
 * Each variant's figures over its test recipients: those a message was accepted for, and of them
 * the ones who tapped a tracked link (link previews and other bots apart) or whose conversion was
 * credited to their message. Counted per recipient, so one keen tapper counts once.
 */
export async function variantResults(db: Db, accountId: string, campaignId: string, test: AbTest): Promise<VariantResult[]> {
  const recipients = await db.selectFrom('campaign_recipients').select(['variant', (eb) => eb.fn.countAll<number>().as('n')])
    .where('account_id', '=', accountId).where('campaign_id', '=', campaignId).where('status', '=', 'queued').where('variant', 'is not', null)
    .groupBy('variant').execute();
  const base = db.selectFrom('campaign_recipients as r')
    .where('r.account_id', '=', accountId).where('r.campaign_id', '=', campaignId).where('r.status', '=', 'queued').where('r.variant', 'is not', null);
  const successes = test.metric === 'clicks'
    // Through the message's links (tracked_links_message), then their clicks (link_clicks_token): both indexed.
    ? await base.where((eb) => eb.exists(eb.selectFrom('tracked_links as t').innerJoin('link_clicks as k', 'k.token', 't.token').select('k.id')
      .whereRef('t.message_id', '=', 'r.message_id').where('t.account_id', '=', accountId).where('k.bot', '=', 0)))
      .select(['r.variant', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('r.variant').execute()
    : await base.where((eb) => eb.exists(eb.selectFrom('conversions as c').select('c.id')
      .whereRef('c.message_id', '=', 'r.message_id').where('c.account_id', '=', accountId)))
      .select(['r.variant', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('r.variant').execute();
  const sent = new Map(recipients.map((r) => [r.variant, Number(r.n)]));
  const won = new Map(successes.map((r) => [r.variant, Number(r.n)]));
  return test.variants.map((v) => {
    const n = sent.get(v.name) ?? 0;
    const k = won.get(v.name) ?? 0;
    return { name: v.name, recipients: n, successes: k, rate: rateOf(k, n) };
  });
}

/** Chooses the winner when the window is over and records it with its figures; the campaign is sending again. */
export async function judgeAbTest(tx: Db, campaign: Campaign, now: number): Promise<Campaign> {
  const ab = campaign.ab!;
  const results = await variantResults(tx, campaign.accountId, campaign.id, ab.test);
  const winner = chooseWinner(ab.test, results);
  await tx.updateTable('campaigns').set({ status: 'sending', ab_winner: winner, ab_results_json: JSON.stringify(results), updated_at: now })
    .where('id', '=', campaign.id).execute();
  return { ...campaign, status: 'sending', ab: { ...ab, winner, results } };
}
