import { createHash } from 'node:crypto';
import { newId, randomBase62 } from '../ids.ts';
import { PormError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Db } from '../store/schema.ts';
import type { Clock } from '../clock.ts';
import { queryTemplate } from '../store/query-template.ts';

// API keys are 32 random base62 characters (~190 bits) behind a `porm_` prefix. Only a
// SHA-256 hash is stored: with that much entropy a slow password hash adds nothing.

export interface ApiKeyInfo {
  id: string;
  accountId: string;
  name: string;
  prefix: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface CreatedApiKey extends ApiKeyInfo {
  /** The secret, shown to the user exactly once. */
  key: string;
}

export interface AuthContext {
  accountId: string;
  keyId: string;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function generateApiKey(): string {
  return `porm_${randomBase62(32)}`;
}

export async function insertApiKey(tx: Db, accountId: string, name: string, key: string, now: number): Promise<CreatedApiKey> {
  const row = { id: newId('key', now), account_id: accountId, name, prefix: key.slice(0, 9), hash: hashApiKey(key), created_at: now, revoked_at: null };
  await tx.insertInto('api_keys').values(row).execute();
  return { id: row.id, accountId, name, prefix: row.prefix, createdAt: now, revokedAt: null, key };
}

const selectKeyByHash = queryTemplate<{ hash: string }, { id: string; account_id: string; revoked_at: number | null }>((db, p) =>
  db.selectFrom('api_keys').select(['id', 'account_id', 'revoked_at']).where('hash', '=', p.hash));

/** How long a key lookup is reused. A key revoked by another process (the CLI) stops working within this. */
export const AUTH_CACHE_MS = 1000;
const AUTH_CACHE_MAX = 10_000;

export class ApiKeyService {
  // Every API request authenticates; remembering the answer for a second saves a hash lookup
  // per request. Revocations made through this process clear it at once.
  private readonly cache = new Map<string, { at: number; auth?: AuthContext; error?: 'PORM_AUTH_INVALID' | 'PORM_AUTH_REVOKED' }>();

  constructor(private readonly store: Store, private readonly clock: Clock) {}

  async create(accountId: string, name = 'default', key = generateApiKey()): Promise<CreatedApiKey> {
    return this.store.write((tx) => insertApiKey(tx, accountId, name, key, this.clock.now()));
  }

  /** Resolves a bearer token to its account, or throws PORM_AUTH_INVALID / PORM_AUTH_REVOKED. */
  async authenticate(key: string): Promise<AuthContext> {
    const hash = hashApiKey(key);
    const now = this.clock.now();
    let entry = this.cache.get(hash);
    if (!entry || now - entry.at >= AUTH_CACHE_MS) {
      const row = (await selectKeyByHash(this.store.db, { hash })).rows[0];
      entry = !row ? { at: now, error: 'PORM_AUTH_INVALID' }
        : row.revoked_at !== null ? { at: now, error: 'PORM_AUTH_REVOKED' }
          : { at: now, auth: { accountId: row.account_id, keyId: row.id } };
      if (this.cache.size >= AUTH_CACHE_MAX) this.cache.clear();
      this.cache.set(hash, entry);
    }
    if (entry.error) throw new PormError(entry.error);
    return entry.auth!;
  }

  async list(accountId?: string): Promise<ApiKeyInfo[]> {
    let query = this.store.db.selectFrom('api_keys').selectAll().orderBy('id');
    if (accountId) query = query.where('account_id', '=', accountId);
    const rows = await query.execute();
    return rows.map((r) => ({ id: r.id, accountId: r.account_id, name: r.name, prefix: r.prefix, createdAt: r.created_at, revokedAt: r.revoked_at }));
  }

  /**
   * Revokes a key; returns false when no such key exists (in `accountId`, when given: the
   * dashboard passes its account, the operator's CLI does not). Revoking twice is harmless.
   */
  async revoke(keyId: string, accountId?: string): Promise<boolean> {
    const now = this.clock.now();
    const revoked = await this.store.write(async (tx) => {
      let update = tx.updateTable('api_keys').set({ revoked_at: now }).where('id', '=', keyId).where('revoked_at', 'is', null);
      if (accountId !== undefined) update = update.where('account_id', '=', accountId);
      const result = await update.executeTakeFirst();
      if (Number(result.numUpdatedRows) > 0) return true;
      let exists = tx.selectFrom('api_keys').select('id').where('id', '=', keyId);
      if (accountId !== undefined) exists = exists.where('account_id', '=', accountId);
      return (await exists.executeTakeFirst()) !== undefined;
    });
    // After the commit, so no lookup can cache the key as still valid.
    this.cache.clear();
    return revoked;
  }

  /** Makes sure a key supplied by configuration (PORM_API_KEY) exists for the account. */
  async ensure(accountId: string, key: string): Promise<void> {
    const now = this.clock.now();
    await this.store.write(async (tx) => {
      const existing = await tx.selectFrom('api_keys').select(['id']).where('hash', '=', hashApiKey(key)).executeTakeFirst();
      if (!existing) await insertApiKey(tx, accountId, 'bootstrap (PORM_API_KEY)', key, now);
    });
  }
}
