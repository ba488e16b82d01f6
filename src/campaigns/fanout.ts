import { PormError } from '../errors.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import type { JobHandler } from '../queue/job-handler.ts';
import { LeaseLostError, type Job, type JobQueue } from '../queue/queue.ts';
import type { JobOutcome, Settlement } from '../queue/outcome.ts';
import type { SendService } from '../messages/send-service.ts';
import type { SendCommand } from '../messages/commands.ts';
import type { Contact } from '../contacts/model.ts';
import { contactFromRow } from '../contacts/contact-rows.ts';
import type { Selectable } from 'kysely';
import { rowsTemplate } from '../store/rows-template.ts';
import { campaignFromRow, type Campaign } from './model.ts';
import type { CampaignRecipientsTable } from './tables.ts';
import { audienceBatch } from './audience.ts';
import { mergeData, templateData } from './personalise.ts';
import { messageChooser, type Chosen } from './message-chooser.ts';
import { judgeAbTest } from './ab-judge.ts';
import { fanoutSendAt } from './local-schedule.ts';

/**
 * Recipients one batch handles at most: one write unit, so it stays short for SQLite's single
 * writer (1,000 accepts hold it for tens of milliseconds, like a burst of API group commits).
 * A batch is one second of the campaign's rate up to this, so slow campaigns keep small units.
 */
export const MAX_BATCH = 1000;
/** campaign_recipients rows per INSERT statement (9 values a row, well under either store's bound variables). */
const RECIPIENT_ROWS_PER_INSERT = 500;
type RecipientRow = Selectable<CampaignRecipientsTable>;
const insertRecipients = rowsTemplate<RecipientRow>(
  ['campaign_id', 'contact_id', 'account_id', 'phone', 'message_id', 'status', 'reason', 'created_at', 'variant'],
  (db, rows) => db.insertInto('campaign_recipients').values(rows));
/**
 * A run goes on with its next batch in its own write unit when that batch is due within this
 * (sleeping until then) rather than handing the job back to the queue: re-queued, the job would
 * be claimed only after every send job its earlier batches queued (claims go in run_at order), so
 * a fast campaign would fan out no faster than its messages are sent.
 */
const INLINE_WAIT_MS = 250;
/**
 * A run hands its job back to the queue after this long at most, so that one campaign does not
 * keep a worker to itself. Handed back with its next batch due at once, it is queued at the
 * run_at it was claimed with: claims go in run_at order, and queued at "now" it would wait behind
 * every send job its own batches queued (in a campaign of 1,000,000 the fan-out then ran no
 * faster than the messages were sent: 1,559 recipients/s, where runs back to back do 15,000 or more).
 */
const MAX_RUN_MS = 10_000;

export function batchSizeOf(rate: number): number {
  return Math.max(1, Math.min(MAX_BATCH, rate));
}

/**
 * The durable fan-out (job campaign.fanout): each run handles batches of the audience after the
 * campaign's cursor, as many in a row as are due within INLINE_WAIT_MS of each other (for up to
 * MAX_RUN_MS, then handed back due at once). A batch, every message it accepts (through
 * SendService.sendManyIn, so the compliance checks apply to each recipient, read for the whole
 * batch at once), its campaign_recipients rows and the moved cursor commit in one unit, which
 * first checks the job's lease (a worker that lost it commits nothing and drops the run); a run
 * stopped by shutdown commits its last batch in the unit that settles the job under its lease: a
 * crash loses a whole batch or none of it, and the job, released on restart, resumes at the cursor. The
 * recipients' primary key is what stops a second message to a contact, even if two runs were to
 * read the same cursor.
 */
export class CampaignFanout implements JobHandler<'campaign.fanout'> {
  constructor(
    private readonly send: SendService,
    private readonly clock: Clock,
    private readonly store: Store,
    /** Where each batch run before the last checks (and extends) the job's lease, in the batch's own unit. */
    private readonly leases: { queue: Pick<JobQueue, 'renewIn'>; leaseMs: number },
    private readonly maxRunMs = MAX_RUN_MS,
  ) {}

