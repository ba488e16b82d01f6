import { PormError } from '../errors.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../store/schema.ts';
import type { JobHandler } from '../queue/job-handler.ts';
import type { Job } from '../queue/queue.ts';
import type { JobOutcome, Settlement } from '../queue/outcome.ts';
import type { SendService } from '../messages/send-service.ts';
import { contactFromRow } from '../contacts/contact-rows.ts';
import { campaignFromRow, type Campaign } from './model.ts';
import { audienceBatch } from './audience.ts';
import { mergeData } from './personalise.ts';
import { messageChooser } from './message-chooser.ts';
import { judgeAbTest } from './ab-judge.ts';
import { fanoutSendAt } from './local-schedule.ts';

/** Recipients one batch handles at most: one write unit, so it stays short for SQLite's single writer. */
export const MAX_BATCH = 200;

export function batchSizeOf(rate: number): number {
  return Math.max(1, Math.min(MAX_BATCH, rate));
}

/**
 * The durable fan-out (job campaign.fanout): each run handles one batch of the audience after the
 * campaign's cursor. The batch, every message it accepts (through SendService.sendIn, so the
 * compliance checks apply), its campaign_recipients rows, the moved cursor and the job's
 * rescheduling commit in one unit, the one that settles the job under its lease: a crash loses the
 * whole batch or none of it. The recipients' primary key is what stops a second message to a
 * contact, even if two runs were to read the same cursor.
 */
export class CampaignFanout implements JobHandler<'campaign.fanout'> {
  constructor(private readonly send: SendService, private readonly clock: Clock) {}

  async run(job: Job<'campaign.fanout'>): Promise<Settlement> {
    return { final: (tx) => this.batch(tx, job.payload.campaignId, job.payload.epoch) };
  }

  private async batch(tx: Db, campaignId: string, epoch: number): Promise<JobOutcome> {
    const now = this.clock.now();
    const row = await tx.selectFrom('campaigns').selectAll().where('id', '=', campaignId).executeTakeFirst();
    // Paused, canceled or resumed since this job was queued: a newer job (or none) carries on.
    if (!row || row.epoch !== epoch || (row.status !== 'scheduled' && row.status !== 'sending' && row.status !== 'testing')) return { type: 'done' };
    let campaign = campaignFromRow(row);
    if (row.status === 'scheduled') await tx.updateTable('campaigns').set({ status: 'sending', started_at: now, updated_at: now }).where('id', '=', campaignId).execute();
    if (row.status === 'testing') {
      // The A/B test's window is over (or not yet, if resumed early): judge it, then send the winner to the rest.
      const endsAt = campaign.ab?.testEndsAt ?? now;
      if (now < endsAt) return { type: 'wait', until: endsAt, reason: 'A/B test window' };
      campaign = await judgeAbTest(tx, campaign, now);
    }
    const size = batchSizeOf(campaign.effectiveRate);
    const contacts = await audienceBatch(tx, campaign.accountId, campaign.audience, row.cursor, size, now);
    const seen = contacts.length === 0 ? new Set<string>() : new Set((await tx.selectFrom('campaign_recipients').select('contact_id')
      .where('campaign_id', '=', campaignId).where('contact_id', 'in', contacts.map((c) => c.id)).execute()).map((r) => r.contact_id));
    const choose = messageChooser(campaign, row.ab_seen, row.ab_tested);
    for (const contactRow of contacts) {
      if (seen.has(contactRow.id)) continue;
      const chosen = choose();
      // In an A/B test's first phase, a contact outside the test group waits for the winner.
      if (chosen === null) continue;
      const contact = contactFromRow(contactRow);
      const outcome = await this.accept(tx, campaign, contact.phone, chosen.template.render(mergeData(contact)).text, chosen.mediaIds, chosen.variant, now, await fanoutSendAt(campaign, contact, now));
      // A plain insert: were the contact already a recipient, the unit fails and rolls back whole.
      await tx.insertInto('campaign_recipients').values({
        campaign_id: campaignId, contact_id: contact.id, account_id: campaign.accountId, phone: contact.phone,
        message_id: outcome.messageId, status: outcome.messageId === null ? 'excluded' : 'queued', reason: outcome.reason, created_at: now,
        variant: chosen.variant,
      }).execute();
    }
    const last = contacts[contacts.length - 1];
    const position = { ab_seen: choose.seen(), ab_tested: choose.tested() };
    if (contacts.length < size) {
      const ab = campaign.ab;
      if (ab !== null && ab.phase === 'test' && ab.test.testPercent < 100) {
        // The test group has its variants: wait out the window, then judge and start again from the first contact.
        const endsAt = now + ab.test.windowMinutes * 60_000;
        await tx.updateTable('campaigns').set({ status: 'testing', ab_phase: 'rest', ab_test_ends_at: endsAt, cursor: null, ...position, updated_at: now }).where('id', '=', campaignId).execute();
        return { type: 'wait', until: endsAt, reason: 'A/B test window' };
      }
      await tx.updateTable('campaigns').set({ status: 'completed', cursor: last?.id ?? row.cursor, ...position, finished_at: now, updated_at: now }).where('id', '=', campaignId).execute();
      return { type: 'done' };
    }
    await tx.updateTable('campaigns').set({ cursor: last!.id, ...position, updated_at: now }).where('id', '=', campaignId).execute();
    return { type: 'wait', until: now + Math.ceil((size * 1000) / campaign.effectiveRate), reason: 'campaign send rate' };
  }

  /** The message for one recipient, or the code compliance (or validation) refused it with. */
  private async accept(tx: Db, campaign: Campaign, to: string, body: string, mediaIds: string[], variant: string | null, now: number, sendAt?: string): Promise<{ messageId: string | null; reason: string | null }> {
    try {
      const message = await this.send.sendIn(tx, {
        accountId: campaign.accountId, to, from: campaign.from ?? '', body, category: campaign.category,
        media: mediaIds.map((id) => ({ id })), metadata: { campaign_id: campaign.id, ...(variant !== null ? { campaign_variant: variant } : {}) },
        ...(campaign.messagingServiceId !== null ? { messagingServiceId: campaign.messagingServiceId } : {}),
        ...(sendAt !== undefined ? { sendAt } : {}),
        ...(campaign.trackLinks ? { trackLinks: true } : {}),
      }, now);
      return { messageId: message.id, reason: null };
    } catch (err) {
      if (err instanceof PormError) return { messageId: null, reason: err.code };
      throw err;
    }
  }
}
