import type { Selectable } from 'kysely';
import type { Db } from '../store/schema.ts';
import type { ContactProfilesTable } from '../contacts/tables.ts';
import { parseRule } from '../contacts/segments/rule.ts';
import { compileRule } from '../contacts/segments/compile.ts';
import type { Audience } from './model.ts';

// A campaign's audience as one query over contact_profiles: members of its lists or matches of its
// segments' rules, minus members of its exclusion lists, in id order so a batch resumes after a cursor.

function audienceQuery(db: Db, accountId: string, audience: Audience, now: number) {
  const rules = audience.rules.map((r) => parseRule(r));
  let query = db.selectFrom('contact_profiles').where('contact_profiles.account_id', '=', accountId).where((eb) => eb.or([
    ...(audience.lists.length > 0 ? [eb('contact_profiles.id', 'in', eb.selectFrom('contact_list_members').select('contact_list_members.contact_id').where('contact_list_members.account_id', '=', accountId).where('contact_list_members.list_id', 'in', audience.lists))] : []),
    ...rules.map((rule) => compileRule(eb, rule, accountId, now)),
  ]));
  if (audience.excludeLists.length > 0) {
    query = query.where('contact_profiles.id', 'not in', (eb) => eb.selectFrom('contact_list_members').select('contact_list_members.contact_id').where('contact_list_members.account_id', '=', accountId).where('contact_list_members.list_id', 'in', audience.excludeLists));
  }
  return query;
}

export async function countAudience(db: Db, accountId: string, audience: Audience, now: number): Promise<number> {
  const row = await audienceQuery(db, accountId, audience, now).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The next `limit` contacts after `cursor` (a contact id), in id order. */
export async function audienceBatch(db: Db, accountId: string, audience: Audience, cursor: string | null, limit: number, now: number): Promise<Array<Selectable<ContactProfilesTable>>> {
  let query = audienceQuery(db, accountId, audience, now);
  if (cursor !== null) query = query.where('contact_profiles.id', '>', cursor);
  return query.selectAll('contact_profiles').orderBy('contact_profiles.id').limit(limit).execute();
}
