import { PormError, type FieldError } from '../../errors.ts';
import type { Clock } from '../../clock.ts';
import type { Store } from '../../store/store.ts';
import type { Db } from '../../store/schema.ts';
import { isHttpUrl, normalizePhone, parseIsoTimestamp } from '../../messages/validate.ts';
import type { Page } from '../../messages/query-service.ts';
import { defaultProgramId, findProgram, type Program } from '../programs/program-store.ts';
import {
  appendConsent, BRAND_WIDE, consentFromRow, consentLockKey, suppress, suppressionFromRow, unsuppress,
  type ConsentEvent, type ConsentSource, type Suppression,
} from './ledger.ts';
import { consentCsvHeader, consentCsvRow } from './csv.ts';

export interface RecordConsentInput {
  to: string;
  programId?: string;
  type?: 'opt_in' | 'opt_out';
  source: Exclude<ConsentSource, 'keyword'>;
  wording?: string;
  url?: string;
  ip?: string;
  userAgent?: string;
  /** ISO 8601: when the person consented (defaults to now). */
  at?: string;
}

export interface SuppressionInput { to: string; programId?: string; reason: string }

const MAX_TEXT = 2000;
const EXPORT_CHUNK = 1000;

/** The consent ledger (record, history, CSV export) and the suppression lists, per account. */
export class ConsentService {
  constructor(private readonly store: Store, private readonly clock: Clock) {}

  async record(accountId: string, input: RecordConsentInput): Promise<ConsentEvent> {
    const now = this.clock.now();
    const errors: FieldError[] = [];
    const to = recipientOf(input.to, errors);
    const type = input.type ?? 'opt_in';
    const text = (v: string | undefined, field: string): string | null => {
      if (v === undefined) return null;
      if (v.length > MAX_TEXT || !v.isWellFormed()) errors.push({ field, code: 'PORM_INVALID_FIELD', message: `at most ${MAX_TEXT} characters of text` });
      return v;
    };
    const wording = text(input.wording, '/wording');
    const userAgent = text(input.userAgent, '/user_agent');
    const ip = input.ip ?? null;
    if (ip !== null && !/^[0-9a-fA-F:.]{2,45}$/.test(ip)) errors.push({ field: '/ip', code: 'PORM_INVALID_FIELD', message: 'an IPv4 or IPv6 address' });
    const url = input.url ?? null;
    if (url !== null && !isHttpUrl(url)) errors.push({ field: '/url', code: 'PORM_INVALID_URL', message: 'the form\'s absolute http(s) URL' });
    if (type === 'opt_in' && (wording === null || wording.trim() === '')) errors.push({ field: '/wording', code: 'PORM_CONSENT_PROOF_MISSING', message: 'an opt-in needs the wording the person agreed to' });
    if (type === 'opt_in' && input.source === 'web_form' && url === null) errors.push({ field: '/url', code: 'PORM_CONSENT_PROOF_MISSING', message: 'a web-form opt-in needs the form\'s URL' });
    let at = now;
    if (input.at !== undefined) {
      const parsed = parseIsoTimestamp(input.at);
      if (parsed === undefined || parsed > now + 60_000) errors.push({ field: '/at', code: 'PORM_INVALID_FIELD', message: 'an ISO 8601 time with a zone, not in the future' });
      else at = parsed;
    }
    if (errors.length > 0) throw new PormError(errors.some((e) => e.code === 'PORM_CONSENT_PROOF_MISSING') ? 'PORM_CONSENT_PROOF_MISSING' : errors[0]!.code, errors[0]!.message, errors);
    return this.store.write(async (tx) => {
      const program = await this.programIn(tx, accountId, input.programId);
      await this.store.lockKey(tx, consentLockKey(accountId, to));
      if (type === 'opt_in') {
        const byKeyword = await tx.selectFrom('suppressions').select('source').where('account_id', '=', accountId).where('recipient', '=', to)
          .where('program_id', 'in', [program.id, BRAND_WIDE]).where('source', '=', 'keyword').executeTakeFirst();
        if (byKeyword) throw new PormError('PORM_CONSENT_AFTER_OPT_OUT', `${to} opted out by keyword; only they can opt back in (START), or remove the suppression explicitly`);
      }
      const event = await appendConsent(tx, {
        accountId, programId: program.id, recipient: to, type, source: input.source, confirmed: false, wording, url, ip, userAgent, keyword: null, inboundId: null, at,
      }, now);
      if (type === 'opt_out') {
        await suppress(tx, { accountId, programId: program.settings.brandWideSuppression ? null : program.id, recipient: to, reason: `opt-out recorded by ${input.source}`, source: input.source }, now);
      }
      return event;
    });
  }

  /** The recipient's whole history, oldest first: "when and how did this person consent?". */
  async history(accountId: string, to: string, programId?: string): Promise<ConsentEvent[]> {
    const errors: FieldError[] = [];
    const recipient = recipientOf(to, errors);
    if (errors.length > 0) throw new PormError(errors[0]!.code, errors[0]!.message, errors);
    let q = this.store.db.selectFrom('consent_events').selectAll().where('account_id', '=', accountId).where('recipient', '=', recipient);
    if (programId !== undefined) q = q.where('program_id', '=', programId);
    return (await q.orderBy('id').limit(10_000).execute()).map(consentFromRow);
  }

