import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { PormError } from '../../errors.ts';
import { randomBase62 } from '../../ids.ts';
import type { Clock } from '../../clock.ts';
import type { Store } from '../../store/store.ts';
import type { Db, TwilioAccountsTable } from '../../store/schema.ts';
import { accountSidFor, isApiKeySid } from './sids.ts';

// Twilio-style credentials of a porm account.
//
// Why the auth token is stored and not only a hash of it: Twilio signs status callbacks and
// inbound webhooks with X-Twilio-Signature = base64(HMAC-SHA1(authToken, url + params)), and
// apps verify with their copy of the token (twilio.validateRequest). An HMAC needs the key
// itself, so porm must keep it, as Twilio does. How it is protected: it lives only in the
// database (like accounts.webhook_secret, the key of porm's own webhook signatures), is never
// logged, and leaves porm only in the answer that creates it (first use, or rotation); Basic
// auth compares SHA-256 digests in constant time. API key secrets (SK…) sign nothing, so only
// their SHA-256 is stored (32 base62 characters, ~190 bits: a slow hash would add nothing).

export interface TwilioAccount {
  accountId: string;
  accountSid: string;
  hasSecondaryToken: boolean;
  createdAt: number;
}

export interface TwilioApiKey {
  sid: string;
  accountId: string;
  friendlyName: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface CreatedTwilioApiKey extends TwilioApiKey {
  /** Shown exactly once. */
  secret: string;
}

export interface TwilioAuth {
  accountId: string;
  accountSid: string;
  /** The AC… SID or SK… key SID the caller authenticated with. */
  credential: string;
}

/** Twilio's auth tokens are 32 lowercase hex characters (128 random bits). */
export function generateAuthToken(): string {
  return randomBytes(16).toString('hex');
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

function keySid(): string {
  return `SK${randomBytes(16).toString('hex')}`;
}

/** How long a Basic-auth answer is reused; a promotion or revocation made through this process clears it at once. */
export const TWILIO_AUTH_CACHE_MS = 1000;
const AUTH_CACHE_MAX = 10_000;

export class TwilioCredentials {
  // Every /2010-04-01 request authenticates; remembering the answer for a second saves a
  // lookup per request (the same trade as ApiKeyService for /v1).
  private readonly cache = new Map<string, { at: number; auth?: TwilioAuth }>();

  constructor(private readonly store: Store, private readonly clock: Clock) {}

  /**
   * The account's row, created on first use (AC SID derived from the account id, a new token).
   * `created` holds the token when this call made it, so the caller can show it once.
   */
  async ensure(accountId: string): Promise<{ account: TwilioAccount; createdToken?: string }> {
    const existing = await this.row(this.store.db, accountId);
    if (existing) return { account: toAccount(existing) };
    const token = generateAuthToken();
    const now = this.clock.now();
    // ON CONFLICT: two first uses at once (two workers) keep one token, and each reads the winner.
    const inserted = await this.store.write(async (tx) => {
      const result = await tx.insertInto('twilio_accounts').values({
        account_id: accountId, account_sid: accountSidFor(accountId), auth_token: token,
        secondary_token: null, secondary_created_at: null, created_at: now, updated_at: now,
      }).onConflict((oc) => oc.column('account_id').doNothing()).returning('account_id').executeTakeFirst();
      return result !== undefined;
    });
    const row = await this.row(this.store.db, accountId);
    if (!row) throw new Error(`twilio credentials for ${accountId} vanished`);
    return inserted ? { account: toAccount(row), createdToken: token } : { account: toAccount(row) };
  }

  /** The primary auth token, which signs the account's Twilio-dialect callbacks. */
  async authTokenOf(accountId: string): Promise<string> {
    await this.ensure(accountId);
    const row = await this.row(this.store.db, accountId);
    return row!.auth_token;
  }

  /**
   * The account's AC… SID. Derived, so asking (GET /v1/account) creates no token nobody would
   * ever be shown; the row is made by the first command that shows the token.
   */
  async accountSidOf(accountId: string): Promise<string> {
    return accountSidFor(accountId);
  }

  /** The porm account an AC… SID belongs to, if any. */
  async accountIdOf(accountSid: string): Promise<string | undefined> {
    const row = await this.store.db.selectFrom('twilio_accounts').select('account_id').where('account_sid', '=', accountSid).executeTakeFirst();
    return row?.account_id;
  }

  /**
   * Step 1 of a rotation: a secondary token, valid for Basic auth next to the primary until it
   * is promoted. Creating one again replaces the previous secondary. Returns it (shown once).
   */
  async createSecondaryToken(accountId: string): Promise<string> {
    await this.ensure(accountId);
    const token = generateAuthToken();
    const now = this.clock.now();
    await this.store.write((tx) => tx.updateTable('twilio_accounts')
      .set({ secondary_token: token, secondary_created_at: now, updated_at: now })
      .where('account_id', '=', accountId).execute());
    this.cache.clear();
    return token;
  }

  /** Step 2: the secondary becomes the primary (and signs callbacks); the old primary stops working. */
  async promoteSecondaryToken(accountId: string): Promise<void> {
    const now = this.clock.now();
    // One conditional statement: two promotions at once cannot both swap, nor lose a token.
    const result = await this.store.write((tx) => tx.updateTable('twilio_accounts')
      .set((eb) => ({ auth_token: eb.fn.coalesce('secondary_token', 'auth_token'), secondary_token: null, secondary_created_at: null, updated_at: now }))
      .where('account_id', '=', accountId).where('secondary_token', 'is not', null).executeTakeFirst());
    this.cache.clear();
    if (Number(result.numUpdatedRows) === 0) throw new PormError('PORM_TWILIO_NO_SECONDARY_TOKEN');
  }

  /** Drops the secondary token without promoting it; false when there was none. */
  async deleteSecondaryToken(accountId: string): Promise<boolean> {
    const now = this.clock.now();
    const result = await this.store.write((tx) => tx.updateTable('twilio_accounts')
      .set({ secondary_token: null, secondary_created_at: null, updated_at: now })
      .where('account_id', '=', accountId).where('secondary_token', 'is not', null).executeTakeFirst());
    this.cache.clear();
    return Number(result.numUpdatedRows) > 0;
  }

  async createApiKey(accountId: string, friendlyName = 'porm'): Promise<CreatedTwilioApiKey> {
    await this.ensure(accountId);
    const secret = randomBase62(32);
    const now = this.clock.now();
    const key = { sid: keySid(), account_id: accountId, friendly_name: friendlyName, secret_hash: digest(secret).toString('hex'), created_at: now, revoked_at: null };
    await this.store.write((tx) => tx.insertInto('twilio_api_keys').values(key).execute());
    return { sid: key.sid, accountId, friendlyName, createdAt: now, revokedAt: null, secret };
  }

  async listApiKeys(accountId: string): Promise<TwilioApiKey[]> {
    const rows = await this.store.db.selectFrom('twilio_api_keys').selectAll().where('account_id', '=', accountId).orderBy('created_at').orderBy('sid').execute();
    return rows.map((r) => ({ sid: r.sid, accountId: r.account_id, friendlyName: r.friendly_name, createdAt: r.created_at, revokedAt: r.revoked_at }));
  }

  /** Revokes one of the account's keys (revoking twice is harmless); PORM_TWILIO_KEY_NOT_FOUND otherwise. */
  async revokeApiKey(accountId: string, sid: string): Promise<void> {
    const now = this.clock.now();
    const found = await this.store.write(async (tx) => {
      await tx.updateTable('twilio_api_keys').set({ revoked_at: now })
        .where('sid', '=', sid).where('account_id', '=', accountId).where('revoked_at', 'is', null).execute();
      return (await tx.selectFrom('twilio_api_keys').select('sid').where('sid', '=', sid).where('account_id', '=', accountId).executeTakeFirst()) !== undefined;
    });
    this.cache.clear();
    if (!found) throw new PormError('PORM_TWILIO_KEY_NOT_FOUND');
  }

  /**
   * Basic auth: `AC…:token` (primary or secondary) or `SK…:secret`. Returns the caller's account,
   * or undefined when the credentials are wrong; never says which half was wrong.
   */
  async authenticate(username: string, password: string): Promise<TwilioAuth | undefined> {
    const cacheKey = digest(`${username}\n${password}`).toString('hex');
    const now = this.clock.now();
    const hit = this.cache.get(cacheKey);
    if (hit && now - hit.at < TWILIO_AUTH_CACHE_MS) return hit.auth;
    const auth = await this.lookup(username, password);
    if (this.cache.size >= AUTH_CACHE_MAX) this.cache.clear();
    this.cache.set(cacheKey, auth ? { at: now, auth } : { at: now });
    return auth;
  }

  private async lookup(username: string, password: string): Promise<TwilioAuth | undefined> {
    const db = this.store.db;
    if (isApiKeySid(username)) {
      const key = await db.selectFrom('twilio_api_keys').innerJoin('twilio_accounts', 'twilio_accounts.account_id', 'twilio_api_keys.account_id')
        .select(['twilio_api_keys.account_id', 'twilio_api_keys.secret_hash', 'twilio_api_keys.revoked_at', 'twilio_accounts.account_sid'])
        .where('twilio_api_keys.sid', '=', username).executeTakeFirst();
      if (!key || key.revoked_at !== null) return undefined;
      if (!timingSafeEqual(digest(password), Buffer.from(key.secret_hash, 'hex'))) return undefined;
      return { accountId: key.account_id, accountSid: key.account_sid, credential: username };
    }
    const row = await db.selectFrom('twilio_accounts').selectAll().where('account_sid', '=', username).executeTakeFirst();
    if (!row) return undefined;
    const primary = sameSecret(password, row.auth_token);
    const secondary = row.secondary_token !== null && sameSecret(password, row.secondary_token);
    return primary || secondary ? { accountId: row.account_id, accountSid: row.account_sid, credential: username } : undefined;
  }

  private async row(db: Db, accountId: string): Promise<TwilioAccountsTable | undefined> {
    return db.selectFrom('twilio_accounts').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  }
}

function toAccount(row: TwilioAccountsTable): TwilioAccount {
  return { accountId: row.account_id, accountSid: row.account_sid, hasSecondaryToken: row.secondary_token !== null, createdAt: row.created_at };
}
