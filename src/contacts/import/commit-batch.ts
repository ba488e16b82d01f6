import { newId } from '../../ids.ts';
import { rowsTemplate } from '../../store/rows-template.ts';
import type { Db } from '../../store/schema.ts';
import type { Store } from '../../store/store.ts';
import { appendConsents, BRAND_WIDE, consentLockKey, type NewConsentEvent } from '../../compliance/consent/ledger.ts';
import type { ContactColumns } from '../contact-writes.ts';
import { replaceTags } from '../contact-writes.ts';
import type { RowContact, RowError } from './row.ts';

// One batch of an import in one write unit: the rows' contacts, tags, list memberships, consent
// events, error rows and the import's counters commit together or not at all, so the counts never
// disagree with what was written. The unit first claims the import row (status importing): a
// cancel that committed before it means this batch writes nothing; on PostgreSQL the claim's row
// lock orders the two.

export interface BatchContext {
  importId: string;
  accountId: string;
  onDuplicate: 'update' | 'skip';
  listId: string | null;
  consent: { programId: string; wording: string; source: 'import' | 'web_form' | 'api'; url: string | null } | null;
  now: number;
}

export interface BatchCounts { rows: number; created: number; updated: number; skipped: number; duplicates: number; invalid: number; consents: number }

const INSERT_CHUNK = 400;
const IN_CHUNK = 500;

type ProfileRow = ReturnType<typeof insertValues>;
// The batch's statements, compiled once per row count (rows-template.ts): Kysely's parsing of
// every value on each call was a tenth of the import's time.
// DO NOTHING: a number another writer inserted since the read below is left to it (counted skipped).
const insertProfiles = rowsTemplate<ProfileRow, { id: string }>(
  ['id', 'account_id', 'phone', 'name', 'time_zone', 'locale', 'tags_json', 'attributes_json', 'import_id', 'created_at', 'updated_at'],
  (db, rows) => db.insertInto('contact_profiles').values(rows).onConflict((oc) => oc.columns(['account_id', 'phone']).doNothing()).returning('id'));
const insertTags = rowsTemplate<{ account_id: string; tag: string; contact_id: string }>(['account_id', 'tag', 'contact_id'],
  (db, rows) => db.insertInto('contact_tags').values(rows).onConflict((oc) => oc.doNothing()));
const insertMembers = rowsTemplate<{ list_id: string; contact_id: string; account_id: string; added_at: number }>(['list_id', 'contact_id', 'account_id', 'added_at'],
  (db, rows) => db.insertInto('contact_list_members').values(rows).onConflict((oc) => oc.doNothing()));

function insertValues(ctx: BatchContext, row: RowContact) {
  const c = row.columns;
  return {
    id: newId('con', ctx.now), account_id: ctx.accountId, phone: row.phone, name: c.name ?? null, time_zone: c.timeZone ?? null, locale: c.locale ?? null,
    tags_json: JSON.stringify(c.tags ?? []), attributes_json: JSON.stringify(c.attributes ?? {}), import_id: ctx.importId, created_at: ctx.now, updated_at: ctx.now,
  };
}

function updateSet(ctx: BatchContext, c: ContactColumns, currentAttributes: string) {
  return {
    ...(c.name !== undefined ? { name: c.name } : {}), ...(c.timeZone !== undefined ? { time_zone: c.timeZone } : {}),
    ...(c.locale !== undefined ? { locale: c.locale } : {}), ...(c.tags !== undefined ? { tags_json: JSON.stringify(c.tags) } : {}),
    // Imported attributes are merged over the stored ones: a file with a "plan" column keeps the others.
    ...(c.attributes !== undefined ? { attributes_json: JSON.stringify({ ...(JSON.parse(currentAttributes) as object), ...c.attributes }) } : {}),
    import_id: ctx.importId, updated_at: ctx.now,
  };
}

async function existingOf(tx: Db, accountId: string, phones: readonly string[]): Promise<Map<string, { id: string; import_id: string | null; attributes_json: string }>> {
  const out = new Map<string, { id: string; import_id: string | null; attributes_json: string }>();
  for (let i = 0; i < phones.length; i += IN_CHUNK) {
    const rows = await tx.selectFrom('contact_profiles').select(['id', 'phone', 'import_id', 'attributes_json']).where('account_id', '=', accountId).where('phone', 'in', phones.slice(i, i + IN_CHUNK)).execute();
    for (const r of rows) out.set(r.phone, r);
  }
  return out;
}