  /** The ledger as CSV lines (header first), read in chunks so a large ledger is never all in memory. */
  async *exportCsv(accountId: string, filter: { to?: string; programId?: string } = {}): AsyncGenerator<string> {
    yield consentCsvHeader();
    let after = '';
    for (;;) {
      let q = this.store.db.selectFrom('consent_events').selectAll().where('account_id', '=', accountId).where('id', '>', after);
      if (filter.to !== undefined) q = q.where('recipient', '=', filter.to);
      if (filter.programId !== undefined) q = q.where('program_id', '=', filter.programId);
      const rows = await q.orderBy('id').limit(EXPORT_CHUNK).execute();
      for (const row of rows) yield consentCsvRow(consentFromRow(row));
      if (rows.length < EXPORT_CHUNK) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  async suppressions(accountId: string, filter: { to?: string; programId?: string; limit: number; cursor?: string }): Promise<Page<Suppression>> {
    let q = this.store.db.selectFrom('suppressions').selectAll().where('account_id', '=', accountId);
    if (filter.to !== undefined) q = q.where('recipient', '=', normalizePhone(filter.to) ?? filter.to);
    if (filter.programId !== undefined) q = q.where('program_id', '=', filter.programId);
    // The cursor is recipient + program (the key within the account).
    if (filter.cursor) {
      const m = /^(\+[0-9]{7,15})\|((?:prg_[0-9a-z]{26})?)$/.exec(Buffer.from(filter.cursor, 'base64url').toString());
      if (!m) throw new PormError('PORM_INVALID_CURSOR');
      const [, recipient, program] = m;
      q = q.where((eb) => eb.or([eb('recipient', '>', recipient!), eb.and([eb('recipient', '=', recipient!), eb('program_id', '>', program!)])]));
    }
    const rows = await q.orderBy('recipient').orderBy('program_id').limit(filter.limit + 1).execute();
    const data = rows.slice(0, filter.limit).map(suppressionFromRow);
    const last = rows[filter.limit - 1];
    return { data, nextCursor: rows.length > filter.limit && last ? Buffer.from(`${last.recipient}|${last.program_id}`).toString('base64url') : null };
  }

  async addSuppression(accountId: string, input: SuppressionInput): Promise<Suppression> {
    const now = this.clock.now();
    const errors: FieldError[] = [];
    const to = recipientOf(input.to, errors);
    const reason = input.reason.trim();
    if (reason === '' || reason.length > 500 || !reason.isWellFormed()) errors.push({ field: '/reason', code: 'PORM_INVALID_FIELD', message: 'a reason of 1 to 500 characters' });
    if (errors.length > 0) throw new PormError(errors[0]!.code, errors[0]!.message, errors);
    return this.store.write(async (tx) => {
      const programId = input.programId === undefined ? null : (await this.programIn(tx, accountId, input.programId)).id;
      await this.store.lockKey(tx, consentLockKey(accountId, to));
      await suppress(tx, { accountId, programId, recipient: to, reason, source: 'api' }, now);
      await appendConsent(tx, {
        accountId, programId: programId ?? BRAND_WIDE, recipient: to, type: 'opt_out', source: 'api', confirmed: false, wording: reason, url: null, ip: null, userAgent: null, keyword: null, inboundId: null, at: now,
      }, now);
      const row = await tx.selectFrom('suppressions').selectAll().where('account_id', '=', accountId).where('recipient', '=', to).where('program_id', '=', programId ?? BRAND_WIDE).executeTakeFirstOrThrow();
      return suppressionFromRow(row);
    });
  }

  async removeSuppression(accountId: string, to: string, programId?: string): Promise<void> {
    const now = this.clock.now();
    const errors: FieldError[] = [];
    const recipient = recipientOf(to, errors);
    if (errors.length > 0) throw new PormError(errors[0]!.code, errors[0]!.message, errors);
    await this.store.write(async (tx) => {
      await this.store.lockKey(tx, consentLockKey(accountId, recipient));
      const removed = await unsuppress(tx, accountId, recipient, [programId ?? BRAND_WIDE]);
      if (removed === 0) throw new PormError('PORM_SUPPRESSION_NOT_FOUND');
      await appendConsent(tx, {
        accountId, programId: programId ?? BRAND_WIDE, recipient, type: 'suppression_removed', source: 'api', confirmed: false, wording: null, url: null, ip: null, userAgent: null, keyword: null, inboundId: null, at: now,
      }, now);
    });
  }

  private async programIn(tx: Db, accountId: string, programId: string | undefined): Promise<Program> {
    const program = await findProgram(tx, accountId, programId ?? defaultProgramId(accountId));
    if (!program) throw new PormError('PORM_PROGRAM_NOT_FOUND', `no program ${String(programId).slice(0, 40)} in this account`, [{ field: '/program_id', code: 'PORM_PROGRAM_NOT_FOUND', message: 'no such program in this account' }]);
    return program;
  }
}

function recipientOf(value: string, errors: FieldError[]): string {
  const to = normalizePhone(value);
  if (!to) errors.push({ field: '/to', code: 'PORM_INVALID_PHONE_NUMBER', message: `"${value.slice(0, 40)}" is not a valid E.164 phone number (like +14155550100)` });
  return to ?? '';
}
