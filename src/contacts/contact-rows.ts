import type { Selectable } from 'kysely';
import type { Db } from '../store/schema.ts';
import type { ContactProfilesTable } from './tables.ts';
import type { Attributes, Contact, ContactList } from './model.ts';

export function contactFromRow(row: Selectable<ContactProfilesTable>, lists: string[] = []): Contact {
  return {
    id: row.id, accountId: row.account_id, phone: row.phone, name: row.name, timeZone: row.time_zone, locale: row.locale,
    tags: JSON.parse(row.tags_json) as string[], attributes: JSON.parse(row.attributes_json) as Attributes, lists,
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

/** The list ids of each contact, for a page of contacts (one query). */
export async function listsOf(db: Db, contactIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (contactIds.length === 0) return out;
  const rows = await db.selectFrom('contact_list_members').select(['contact_id', 'list_id']).where('contact_id', 'in', contactIds).orderBy('list_id').execute();
  for (const row of rows) {
    const ids = out.get(row.contact_id) ?? [];
    ids.push(row.list_id);
    out.set(row.contact_id, ids);
  }
  return out;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The /v1 JSON shape of a contact (the API and `porm contacts --json` print the same). */
export function contactResource(c: Contact) {
  return {
    id: c.id, object: 'contact' as const, phone: c.phone, name: c.name, time_zone: c.timeZone, locale: c.locale,
    tags: c.tags, attributes: c.attributes, lists: c.lists, created_at: iso(c.createdAt), updated_at: iso(c.updatedAt),
  };
}

export function listResource(l: ContactList) {
  return { id: l.id, object: 'list' as const, name: l.name, description: l.description, member_count: l.memberCount, created_at: iso(l.createdAt), updated_at: iso(l.updatedAt) };
}