/** Writes the batch; undefined when the import is no longer running (canceled), and nothing was written. */
export async function commitBatch(store: Store, ctx: BatchContext, items: ReadonlyArray<RowContact | RowError>): Promise<BatchCounts | undefined> {
  return store.write(async (tx) => {
    const claim = await tx.updateTable('contact_imports').set({ updated_at: ctx.now }).where('id', '=', ctx.importId).where('status', '=', 'importing').executeTakeFirst();
    if (Number(claim.numUpdatedRows) === 0) return undefined;
    const counts: BatchCounts = { rows: items.length, created: 0, updated: 0, skipped: 0, duplicates: 0, invalid: 0, consents: 0 };
    const errors: RowError[] = [];
    const good: RowContact[] = [];
    for (const item of items) {
      if ('code' in item) errors.push(item);
      else good.push(item);
    }
    const existing = await existingOf(tx, ctx.accountId, good.map((g) => g.phone));
    const seen = new Set<string>();
    const inserts: RowContact[] = [];
    const touched: Array<{ id: string; phone: string; line: number }> = [];
    for (const row of good) {
      const before = existing.get(row.phone);
      if (seen.has(row.phone) || before?.import_id === ctx.importId) {
        errors.push({ line: row.line, value: row.phone, code: 'PORM_IMPORT_DUPLICATE_ROW', reason: 'an earlier row of this file has the same number' });
        counts.duplicates++;
        continue;
      }
      seen.add(row.phone);
      if (!before) {
        inserts.push(row);
        continue;
      }
      if (ctx.onDuplicate === 'skip') {
        counts.skipped++;
        touched.push({ id: before.id, phone: row.phone, line: row.line });
        continue;
      }
      await tx.updateTable('contact_profiles').set(updateSet(ctx, row.columns, before.attributes_json)).where('id', '=', before.id).execute();
      if (row.columns.tags !== undefined) await replaceTags(tx, ctx.accountId, before.id, row.columns.tags);
      counts.updated++;
      touched.push({ id: before.id, phone: row.phone, line: row.line });
    }
    const tagRows: Array<{ account_id: string; tag: string; contact_id: string }> = [];
    for (let i = 0; i < inserts.length; i += INSERT_CHUNK) {
      const values = inserts.slice(i, i + INSERT_CHUNK).map((row) => ({ row, values: insertValues(ctx, row) }));
      const inserted = new Set((await insertProfiles(tx, values.map((v) => v.values))).rows.map((r) => r.id));
      for (const { row, values: v } of values) {
        if (!inserted.has(v.id)) {
          counts.skipped++;
          continue;
        }
        counts.created++;
        touched.push({ id: v.id, phone: row.phone, line: row.line });
        for (const tag of row.columns.tags ?? []) tagRows.push({ account_id: ctx.accountId, tag, contact_id: v.id });
      }
    }
    for (let i = 0; i < tagRows.length; i += INSERT_CHUNK) {
      await insertTags(tx, tagRows.slice(i, i + INSERT_CHUNK));
    }
    if (ctx.listId !== null) {
      const listId = ctx.listId;
      for (let i = 0; i < touched.length; i += INSERT_CHUNK) {
        await insertMembers(tx, touched.slice(i, i + INSERT_CHUNK).map((t) => ({ list_id: listId, contact_id: t.id, account_id: ctx.accountId, added_at: ctx.now })));
      }
    }
    counts.invalid = errors.length - counts.duplicates;
    if (ctx.consent !== null) counts.consents = await recordConsents(store, tx, ctx, touched, errors);
    if (errors.length > 0) {
      const base = await tx.selectFrom('contact_import_errors').select((eb) => eb.fn.countAll<number>().as('n')).where('import_id', '=', ctx.importId).executeTakeFirstOrThrow();
      let seq = Number(base.n);
      errors.sort((a, b) => a.line - b.line);
      for (let i = 0; i < errors.length; i += INSERT_CHUNK) {
        await tx.insertInto('contact_import_errors').values(errors.slice(i, i + INSERT_CHUNK).map((e) => ({ import_id: ctx.importId, seq: seq++, row: e.line, value: e.value, code: e.code, reason: e.reason }))).execute();
      }
    }
    await tx.updateTable('contact_imports').set((eb) => ({
      rows_read: eb('rows_read', '+', counts.rows), created: eb('created', '+', counts.created), updated: eb('updated', '+', counts.updated),
      skipped: eb('skipped', '+', counts.skipped), duplicates: eb('duplicates', '+', counts.duplicates), invalid: eb('invalid', '+', counts.invalid),
      consents: eb('consents', '+', counts.consents),
    })).where('id', '=', ctx.importId).execute();
    return counts;
  });
}

/**
 * Opt-ins with the import's proof, through the consent ledger. A number that opted out by keyword
 * gets none (only the person can opt back in, as POST /v1/consents refuses too): its row is reported.
 */
async function recordConsents(store: Store, tx: Db, ctx: BatchContext, touched: ReadonlyArray<{ phone: string; line: number }>, errors: RowError[]): Promise<number> {
  const consent = ctx.consent!;
  const byKeyword = new Set<string>();
  const phones = touched.map((t) => t.phone);
  for (const phone of phones) await store.lockKey(tx, consentLockKey(ctx.accountId, phone));
  for (let i = 0; i < phones.length; i += IN_CHUNK) {
    const rows = await tx.selectFrom('suppressions').select('recipient').where('account_id', '=', ctx.accountId).where('source', '=', 'keyword')
      .where('program_id', 'in', [consent.programId, BRAND_WIDE]).where('recipient', 'in', phones.slice(i, i + IN_CHUNK)).execute();
    for (const r of rows) byKeyword.add(r.recipient);
  }
  const events: NewConsentEvent[] = [];
  for (const t of touched) {
    if (byKeyword.has(t.phone)) {
      errors.push({ line: t.line, value: t.phone, code: 'PORM_CONSENT_AFTER_OPT_OUT', reason: 'opted out by keyword: the contact was imported, its opt-in was not recorded' });
      continue;
    }
    events.push({
      accountId: ctx.accountId, programId: consent.programId, recipient: t.phone, type: 'opt_in', source: consent.source, confirmed: false,
      wording: consent.wording, url: consent.url, ip: null, userAgent: null, keyword: null, inboundId: null, at: ctx.now,
    });
  }
  await appendConsents(tx, events, ctx.now);
  return events.length;
}
