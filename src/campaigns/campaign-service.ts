import { PormError, type FieldError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { Db } from '../store/schema.ts';
import type { JobQueue } from '../queue/queue.ts';
import type { AcceptCheck } from '../messages/send-service.ts';
import type { NewMessage } from '../messages/model.ts';
import type { Contact } from '../contacts/model.ts';
import { decodeCursor, encodeCursor, type Page } from '../messages/query-service.ts';
import { parseIsoTimestamp } from '../messages/validate.ts';
import { contactFromRow } from '../contacts/contact-rows.ts';
import { campaignFromRow, type Audience, type Campaign, type CampaignInput, type CampaignStats, type CampaignStatus } from './model.ts';
import { audienceBatch, countAudience } from './audience.ts';
import { compileBody } from './personalise.ts';
import { parseAbTest, type AbTest } from './ab-test.ts';
import { checkLocalSchedule, fanoutSendAt } from './local-schedule.ts';
import { lateRecipients } from './local-late.ts';
import { checkTemplateInput, dryRunMessage, type CampaignRich } from './campaign-template.ts';

const MAX_IDS = 50;
const DEFAULT_RATE = 10;
/** Messages per second a campaign may ask for; the carriers' own limits still pace each submit (route-rate.ts). */
export const MAX_RATE = 100_000;
const MAX_AHEAD_MS = 35 * 86_400_000;
const DRY_RUN_BATCH = 500;
const DRY_RUN_SAMPLE = 20;

export interface DryRun {
  audience: number;
  wouldSend: number;
  excluded: Record<string, number>;
  sample: Array<{ phone: string; reason: string }>;
  /** Up to DRY_RUN_SAMPLE would-send recipients and the message each would get (a template's channel and SMS text, or the body). */
  messages: Array<{ phone: string; channel: string | null; text: string }>;
  /** send_at_local campaigns: would-send recipients by the instant their message would go ("now": already late). */
  sendTimes?: Record<string, number>;
}

const countTime = (result: DryRun, at: string): void => {
  const times = (result.sendTimes ??= {});
  times[at] = (times[at] ?? 0) + 1;
};

const badMove = (status: string, wanted: string): PormError => new PormError('PORM_CAMPAIGN_BAD_TRANSITION', `the campaign is ${status}; it cannot be ${wanted}`);

/** Campaigns (`/v1/campaigns`): their audience, schedule and moves; the fan-out itself is fanout.ts. */
export class CampaignService {
  constructor(
    private readonly store: Store,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
    /** The send path's accept-time compliance check, which a dry run asks for each recipient. */
    private readonly compliance: AcceptCheck,
    private readonly rateCap: (accountId: string) => number | null,
    /** Rich templates: checked when a campaign names one, bound per recipient by a dry run; without it, a template is refused. */
    private readonly rich: CampaignRich | null = null,
  ) {}

  async create(accountId: string, input: CampaignInput): Promise<Campaign> {
    const now = this.clock.now();
    const made = input.originKey === undefined ? undefined : await this.byOrigin(this.store.db, accountId, input.originKey);
    if (made) return made;
    const template = await checkTemplateInput(this.rich, accountId, input);
    const ab = template === null ? this.abTestOf(input) : null;
    const errors: FieldError[] = [];
    const name = input.name.trim();
    if (name === '' || name.length > 200) errors.push({ field: '/name', code: 'PORM_INVALID_FIELD', message: '1 to 200 characters' });
    const ids = (list: string[] | undefined, field: string): string[] => {
      const unique = [...new Set(list ?? [])];
      if (unique.length > MAX_IDS) errors.push({ field, code: 'PORM_INVALID_FIELD', message: `at most ${MAX_IDS} ids` });
      return unique;
    };
    const lists = ids(input.audience.lists, '/audience/lists');
    const segments = ids(input.audience.segments, '/audience/segments');
    const excludeLists = ids(input.audience.excludeLists, '/audience/exclude_lists');
    let sendAt: number | null = null;
    if (input.sendAt !== undefined) {
      const parsed = parseIsoTimestamp(input.sendAt);
      if (parsed === undefined || parsed > now + MAX_AHEAD_MS) errors.push({ field: '/send_at', code: 'PORM_INVALID_SEND_AT', message: 'an ISO 8601 timestamp with a zone, at most 35 days ahead' });
      else sendAt = parsed > now ? parsed : null;
    }
    const local = checkLocalSchedule(input, now, MAX_AHEAD_MS, errors);
    const rate = input.sendRate ?? DEFAULT_RATE;
    if (!Number.isInteger(rate) || rate < 1 || rate > MAX_RATE) errors.push({ field: '/send_rate', code: 'PORM_INVALID_FIELD', message: `a whole number of messages per second, 1 to ${MAX_RATE}` });
    if (errors.length > 0) throw new PormError(errors[0]!.code, errors[0]!.message, errors);
    if (lists.length === 0 && segments.length === 0) throw new PormError('PORM_CAMPAIGN_NO_AUDIENCE', undefined, [{ field: '/audience', code: 'PORM_CAMPAIGN_NO_AUDIENCE', message: 'name at least one list or segment' }]);
    if ((input.from ?? '') === '' && input.messagingServiceId === undefined) throw new PormError('PORM_CAMPAIGN_NO_SENDER', undefined, [{ field: '/from', code: 'PORM_CAMPAIGN_NO_SENDER', message: 'a from number or a messaging_service_id' }]);
    await this.checkLists(accountId, lists, '/audience/lists');
    await this.checkLists(accountId, excludeLists, '/audience/exclude_lists');
    const rules = await this.rulesOf(accountId, segments);
    const audience: Audience = { lists, segments, excludeLists, rules };
    const draft = input.draft === true;
    if (!draft) await this.requireAudience(accountId, audience, now);
    const cap = this.rateCap(accountId);
    const created = await this.store.write(async (tx) => {
      if (input.originKey !== undefined) {
        // Two sends of one form at once: the later waits here for the first to commit, then finds its campaign.
        await this.store.lockKey(tx, `campaign-origin:${accountId}:${input.originKey}`);
        const first = await this.byOrigin(tx, accountId, input.originKey);
        if (first) return first.id;
      }
      const id = newId('cmp', now);
      await tx.insertInto('campaigns').values({
        id, account_id: accountId, name, status: draft ? 'draft' : 'scheduled', audience_json: JSON.stringify(audience), body: input.body ?? '',
        media_json: JSON.stringify(input.mediaIds ?? []), from_number: input.from ?? null, messaging_service_id: input.messagingServiceId ?? null,
        category: input.category ?? 'marketing', send_at: sendAt,
        send_at_local: local?.sendAtLocal ?? null, send_at_local_fallback_zone: local?.fallbackZone ?? null, send_rate: rate, effective_rate: cap === null ? rate : Math.min(rate, cap),
        cursor: null, epoch: 1, created_at: now, updated_at: now, started_at: null, finished_at: null,
        ab_json: ab === null ? null : JSON.stringify(ab), ab_phase: ab === null ? null : 'test', ab_seen: 0, ab_tested: 0, ab_test_ends_at: null, ab_winner: null, ab_results_json: null,
        track_links: input.trackLinks === false || template !== null ? 0 : 1,
        template_id: template?.id ?? null, template_revision: template?.revision ?? null, template_data_json: template === null ? null : JSON.stringify(template.data),
        origin_key: input.originKey ?? null,
      }).execute();
      if (!draft) await this.queue.enqueue(tx, 'campaign.fanout', { campaignId: id, epoch: 1 }, sendAt ?? now);
      return id;
    });
    return this.get(accountId, created);
  }

  private async byOrigin(db: Db, accountId: string, key: string): Promise<Campaign | undefined> {
    const row = await db.selectFrom('campaigns').selectAll().where('account_id', '=', accountId).where('origin_key', '=', key).executeTakeFirst();
    return row ? campaignFromRow(row) : undefined;
  }

  /** The A/B test, checked; or null, and then the one body is checked. */
  private abTestOf(input: CampaignInput): AbTest | null {
    if (input.abTest === undefined) {
      compileBody(input.body ?? '');
      return null;
    }
    if (input.body !== undefined && input.body !== '') {
      throw new PormError('PORM_CAMPAIGN_AB_INVALID', 'an A/B campaign has no body of its own: each variant has one', [{ field: '/body', code: 'PORM_CAMPAIGN_AB_INVALID', message: 'leave body out: each variant has its own' }]);
    }
    return parseAbTest(input.abTest);
  }

  async get(accountId: string, id: string): Promise<Campaign> {
    const row = await this.store.db.selectFrom('campaigns').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new PormError('PORM_CAMPAIGN_NOT_FOUND');
    return campaignFromRow(row);
  }

  async list(accountId: string, limit: number, cursor?: string): Promise<Page<Campaign>> {
    let query = this.store.db.selectFrom('campaigns').selectAll().where('account_id', '=', accountId);
    if (cursor) query = query.where('id', '<', decodeCursor(cursor, 'cmp'));
    const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
    const data = rows.slice(0, limit).map(campaignFromRow);
    return { data, nextCursor: rows.length > limit ? encodeCursor(data[data.length - 1]!.id) : null };
  }

  /** Recipients by outcome, and their messages by status (joined through campaign_recipients). */
  async stats(accountId: string, id: string): Promise<CampaignStats> {
    const db = this.store.db;
    const byOutcome = await db.selectFrom('campaign_recipients').select(['status', 'reason', 'variant', (eb) => eb.fn.countAll<number>().as('n')])
      .where('account_id', '=', accountId).where('campaign_id', '=', id).groupBy(['status', 'reason', 'variant']).execute();
    const byMessage = await db.selectFrom('campaign_recipients').innerJoin('messages', 'messages.id', 'campaign_recipients.message_id')
      .select(['messages.status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('campaign_recipients.account_id', '=', accountId).where('campaign_recipients.campaign_id', '=', id).groupBy('messages.status').execute();
    const excluded: Record<string, number> = {};
    const variants: Record<string, { recipients: number; queued: number }> = {};
    let recipients = 0;
    let queued = 0;
    for (const r of byOutcome) {
      recipients += Number(r.n);
      if (r.status === 'queued') queued += Number(r.n);
      else excluded[r.reason ?? 'unknown'] = (excluded[r.reason ?? 'unknown'] ?? 0) + Number(r.n);
      if (r.variant !== null) {
        const v = (variants[r.variant] ??= { recipients: 0, queued: 0 });
        v.recipients += Number(r.n);
        if (r.status === 'queued') v.queued += Number(r.n);
      }
    }
    const messages = Object.fromEntries(byMessage.map((r) => [r.status, Number(r.n)]));
    const late = await lateRecipients(db, accountId, id);
    return { recipients, queued, excluded, messages, ...(Object.keys(variants).length > 0 ? { variants } : {}), ...(late !== undefined ? { late } : {}) };
  }

  /** draft → scheduled: the fan-out starts at send_at (or now). */
  start(accountId: string, id: string): Promise<Campaign> {
    return this.move(accountId, id, ['draft'], 'started', async (c) => {
      await this.requireAudience(accountId, c.audience, this.clock.now());
      return 'scheduled';
    }, true);
  }

  pause(accountId: string, id: string): Promise<Campaign> {
    return this.move(accountId, id, ['scheduled', 'sending', 'testing'], 'paused', async () => 'paused', false);
  }

  /**
   * paused → sending at the cursor where it stopped; scheduled while send_at is ahead; testing while
   * an A/B test's window has not yet been judged (its job then waits for the window's end).
   */
  resume(accountId: string, id: string): Promise<Campaign> {
    return this.move(accountId, id, ['paused'], 'resumed', async (c) => {
      if (c.startedAt === null) return 'scheduled';
      return c.ab?.phase === 'rest' && c.ab.winner === null ? 'testing' : 'sending';
    }, true);
  }

  /** Stops the fan-out for good; messages it already accepted go on (cancel them one by one if need be). */
  cancel(accountId: string, id: string): Promise<Campaign> {
    return this.move(accountId, id, ['draft', 'scheduled', 'sending', 'testing', 'paused'], 'canceled', async () => 'canceled', false);
  }

  /** Who would get the campaign now and who compliance would exclude and why; nothing is written. */
  async dryRun(accountId: string, id: string): Promise<DryRun> {
    const campaign = await this.get(accountId, id);
    const now = this.clock.now();
    const result: DryRun = { audience: 0, wouldSend: 0, excluded: {}, sample: [], messages: [] };
    const compiled = campaign.template === null && campaign.ab === null ? compileBody(campaign.body) : null;
    let cursor: string | null = null;
    for (;;) {
      const rows = await audienceBatch(this.store.db, accountId, campaign.audience, cursor, DRY_RUN_BATCH, now);
      const contacts = rows.map((row) => contactFromRow(row));
      result.audience += contacts.length;
      const exclude = (phone: string, code: string): void => {
        result.excluded[code] = (result.excluded[code] ?? 0) + 1;
        if (result.sample.length < DRY_RUN_SAMPLE) result.sample.push({ phone, reason: code });
      };
      // A template is bound for each recipient as the fan-out would: data a "block" slot lacks excludes them.
      const bound: Array<{ contact: Contact; message: { channel: string | null; text: string } | null }> = [];
      for (const contact of contacts) {
        try {
          bound.push({ contact, message: await dryRunMessage(this.rich, campaign, contact, compiled) });
        } catch (err) {
          if (!(err instanceof PormError)) throw err;
          exclude(contact.phone, err.code);
        }
      }
      const refusals = await this.acceptRefusals(accountId, bound.map(({ contact, message }) => ({
        to: contact.phone, from: campaign.from ?? '', body: message?.text ?? campaign.body, subject: null, media: [], statusCallback: null, metadata: null,
        sendAt: null, validityPeriod: null, category: campaign.category, callbackDialect: 'standard', fallback: 'auto', requestedChannel: 'auto', messagingServiceId: campaign.messagingServiceId,
      })), now);
      for (const [i, { contact, message }] of bound.entries()) {
        const refusal = refusals[i];
        if (refusal) {
          exclude(contact.phone, refusal.code);
          continue;
        }
        result.wouldSend += 1;
        if (message !== null && result.messages.length < DRY_RUN_SAMPLE) result.messages.push({ phone: contact.phone, ...message });
        if (campaign.sendAtLocal !== null) countTime(result, (await fanoutSendAt(campaign, contact, now)) ?? 'now');
      }
      if (rows.length < DRY_RUN_BATCH) return result;
      cursor = rows[rows.length - 1]!.id;
    }
  }

  /**
   * What the accept-time check refuses each message for (null: accepted): the whole batch at once
   * where the check can (recipient standings in one statement per 500, as the fan-out reads them).
   */
  private async acceptRefusals(accountId: string, messages: readonly NewMessage[], now: number): Promise<Array<PormError | null>> {
    if (this.compliance.atAcceptMany) return this.compliance.atAcceptMany(this.store.db, accountId, messages, now);
    const out: Array<PormError | null> = [];
    for (const message of messages) {
      try {
        await this.compliance.atAccept(this.store.db, accountId, message, now);
        out.push(null);
      } catch (err) {
        if (!(err instanceof PormError)) throw err;
        out.push(err);
      }
    }
    return out;
  }

  private async move(accountId: string, id: string, from: CampaignStatus[], wanted: string, to: (c: Campaign) => Promise<CampaignStatus>, enqueue: boolean): Promise<Campaign> {
    const campaign = await this.get(accountId, id);
    if (!from.includes(campaign.status)) throw badMove(campaign.status, wanted);
    const next = await to(campaign);
    const now = this.clock.now();
    await this.store.write(async (tx) => {
      const row = await tx.selectFrom('campaigns').select(['status', 'epoch']).where('id', '=', id).executeTakeFirstOrThrow();
      // Moved by someone else (or finished by the fan-out) since it was read.
      if (row.status !== campaign.status) throw badMove(row.status, wanted);
      const epoch = row.epoch + 1;
      const final = next === 'canceled';
      await tx.updateTable('campaigns').set({ status: next, epoch, updated_at: now, ...(final ? { finished_at: now } : {}) }).where('id', '=', id).execute();
      // A new epoch retires any job still queued for the old one; the new job carries on at the cursor.
      const at = Math.max(now, campaign.sendAt ?? now, next === 'testing' ? campaign.ab?.testEndsAt ?? now : now);
      if (enqueue) await this.queue.enqueue(tx, 'campaign.fanout', { campaignId: id, epoch }, at);
    });
    return this.get(accountId, id);
  }

  private async requireAudience(accountId: string, audience: Audience, now: number): Promise<void> {
    if (await countAudience(this.store.db, accountId, audience, now) === 0) throw new PormError('PORM_CAMPAIGN_EMPTY_AUDIENCE');
  }

  private async checkLists(accountId: string, lists: string[], field: string): Promise<void> {
    if (lists.length === 0) return;
    const found = new Set((await this.store.db.selectFrom('contact_lists').select('id').where('account_id', '=', accountId).where('id', 'in', lists).execute()).map((r) => r.id));
    const index = lists.findIndex((l) => !found.has(l));
    // Another account's list is not found, exactly like one that does not exist.
    if (index >= 0) throw new PormError('PORM_LIST_NOT_FOUND', `no list ${lists[index]} in this account`, [{ field: `${field}/${index}`, code: 'PORM_LIST_NOT_FOUND', message: `no list ${lists[index]} in this account` }]);
  }

  private async rulesOf(accountId: string, segments: string[]): Promise<unknown[]> {
    if (segments.length === 0) return [];
    const rows = await this.store.db.selectFrom('segments').select(['id', 'rule_json']).where('account_id', '=', accountId).where('id', 'in', segments).execute();
    const byId = new Map(rows.map((r) => [r.id, JSON.parse(r.rule_json) as unknown]));
    return segments.map((s, index) => {
      if (!byId.has(s)) throw new PormError('PORM_SEGMENT_NOT_FOUND', `no segment ${s} in this account`, [{ field: `/audience/segments/${index}`, code: 'PORM_SEGMENT_NOT_FOUND', message: `no segment ${s} in this account` }]);
      return byId.get(s);
    });
  }
}
