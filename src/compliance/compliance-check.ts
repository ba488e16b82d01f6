import { PormError } from '../errors.ts';
import type { Db } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import type { Message, NewMessage } from '../messages/model.ts';
import type { ComplianceCheck, ComplianceRequest } from '../messages/send/ports.ts';
import type { ClaimStop } from '../messages/send/step-outcome.ts';
import type { AcceptCheck } from '../messages/send-service.ts';
import type { Program } from './programs/program-store.ts';
import { appendConsent, consentLockKey } from './consent/ledger.ts';
import { recipientStanding, type RecipientStanding } from './recipient-standing.ts';
import { recipientStandings } from './recipient-standings.ts';
import { isComplianceReply, replyText, sendComplianceReply, type SystemSender } from './replies.ts';
import { noteCompliance, type Announcer } from './events.ts';
import { quietHoursStop } from './quiet-hours/index.ts';
import { frequencyCapStop } from './caps/index.ts';
import { contactTimeZone } from '../contacts/contact-zone.ts';

/** How long a double opt-in hold waits before it looks again (a YES releases it at once). */
export const DOUBLE_OPT_IN_RECHECK_MS = 6 * 3600_000;
const DOUBLE_OPT_IN_REASON = 'double opt-in: waiting for the recipient to reply YES';

const optedOut = (to: string): ClaimStop => ({ kind: 'fail', code: 'PORM_RECIPIENT_OPTED_OUT', message: `${to} opted out of messages from this program (Twilio 21610)` });

/**
 * The compliance check, at accept time (refuse before storing) and in the claim unit (a STOP may
 * have arrived in between): suppression, consent for marketing, double opt-in, then quiet hours
 * and frequency caps (compliance-time's rules). porm's own compliance replies are exempt.
 */
export class Compliance implements ComplianceCheck, AcceptCheck {
  /** Set once the send service exists (it takes this check): double opt-in requests go through it. */
  sender: SystemSender | null = null;

  constructor(
    private readonly store: Pick<Store, 'lockKey'>,
    private readonly announcer: Announcer,
    /** Off (config compliance.enforce: false): no send is checked; STOP/START/HELP are still recorded and answered. */
    private readonly enforce = true,
  ) {}

  async atAccept(tx: Db, accountId: string, message: NewMessage, _now: number): Promise<void> {
    if (!this.enforce) return;
    // One statement for program, suppression and consent (recipient-standing.ts), in this unit.
    const refusal = acceptRefusal(message, await recipientStanding(tx, accountId, message.from, message.to));
    if (refusal) throw refusal;
  }

  /**
   * atAccept for many messages of one account (campaign fan-out), reading the standings of all
   * recipients of each sender number at once (recipient-standings.ts): for each message, the
   * PormError atAccept would throw, or null.
   */
  async atAcceptMany(tx: Db, accountId: string, messages: readonly NewMessage[], _now: number): Promise<Array<PormError | null>> {
    if (!this.enforce) return messages.map(() => null);
    const tosByFrom = new Map<string, string[]>();
    for (const m of messages) {
      const tos = tosByFrom.get(m.from);
      if (tos) tos.push(m.to);
      else tosByFrom.set(m.from, [m.to]);
    }
    const standings = new Map<string, Map<string, RecipientStanding>>();
    for (const [from, tos] of tosByFrom) standings.set(from, await recipientStandings(tx, accountId, from, tos));
    return messages.map((m) => acceptRefusal(m, standings.get(m.from)!.get(m.to)!));
  }

  async check(tx: Db, { message, now }: ComplianceRequest): Promise<ClaimStop | undefined> {
    if (!this.enforce) return undefined;
    // Serialises with a STOP's unit for this recipient (PostgreSQL; SQLite has one writer anyway).
    // Shared unless this claim may itself write consent (a marketing message's double opt-in
    // request), so a burst of passcodes to one phone is not sent one commit at a time.
    await this.store.lockKey(tx, consentLockKey(message.accountId, message.to), message.category === 'marketing' ? 'exclusive' : 'shared');
    // Read after the lock, so a STOP committed by a unit holding it is seen here.
    const standing = await recipientStanding(tx, message.accountId, message.from, message.to);
    const { program } = standing;
    const stop = await this.stopFor(tx, message, standing, now);
    if (!stop || await isComplianceReply(tx, message.id)) return undefined;
    // Announced when the job settles (lease-checked), not here: a claim whose worker then loses
    // the job must not leave a second compliance.held behind (record.ts runs these).
    const { announcer } = this;
    if (stop.kind === 'fail') {
      return { ...stop, compliance: { announce: (t, m, at) => noteCompliance(t, announcer, m, 'compliance.blocked', { code: stop.code, reason: stop.message, program_id: program.id }, at) } };
    }
    const doubleOptIn = stop.reason === DOUBLE_OPT_IN_REASON;
    return {
      ...stop,
      compliance: {
        ...(doubleOptIn ? { until: (t: Db, planned: number, at: number) => this.stillAwaitingYes(t, message, planned, at) } : {}),
        announce: (t, m, at) => noteCompliance(t, announcer, m, 'compliance.held', { reason: stop.reason, until: new Date(stop.until).toISOString(), program_id: program.id }, at),
      },
    };
  }

