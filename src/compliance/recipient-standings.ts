import type { Db } from '../store/schema.ts';
import { BRAND_WIDE, type ConsentType } from './consent/ledger.ts';
import { recipientStanding, type RecipientStanding } from './recipient-standing.ts';

// recipientStanding for many recipients of one sender number at once (campaign fan-out): the
// program is read once (by the same statement, for the first recipient), then suppressions and
// each recipient's latest consent event in one statement per IN_CHUNK recipients, through the
// same indexes (suppressions' primary key; consent_events_recipient). It reads inside the caller's
// unit, so it sees exactly what recipientStanding would for each recipient in that unit.

/** Recipients per IN list (two bound values short of either store's limits, with room to spare). */
const IN_CHUNK = 500;
const CONSENT_TYPES = ['opt_in', 'opt_out', 'confirm_requested'] as const;

/** The standing of each of `tos` (distinct or not) for sender `from`, keyed by recipient. */
export async function recipientStandings(tx: Db, accountId: string, from: string, tos: readonly string[]): Promise<Map<string, RecipientStanding>> {
  const out = new Map<string, RecipientStanding>();
  const unique = [...new Set(tos)];
  if (unique.length === 0) return out;
  const first = await recipientStanding(tx, accountId, from, unique[0]!);
  out.set(unique[0]!, first);
  const { program } = first;
  const rest = unique.slice(1);
  for (let i = 0; i < rest.length; i += IN_CHUNK) {
    const chunk = rest.slice(i, i + IN_CHUNK);
    const suppressed = new Set((await tx.selectFrom('suppressions').select('recipient')
      .where('account_id', '=', accountId).where('recipient', 'in', chunk).where('program_id', 'in', [program.id, BRAND_WIDE])
      .execute()).map((r) => r.recipient));
    // Each recipient's latest event of these types for the program: the highest id, as recipientStanding's "order by id desc limit 1".
    const latest = await tx.selectFrom('consent_events as c')
      .innerJoin((eb) => eb.selectFrom('consent_events').select(['recipient', (e) => e.fn.max('id').as('last_id')])
        .where('account_id', '=', accountId).where('program_id', '=', program.id).where('recipient', 'in', chunk).where('type', 'in', [...CONSENT_TYPES])
        .groupBy('recipient').as('l'), (join) => join.onRef('l.last_id', '=', 'c.id'))
      .select(['c.recipient', 'c.type', 'c.confirmed'])
      .execute();
    const latestOf = new Map(latest.map((r) => [r.recipient, { type: r.type as ConsentType, confirmed: Number(r.confirmed) === 1 }]));
    for (const to of chunk) out.set(to, { program, suppressed: suppressed.has(to), latest: latestOf.get(to) });
  }
  return out;
}
