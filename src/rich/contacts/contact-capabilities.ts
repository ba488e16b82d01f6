import type { Store } from '../../store/store.ts';
import type { Db } from '../../store/schema.ts';

export interface ContactCapabilities {
  richCapable: boolean;
  capabilities: Record<string, boolean>;
  updatedAt: number;
}

/**
 * What each recipient's phone can show, per account. A phone becomes `richCapable` the first time
 * it renders a porm message in a real browser (the device assembler reports it; a headless open or a
 * link scanner does not count: render-proof.ts); until then porm sends the MMS form.
 */
export class ContactDirectory {
  constructor(private readonly store: Store) {}

  async get(accountId: string, phone: string): Promise<ContactCapabilities | null> {
    const row = await this.store.db.selectFrom('contacts').selectAll().where('account_id', '=', accountId).where('phone', '=', phone).executeTakeFirst();
    if (!row) return null;
    return { richCapable: row.rich_capable === 1, capabilities: JSON.parse(row.capabilities_json) as Record<string, boolean>, updatedAt: row.updated_at };
  }

  async learn(tx: Db, accountId: string, phone: string, capabilities: Record<string, boolean>, now: number): Promise<void> {
    const json = JSON.stringify(capabilities);
    await tx.insertInto('contacts').values({ account_id: accountId, phone, rich_capable: 1, capabilities_json: json, updated_at: now })
      .onConflict((oc) => oc.columns(['account_id', 'phone']).doUpdateSet({ rich_capable: 1, capabilities_json: json, updated_at: now }))
      .execute();
  }
}
