import type { Db } from '../store/schema.ts';
import { newId } from '../ids.ts';
import type { Capability, NumberSource } from './model.ts';
import type { NumberKind } from './number-format.ts';

export interface Claim {
  accountId: string;
  number: string;
  kind: NumberKind;
  capabilities: readonly Capability[];
  route: string | null;
  source: NumberSource;
  now: number;
}

/**
 * Inserts the number unless someone holds it, and says who does now. The unique constraint on
 * `numbers.number` decides a race: ON CONFLICT DO NOTHING waits for a concurrent claim to commit
 * (PostgreSQL) or sees it (SQLite's one writer), then the read names the winner. No exception,
 * so the caller's write unit stays usable.
 */
export async function claimNumber(tx: Db, claim: Claim): Promise<{ claimed: boolean; ownerId: string; id: string }> {
  // A holder that removes the number between our insert and our read leaves it free: try again.
  for (let attempt = 0; ; attempt++) {
    const outcome = await tryClaim(tx, claim);
    if (outcome || attempt === 3) return outcome ?? { claimed: false, ownerId: '', id: '' };
  }
}

async function tryClaim(tx: Db, claim: Claim): Promise<{ claimed: boolean; ownerId: string; id: string } | undefined> {
  const id = newId('num', claim.now);
  const inserted = await tx.insertInto('numbers').values({
    id, account_id: claim.accountId, number: claim.number, kind: claim.kind, capabilities_json: JSON.stringify(claim.capabilities),
    route: claim.route, program_id: null, source: claim.source, created_at: claim.now, updated_at: claim.now,
  }).onConflict((oc) => oc.column('number').doNothing()).executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return { claimed: true, ownerId: claim.accountId, id };
  const holder = await tx.selectFrom('numbers').select(['id', 'account_id']).where('number', '=', claim.number).executeTakeFirst();
  return holder && { claimed: false, ownerId: holder.account_id, id: holder.id };
}
