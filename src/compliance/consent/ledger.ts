import type { Selectable } from 'kysely';
import { newId } from '../../ids.ts';
import type { Db } from '../../store/schema.ts';
import { queryTemplate } from '../../store/query-template.ts';
import type { ConsentEventsTable, SuppressionsTable } from '../tables.ts';

// The consent ledger and suppression list, inside a caller's unit. Events are only ever
// inserted; a suppression row exists exactly while the recipient is suppressed. A unit that
// changes a recipient's consent first takes the recipient's lock (consentLockKey), which the
// claim takes too: on PostgreSQL a claim either commits before a STOP's unit or reads after it.

export type ConsentType = 'opt_in' | 'opt_out' | 'confirm_requested' | 'suppression_removed';
export type ConsentSource = 'keyword' | 'web_form' | 'api' | 'import';

/** Suppressions with program '' apply to every program of the account. */
export const BRAND_WIDE = '';

export interface ConsentEvent {
  id: string;
  accountId: string;
  programId: string;
  recipient: string;
  type: ConsentType;
  source: ConsentSource;
  confirmed: boolean;
  wording: string | null;
  url: string | null;
  ip: string | null;
  userAgent: string | null;
  keyword: string | null;
  inboundId: string | null;
  at: number;
  recordedAt: number;
}

export interface Suppression {
  accountId: string;
  /** null: every program of the account. */
  programId: string | null;
  recipient: string;
  reason: string;
  source: ConsentSource;
  createdAt: number;
}

export function consentLockKey(accountId: string, recipient: string): string {
  return `consent:${accountId}:${recipient}`;
}

export function consentFromRow(row: Selectable<ConsentEventsTable>): ConsentEvent {
  return {
    id: row.id, accountId: row.account_id, programId: row.program_id, recipient: row.recipient, type: row.type as ConsentType,
    source: row.source as ConsentSource, confirmed: row.confirmed === 1, wording: row.wording, url: row.url, ip: row.ip,
    userAgent: row.user_agent, keyword: row.keyword, inboundId: row.inbound_id, at: row.at, recordedAt: row.recorded_at,
  };
}

export function suppressionFromRow(row: Selectable<SuppressionsTable>): Suppression {
  return {
    accountId: row.account_id, programId: row.program_id === BRAND_WIDE ? null : row.program_id, recipient: row.recipient,
    reason: row.reason, source: row.source as ConsentSource, createdAt: row.created_at,
  };
}

export type NewConsentEvent = Omit<ConsentEvent, 'id' | 'recordedAt'>;

export async function appendConsent(tx: Db, event: NewConsentEvent, now: number): Promise<ConsentEvent> {
  const id = newId('cev', now);
  await tx.insertInto('consent_events').values({
    id, account_id: event.accountId, program_id: event.programId, recipient: event.recipient, type: event.type, source: event.source,
    confirmed: event.confirmed ? 1 : 0, wording: event.wording, url: event.url, ip: event.ip, user_agent: event.userAgent,
    keyword: event.keyword, inbound_id: event.inboundId, at: event.at, recorded_at: now,
  }).execute();
  return { ...event, id, recordedAt: now };
}

/** The latest opt-in/opt-out/confirmation-request event of a recipient for a program. */
export async function latestConsent(tx: Db, accountId: string, programId: string, recipient: string): Promise<ConsentEvent | undefined> {
  const row = (await selectLatestConsent(tx, { accountId, programId, recipient })).rows[0];
  return row ? consentFromRow(row) : undefined;
}

/** The suppression that stops sending to `recipient` for `programId` (its own or brand-wide), if any. */
export async function suppressionFor(tx: Db, accountId: string, programId: string, recipient: string): Promise<Suppression | undefined> {
  const row = (await selectSuppression(tx, { accountId, programId, recipient, brandWide: BRAND_WIDE })).rows[0];
  return row ? suppressionFromRow(row) : undefined;
}

// Both run on every accept and claim: templates, compiled once (store/query-template.ts).
const selectLatestConsent = queryTemplate<{ accountId: string; programId: string; recipient: string }, Selectable<ConsentEventsTable>>((db, p) =>
  db.selectFrom('consent_events')
    .select(['id', 'account_id', 'program_id', 'recipient', 'type', 'source', 'confirmed', 'wording', 'url', 'ip', 'user_agent', 'keyword', 'inbound_id', 'at', 'recorded_at'])
    .where('account_id', '=', p.accountId).where('recipient', '=', p.recipient).where('program_id', '=', p.programId)
    .where('type', 'in', ['opt_in', 'opt_out', 'confirm_requested'])
    .orderBy('id', 'desc').limit(1));

const selectSuppression = queryTemplate<{ accountId: string; programId: string; recipient: string; brandWide: string }, Selectable<SuppressionsTable>>((db, p) =>
  db.selectFrom('suppressions').select(['account_id', 'program_id', 'recipient', 'reason', 'source', 'created_at'])
    .where('account_id', '=', p.accountId).where('recipient', '=', p.recipient).where('program_id', 'in', [p.programId, p.brandWide])
    .limit(1));

/** Adds a suppression (a second one on the same list keeps the first reason). True when it is new. */
export async function suppress(tx: Db, s: Omit<Suppression, 'createdAt'>, now: number): Promise<boolean> {
  const result = await tx.insertInto('suppressions').values({
    account_id: s.accountId, program_id: s.programId ?? BRAND_WIDE, recipient: s.recipient, reason: s.reason, source: s.source, created_at: now,
  }).onConflict((oc) => oc.columns(['account_id', 'recipient', 'program_id']).doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Lifts suppressions on the given lists; `keepSources` stay (an operator's manual entries survive a START). */
export async function unsuppress(tx: Db, accountId: string, recipient: string, programIds: readonly string[], keepSources: readonly ConsentSource[] = []): Promise<number> {
  let q = tx.deleteFrom('suppressions').where('account_id', '=', accountId).where('recipient', '=', recipient).where('program_id', 'in', [...programIds]);
  if (keepSources.length > 0) q = q.where('source', 'not in', [...keepSources]);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Many events in one statement per chunk (a CSV import's opt-ins); same rows as appendConsent. */
export async function appendConsents(tx: Db, events: readonly NewConsentEvent[], now: number): Promise<void> {
  const CHUNK = 200;
  for (let i = 0; i < events.length; i += CHUNK) {
    await tx.insertInto('consent_events').values(events.slice(i, i + CHUNK).map((event) => ({
      id: newId('cev', now), account_id: event.accountId, program_id: event.programId, recipient: event.recipient, type: event.type, source: event.source,
      confirmed: event.confirmed ? 1 : 0, wording: event.wording, url: event.url, ip: event.ip, user_agent: event.userAgent,
      keyword: event.keyword, inbound_id: event.inboundId, at: event.at, recorded_at: now,
    }))).execute();
  }
}
