import { PormError } from '../errors.ts';
import type { Db } from '../store/schema.ts';
import type { ClaimStop } from '../messages/send/step-outcome.ts';
import type { AcceptCheck } from '../messages/send-service.ts';
import { normalizePhone } from '../messages/validate.ts';
import { contactTimeZone } from '../contacts/contact-zone.ts';
import { recipientStanding, type RecipientStanding } from './recipient-standing.ts';
import { consentFromRow, suppressionFromRow, type ConsentEvent, type Suppression } from './consent/ledger.ts';
import { effectiveWindow, quietHoursStop } from './quiet-hours/index.ts';
import { legalWindow } from './quiet-hours/legal-windows.ts';
import { localTime } from './quiet-hours/next-open.ts';
import { formatClock, formatWindow } from './quiet-hours/window.ts';
import { nanpRegion, recipientZones } from './time-zones/index.ts';
import { capDecision, rulesFor, type CapRule } from './caps/index.ts';
import { selectRecentMarketingSends } from './caps/recent-sends.ts';
import { defaultProgramId } from './programs/program-store.ts';

// "Where does this number stand?" for a person (the dashboard's consent lookup): the very
// checks the send path runs (recipient-standing, the accept check, quiet hours, caps), asked
// for one recipient of one sender number at one instant, and nothing written.

const HISTORY = 50;

export interface StandingReport extends RecipientStanding {
  to: string;
  from: string;
  /** What a marketing message to `to` from `from` would meet at accept: null, or the code it is refused with. */
  acceptRefusal: string | null;
  /** The recipient's consent events, newest first (at most 50). */
  history: ConsentEvent[];
  /** Every suppression row of the recipient (this program's, other programs', brand-wide). */
  suppressions: Suppression[];
  quietHours: {
    zones: string[];
    window: string;
    notes: string[];
    /** The recipient's wall clock now, per zone ("America/Chicago 09:12"). */
    localNow: string[];
    /** A marketing message now: undefined when it may go, else the hold. */
    stop: ClaimStop | undefined;
  };
  caps: { rules: CapRule[]; sentInLongestWindow: number; stop: ClaimStop | undefined };
}

/** `to` and `from` as a person typed them; a `to` that is not a phone number is PORM_INVALID_PHONE_NUMBER at /to. */
export async function standingReport(db: Db, check: AcceptCheck, accountId: string, input: { to: string; from?: string }, now: number): Promise<StandingReport> {
  const to = normalizePhone(input.to);
  if (!to) throw new PormError('PORM_INVALID_PHONE_NUMBER', `"${input.to.slice(0, 40)}" is not an E.164 phone number`, [{ field: '/to', code: 'PORM_INVALID_PHONE_NUMBER', message: 'an E.164 number such as +14155550100' }]);
  const rawFrom = (input.from ?? '').trim();
  const from = rawFrom === '' ? '' : normalizePhone(rawFrom);
  if (from === undefined || from === null) throw new PormError('PORM_INVALID_PHONE_NUMBER', `"${rawFrom.slice(0, 40)}" is not an E.164 phone number`, [{ field: '/from', code: 'PORM_INVALID_PHONE_NUMBER', message: 'an E.164 number, or empty for the default program' }]);
  const standing = await recipientStanding(db, accountId, from, to);
  const { settings } = standing.program;
  let acceptRefusal: string | null = null;
  try {
    await check.atAccept(db, accountId, {
      to, from, body: '', subject: null, media: [], statusCallback: null, metadata: null, sendAt: null, validityPeriod: null,
      category: 'marketing', callbackDialect: 'standard', fallback: 'auto', requestedChannel: 'auto', messagingServiceId: null,
    }, now);
  } catch (err) {
    if (!(err instanceof PormError)) throw err;
    acceptRefusal = err.code;
  }
  const history = (await db.selectFrom('consent_events').selectAll().where('account_id', '=', accountId).where('recipient', '=', to).orderBy('id', 'desc').limit(HISTORY).execute()).map(consentFromRow);
  const suppressions = (await db.selectFrom('suppressions').selectAll().where('account_id', '=', accountId).where('recipient', '=', to).orderBy('program_id').execute()).map(suppressionFromRow);
  const knownZone = await contactTimeZone(db, accountId, to);
  const zones = await recipientZones(to, knownZone);
  const { window, notes } = effectiveWindow(settings.quietHours, settings.quietHours.stateRules ? legalWindow(await nanpRegion(to)) : undefined);
  const quietStop = await quietHoursStop({ category: 'marketing', to, knownZone, now, settings });
  const rules = await rulesFor({ to, settings });
  const longest = rules.length === 0 ? 0 : Math.max(...rules.map((r) => r.windowMs));
  const sent = rules.length === 0 ? [] : (await selectRecentMarketingSends(db, { accountId, to, since: now - longest, excludeId: '', programId: standing.program.id, defaultProgramId: defaultProgramId(accountId) })).rows.map((r) => Number(r.sent_at));
  return {
    ...standing, to, from, acceptRefusal, history, suppressions,
    quietHours: { zones, window: formatWindow(window), notes, localNow: zones.map((z) => `${z} ${formatClock(localTime(z, now))}`), stop: quietStop },
    caps: { rules, sentInLongestWindow: sent.length, stop: capDecision(rules, sent, now) },
  };
}

/** The account's latest opt-outs (STOP and the others, recorded ones, suppressions added), newest first. */
export async function recentOptOuts(db: Db, accountId: string, limit: number): Promise<ConsentEvent[]> {
  return (await db.selectFrom('consent_events').selectAll().where('account_id', '=', accountId).where('type', '=', 'opt_out').orderBy('id', 'desc').limit(limit).execute()).map(consentFromRow);
}
