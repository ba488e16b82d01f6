import { newId } from '../ids.ts';
import { PormError } from '../errors.ts';
import type { Db } from '../store/schema.ts';
import type { Attributes } from './model.ts';

// Writes of one contact inside a caller's unit. Every statement is keyed so that two writers on
// PostgreSQL READ COMMITTED cannot both insert one number (the unique index and ON CONFLICT decide)
// and a membership or tag is added at most once (primary keys, DO NOTHING).

export interface ContactColumns {
  name?: string | null;
  timeZone?: string | null;
  locale?: string | null;
  tags?: string[];
  attributes?: Attributes;
}

/** Inserts the contact or updates the given columns of the existing one; says which happened. */
export async function upsertContact(tx: Db, accountId: string, phone: string, set: ContactColumns, now: number, importId: string | null = null): Promise<{ id: string; created: boolean }> {
  const id = newId('con', now);
  const update = {
    ...(set.name !== undefined ? { name: set.name } : {}),
    ...(set.timeZone !== undefined ? { time_zone: set.timeZone } : {}),
    ...(set.locale !== undefined ? { locale: set.locale } : {}),
    ...(set.tags !== undefined ? { tags_json: JSON.stringify(set.tags) } : {}),
    ...(set.attributes !== undefined ? { attributes_json: JSON.stringify(set.attributes) } : {}),
    import_id: importId,
    updated_at: now,
  };
  const row = await tx.insertInto('contact_profiles').values({
    id, account_id: accountId, phone, name: set.name ?? null, time_zone: set.timeZone ?? null, locale: set.locale ?? null,
    tags_json: JSON.stringify(set.tags ?? []), attributes_json: JSON.stringify(set.attributes ?? {}), import_id: importId, created_at: now, updated_at: now,
  }).onConflict((oc) => oc.columns(['account_id', 'phone']).doUpdateSet(update)).returning('id').executeTakeFirstOrThrow();
  if (set.tags !== undefined) await replaceTags(tx, accountId, row.id, set.tags);
  return { id: row.id, created: row.id === id };
}

export async function replaceTags(tx: Db, accountId: string, contactId: string, tags: readonly string[]): Promise<void> {
  await tx.deleteFrom('contact_tags').where('contact_id', '=', contactId).execute();
  if (tags.length === 0) return;
  await tx.insertInto('contact_tags').values(tags.map((tag) => ({ account_id: accountId, tag, contact_id: contactId })))
    .onConflict((oc) => oc.doNothing()).execute();
}

/** The given list ids that are the account's, or PORM_LIST_NOT_FOUND naming the first that is not. */
export async function requireLists(tx: Db, accountId: string, listIds: readonly string[], field = '/lists'): Promise<string[]> {
  const unique = [...new Set(listIds)];
  if (unique.length === 0) return [];
  const found = new Set((await tx.selectFrom('contact_lists').select('id').where('account_id', '=', accountId).where('id', 'in', unique).execute()).map((r) => r.id));
  const missing = unique.findIndex((id) => !found.has(id));
  if (missing >= 0) {
    const message = `no list ${unique[missing]!.slice(0, 40)} in this account`;
    throw new PormError('PORM_LIST_NOT_FOUND', message, [{ field: `${field}/${listIds.indexOf(unique[missing]!)}`, code: 'PORM_LIST_NOT_FOUND', message }]);
  }
  return unique;
}

export async function addMemberships(tx: Db, accountId: string, listId: string, contactIds: readonly string[], now: number): Promise<number> {
  if (contactIds.length === 0) return 0;
  const result = await tx.insertInto('contact_list_members').values(contactIds.map((contactId) => ({ list_id: listId, contact_id: contactId, account_id: accountId, added_at: now })))
    .onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

/**
 * Erases a contact: its profile, tags and memberships, and the rich renderer's capability cache
 * for the number. Suppressions and the consent ledger stay: they are the proof that porm must not
 * (or may) send to the number, which outlives the contact (docs/contacts.md).
 */
export async function eraseContact(tx: Db, accountId: string, contactId: string, phone: string): Promise<boolean> {
  await tx.deleteFrom('contact_tags').where('contact_id', '=', contactId).execute();
  await tx.deleteFrom('contact_list_members').where('contact_id', '=', contactId).execute();
  await tx.deleteFrom('contacts').where('account_id', '=', accountId).where('phone', '=', phone).execute();
  const result = await tx.deleteFrom('contact_profiles').where('id', '=', contactId).where('account_id', '=', accountId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