  async run(job: Job<'campaign.fanout'>, signal: AbortSignal): Promise<Settlement> {
    const { campaignId, epoch } = job.payload;
    // Batches due soon run here one after the other, each in its own unit (batch, recipients and
    // cursor together, the epoch read again in each: a pause stops the next one). On shutdown the
    // last batch of the run commits in the unit that settles the job.
    const runEnds = performance.now() + this.maxRunMs;
    for (;;) {
      if (signal.aborted) break;
      const outcome = await this.store.write(async (tx) => {
        // A worker whose lease was taken (it stalled past the lease, another claimed the job) must
        // not commit a batch: the check holds the job row to the unit's end, so it is still ours at commit.
        if (!(await this.leases.queue.renewIn(tx, job.lease, this.clock.now(), this.leases.leaseMs))) throw new LeaseLostError(job.lease);
        return this.batch(tx, campaignId, epoch);
      });
      if (outcome.type !== 'wait') return outcome;
      const wait = outcome.until - this.clock.now();
      if (wait > INLINE_WAIT_MS) return outcome;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      // The next batch is due now (its pace waited out above): handed back ahead of the sends (MAX_RUN_MS).
      if (performance.now() > runEnds) return { ...outcome, until: Math.min(job.runAt, this.clock.now()) };
    }
    return { final: (tx) => this.batch(tx, campaignId, epoch) };
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
    // Recipients already recorded among these contacts (an A/B test's second pass; a batch run twice).
    // The contacts come in id order, so the primary key's range from the first to the last holds
    // all of them: one range read, where "contact_id IN (…1,000 ids)" was 1,000 probes and a
    // statement compiled afresh each batch.
    const seen = contacts.length === 0 ? new Set<string>() : new Set((await tx.selectFrom('campaign_recipients').select('contact_id')
      .where('campaign_id', '=', campaignId).where('contact_id', '>=', contacts[0]!.id).where('contact_id', '<=', contacts[contacts.length - 1]!.id).execute()).map((r) => r.contact_id));
    const choose = messageChooser(campaign, row.ab_seen, row.ab_tested);
    const picked: Array<{ contact: Contact; chosen: Chosen; command: SendCommand }> = [];
    for (const contactRow of contacts) {
      if (seen.has(contactRow.id)) continue;
      const chosen = choose();
      // In an A/B test's first phase, a contact outside the test group waits for the winner.
      if (chosen === null) continue;
      const contact = contactFromRow(contactRow);
      const content: Content = campaign.template !== null
        ? { template: campaign.template.id, templateRevision: campaign.template.revision, data: templateData(campaign.template.data, contact), channel: 'auto' }
        : { body: chosen.template.render(mergeData(contact)).text, media: chosen.mediaIds.map((id) => ({ id })) };
      const command = commandOf(campaign, contact.phone, content, chosen.variant, campaign.sendAtLocal === null ? undefined : await fanoutSendAt(campaign, contact, now));
      picked.push({ contact, chosen, command });
    }
    // The whole batch through the send path's checks at once; each recipient's outcome is its message or the code it was refused with.
    const outcomes = await this.send.sendManyIn(tx, campaign.accountId, picked.map((p) => p.command), now);
    const recipients: RecipientRow[] = picked.map(({ contact, chosen }, i) => {
      const outcome = outcomes[i]!;
      const messageId = outcome instanceof PormError ? null : outcome.id;
      return {
        campaign_id: campaignId, contact_id: contact.id, account_id: campaign.accountId, phone: contact.phone,
        message_id: messageId, status: messageId === null ? 'excluded' : 'queued', reason: outcome instanceof PormError ? outcome.code : null, created_at: now,
        variant: chosen.variant,
      };
    });
    // Plain multi-row inserts in the same unit: were a contact already a recipient, the unit fails and rolls back whole.
    for (let i = 0; i < recipients.length; i += RECIPIENT_ROWS_PER_INSERT) {
      await insertRecipients(tx, recipients.slice(i, i + RECIPIENT_ROWS_PER_INSERT));
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

}

/** What one recipient's message carries: the personalised body and media, or the template with their data (sent as POST /v1/messages sends it, channel auto). */
type Content = Pick<SendCommand, 'body' | 'media'> | Pick<SendCommand, 'template' | 'templateRevision' | 'data' | 'channel'>;

/** The send command of one recipient's message. */
function commandOf(campaign: Campaign, to: string, content: Content, variant: string | null, sendAt?: string): SendCommand {
  return {
    accountId: campaign.accountId, to, from: campaign.from ?? '', ...content, category: campaign.category,
    metadata: { campaign_id: campaign.id, ...(variant !== null ? { campaign_variant: variant } : {}) },
    ...(campaign.messagingServiceId !== null ? { messagingServiceId: campaign.messagingServiceId } : {}),
    ...(sendAt !== undefined ? { sendAt } : {}),
    ...(campaign.trackLinks ? { trackLinks: true } : {}),
  };
}