  /**
   * A double opt-in hold when its job settles: the YES may have arrived between the claim and now,
   * and its unit could not bring forward a job this worker held. Under the recipient's consent lock
   * (which the YES's unit takes too) either the YES committed first and deleted the hold row (so
   * the job runs again now), or it runs after this unit and finds the job unlocked.
   */
  private async stillAwaitingYes(tx: Db, message: Message, planned: number, now: number): Promise<number> {
    await this.store.lockKey(tx, consentLockKey(message.accountId, message.to));
    const hold = await tx.selectFrom('compliance_holds').select('message_id').where('message_id', '=', message.id).executeTakeFirst();
    return hold ? planned : now;
  }

  private async stopFor(tx: Db, message: Message, { program, suppressed, latest }: RecipientStanding, now: number): Promise<ClaimStop | undefined> {
    const { settings } = program;
    if (suppressed) return optedOut(message.to);
    if (message.category === 'marketing' && (settings.doubleOptIn || settings.requireConsentForMarketing)) {
      if (settings.doubleOptIn && !(latest?.type === 'opt_in' && latest.confirmed)) {
        return this.holdForConfirmation(tx, message, program, latest?.type === 'confirm_requested', now);
      }
      if (settings.requireConsentForMarketing && latest?.type !== 'opt_in') {
        return { kind: 'fail', code: 'PORM_CONSENT_REQUIRED', message: consentRequired(message.to).message };
      }
    }
    // Quiet hours and caps: compliance-time's rules (src/compliance/quiet-hours, src/compliance/caps).
    // A contact's stored zone is trusted over the number's (src/contacts); looked up only where quiet hours apply.
    const zoneMatters = message.category !== 'transactional' || settings.quietHours.appliesToTransactional;
    const knownZone = zoneMatters ? await contactTimeZone(tx, message.accountId, message.to) : null;
    return await quietHoursStop({ category: message.category, to: message.to, knownZone, now, settings })
      ?? await frequencyCapStop(tx, { accountId: message.accountId, programId: program.id, to: message.to, category: message.category, now, settings, excludeMessageId: message.id }, this.store);
  }

  /** Double opt-in: ask once for YES (unless already asked), hold the message until it arrives. */
  private async holdForConfirmation(tx: Db, message: Message, program: Program, asked: boolean, now: number): Promise<ClaimStop> {
    if (!asked && this.sender) {
      await sendComplianceReply(tx, this.sender, {
        accountId: message.accountId, from: message.from, to: message.to, body: replyText(program.settings, 'confirm_request', undefined), kind: 'confirm_request', inboundId: null,
      }, now);
      await appendConsent(tx, {
        accountId: message.accountId, programId: program.id, recipient: message.to, type: 'confirm_requested', source: 'keyword', confirmed: false,
        wording: replyText(program.settings, 'confirm_request', undefined), url: null, ip: null, userAgent: null, keyword: null, inboundId: null, at: now,
      }, now);
    }
    await tx.insertInto('compliance_holds').values({ message_id: message.id, account_id: message.accountId, program_id: program.id, recipient: message.to, created_at: now })
      .onConflict((oc) => oc.column('message_id').doNothing()).execute();
    return { kind: 'defer', until: now + DOUBLE_OPT_IN_RECHECK_MS, reason: DOUBLE_OPT_IN_REASON };
  }
}

/** What atAccept refuses a message for, given its recipient's standing: suppression, or no consent for marketing. */
function acceptRefusal(message: NewMessage, { program, suppressed, latest }: RecipientStanding): PormError | null {
  if (suppressed) {
    return new PormError('PORM_RECIPIENT_OPTED_OUT', `${message.to} opted out of messages from this program`, [
      { field: '/to', code: 'PORM_RECIPIENT_OPTED_OUT', message: `${message.to} opted out (replied STOP or is on a suppression list); porm sends it nothing` },
    ]);
  }
  if (message.category === 'marketing' && program.settings.requireConsentForMarketing && !program.settings.doubleOptIn) {
    if (latest?.type !== 'opt_in') return consentRequired(message.to);
  }
  return null;
}

function consentRequired(to: string): PormError {
  return new PormError('PORM_CONSENT_REQUIRED', `no opt-in on record for ${to}, and this program requires one for marketing`, [
    { field: '/to', code: 'PORM_CONSENT_REQUIRED', message: `no opt-in on record for ${to}; record it with POST /v1/consents` },
  ]);
}
