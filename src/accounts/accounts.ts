import { newId } from '../ids.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from '../clock.ts';
import { generateWebhookSecret } from '../webhooks/signature.ts';
import { generateApiKey, insertApiKey, type CreatedApiKey } from './api-keys.ts';

export interface Account {
  id: string;
  name: string;
  /** Signs status_callback webhooks (endpoints registered under /v1/webhooks have their own). */
  webhookSecret: string;
  createdAt: number;
}

export class AccountService {
  constructor(private readonly store: Store, private readonly clock: Clock) {}

  /** Creates an account together with its first API key, atomically. */
  async create(name: string, key = generateApiKey()): Promise<{ account: Account; apiKey: CreatedApiKey }> {
    const now = this.clock.now();
    return this.store.write(async (tx) => {
      const account: Account = { id: newId('acct', now), name, webhookSecret: generateWebhookSecret(), createdAt: now };
      await tx.insertInto('accounts').values({ id: account.id, name, webhook_secret: account.webhookSecret, created_at: now }).execute();
      const apiKey = await insertApiKey(tx, account.id, 'default', key, now);
      return { account, apiKey };
    });
  }

  async get(id: string): Promise<Account | undefined> {
    const row = await this.store.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && { id: row.id, name: row.name, webhookSecret: row.webhook_secret, createdAt: row.created_at };
  }

  /** The oldest account: the one `porm start` bootstraps and the CLI acts for by default. */
  async first(): Promise<Account | undefined> {
    const row = await this.store.db.selectFrom('accounts').selectAll().orderBy('id').limit(1).executeTakeFirst();
    return row && { id: row.id, name: row.name, webhookSecret: row.webhook_secret, createdAt: row.created_at };
  }

  async list(): Promise<Account[]> {
    const rows = await this.store.db.selectFrom('accounts').selectAll().orderBy('id').execute();
    return rows.map((row) => ({ id: row.id, name: row.name, webhookSecret: row.webhook_secret, createdAt: row.created_at }));
  }
}
