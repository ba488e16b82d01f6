import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Db, DB } from '../store/schema.ts';
import type { ContactProfilesTable } from '../contacts/tables.ts';
import { parseRule } from '../contacts/segments/rule.ts';
import { compileRule } from '../contacts/segments/compile.ts';
import type { Audience } from './model.ts';

// A campaign's audience as one query over contact_profiles: members of its lists or matches of its
// segments' rules, minus members of its exclusion lists, in id order so a batch resumes after a cursor.

function audienceQuery(db: Db, accountId: string, audience: Audience, now: number) {
  const rules = audience.rules.map((r) => parseRule(r));
  // Memberships as correlated EXISTS probes of the members' primary key (list_id, contact_id): a
  // batch walks contact_profiles in id order from its cursor and stops at its limit. As
  // "id IN (members)", SQLite read every member of the lists for each batch (quadratic in the audience).
  const memberOf = (eb: ExpressionBuilder<DB, 'contact_profiles'>, lists: readonly string[]) => eb.exists(eb.selectFrom('contact_list_members').select(eb.lit(1).as('one'))
    .where('contact_list_members.list_id', 'in', [...lists]).whereRef('contact_list_members.contact_id', '=', 'contact_profiles.id').where('contact_list_members.account_id', '=', accountId));
  let query = db.selectFrom('contact_profiles').where('contact_profiles.account_id', '=', accountId).where((eb) => eb.or([
    ...(audience.lists.length > 0 ? [memberOf(eb, audience.lists)] : []),
    ...rules.map((rule) => compileRule(eb, rule, accountId, now)),
  ]));
  if (audience.excludeLists.length > 0) query = query.where((eb) => eb.not(memberOf(eb, audience.excludeLists)));
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
