import { PormError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Store } from '../store/store.ts';
import type { Db } from '../store/schema.ts';
import { checkPasswordStrength, DUMMY_HASH, hashPassword, verifyPassword } from './passwords.ts';
import { isRole, type Role } from './roles.ts';
import { hashToken, newSecretToken, SECRET_TOKEN_PATTERN } from './secret-token.ts';

// Dashboard users and their one-time links. There is no default password: the first start makes
// a setup link for the account's owner; later users come by invitation (porm users invite), and a
// forgotten password by a reset link (porm users reset). Links are used once and expire.

export interface DashboardUser {
  id: string;
  accountId: string;
  email: string;
  name: string;
  role: Role;
  createdAt: number;
}

export type LinkPurpose = 'setup' | 'invite' | 'reset';

export interface PendingLink {
  purpose: LinkPurpose;
  accountId: string;
  email: string | null;
  role: Role;
}

const LINK_TTL_MS: Record<LinkPurpose, number> = { setup: 7 * 86_400_000, invite: 7 * 86_400_000, reset: 3_600_000 };
const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]{1,190}\.[^\s@<>"]{2,63}$/;

export function normalizeEmail(value: string): string {
  const email = value.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new PormError('PORM_DASHBOARD_INVALID_EMAIL', undefined, [{ field: '/email', code: 'PORM_DASHBOARD_INVALID_EMAIL', message: 'an e-mail address' }]);
  return email;
}

function userOf(row: { id: string; account_id: string; email: string; name: string; role: string; created_at: number }): DashboardUser {
  return { id: row.id, accountId: row.account_id, email: row.email, name: row.name, role: isRole(row.role) ? row.role : 'read-only', createdAt: Number(row.created_at) };
}

export class DashboardUsers {
  constructor(private readonly store: Store, private readonly now: () => number) {}

  /** A setup link for the account's owner while it has no user, replacing earlier ones; null once it has one. */
  async setupLink(accountId: string): Promise<string | null> {
    return this.store.write(async (tx) => {
      await this.store.lockKey(tx, `dashboard-setup:${accountId}`);
      const any = await tx.selectFrom('dashboard_users').select('id').where('account_id', '=', accountId).limit(1).executeTakeFirst();
      if (any) return null;
      await tx.deleteFrom('dashboard_links').where('account_id', '=', accountId).where('purpose', '=', 'setup').execute();
      return this.insertLink(tx, accountId, 'setup', null, 'owner');
    });
  }

  async invite(accountId: string, email: string, role: string): Promise<string> {
    const address = normalizeEmail(email);
    if (!isRole(role)) throw new PormError('PORM_DASHBOARD_INVALID_ROLE');
    return this.store.write(async (tx) => {
      const taken = await tx.selectFrom('dashboard_users').select('id').where('email', '=', address).executeTakeFirst();
      if (taken) throw new PormError('PORM_DASHBOARD_USER_EXISTS');
      return this.insertLink(tx, accountId, 'invite', address, role);
    });
  }

  async resetLink(accountId: string, email: string): Promise<string> {
    const address = normalizeEmail(email);
    return this.store.write(async (tx) => {
      const user = await tx.selectFrom('dashboard_users').select(['role']).where('account_id', '=', accountId).where('email', '=', address).executeTakeFirst();
      if (!user) throw new PormError('PORM_DASHBOARD_USER_NOT_FOUND');
      return this.insertLink(tx, accountId, 'reset', address, isRole(user.role) ? user.role : 'read-only');
    });
  }

  /** What an unused, unexpired link is for; PORM_DASHBOARD_LINK_INVALID otherwise. */
  async pending(token: string): Promise<PendingLink> {
    const row = SECRET_TOKEN_PATTERN.test(token)
      ? await this.store.db.selectFrom('dashboard_links').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst()
      : undefined;
    if (!row || row.used_at !== null || Number(row.expires_at) <= this.now() || !isRole(row.role)) throw new PormError('PORM_DASHBOARD_LINK_INVALID');
    return { purpose: row.purpose as LinkPurpose, accountId: row.account_id, email: row.email, role: row.role };
  }

  /**
   * Uses a link: setup and invite create the user, reset sets its password. The link is marked
   * used in the same unit, guarded by `used_at IS NULL`, so two tabs cannot both use it.
   */
  async useLink(token: string, input: { email?: string; name?: string; password: string }): Promise<DashboardUser> {
    checkPasswordStrength(input.password);
    const link = await this.pending(token);
    const email = link.email ?? normalizeEmail(input.email ?? '');
    const name = (input.name ?? '').trim().slice(0, 200) || email;
    const hash = await hashPassword(input.password);
    const now = this.now();
    return this.store.write(async (tx) => {
      const used = await tx.updateTable('dashboard_links').set({ used_at: now }).where('token_hash', '=', hashToken(token)).where('used_at', 'is', null).executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) throw new PormError('PORM_DASHBOARD_LINK_INVALID');
      if (link.purpose === 'reset') {
        const user = await tx.selectFrom('dashboard_users').selectAll().where('account_id', '=', link.accountId).where('email', '=', email).executeTakeFirst();
        if (!user) throw new PormError('PORM_DASHBOARD_LINK_INVALID');
        await tx.updateTable('dashboard_users').set({ password_hash: hash, updated_at: now }).where('id', '=', user.id).execute();
        // A reset signs every other session of the user out.
        await tx.deleteFrom('dashboard_sessions').where('user_id', '=', user.id).execute();
        return userOf(user);
      }
      const taken = await tx.selectFrom('dashboard_users').select('id').where('email', '=', email).executeTakeFirst();
      if (taken) throw new PormError('PORM_DASHBOARD_USER_EXISTS');
      const row = { id: newId('usr', now), account_id: link.accountId, email, name, role: link.role, password_hash: hash, created_at: now, updated_at: now };
      await tx.insertInto('dashboard_users').values(row).execute();
      return userOf(row);
    });
  }

  /** The user these credentials name, or null; as slow for an unknown e-mail as for a wrong password. */
  async verify(email: string, password: string): Promise<DashboardUser | null> {
    const address = email.trim().toLowerCase();
    const row = await this.store.db.selectFrom('dashboard_users').selectAll().where('email', '=', address).executeTakeFirst();
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    return row && ok ? userOf(row) : null;
  }

  async get(id: string): Promise<DashboardUser | undefined> {
    const row = await this.store.db.selectFrom('dashboard_users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && userOf(row);
  }

  async list(accountId: string): Promise<DashboardUser[]> {
    return (await this.store.db.selectFrom('dashboard_users').selectAll().where('account_id', '=', accountId).orderBy('created_at').execute()).map(userOf);
  }

  private async insertLink(tx: Db, accountId: string, purpose: LinkPurpose, email: string | null, role: Role): Promise<string> {
    const token = newSecretToken();
    const now = this.now();
    await tx.insertInto('dashboard_links').values({ token_hash: hashToken(token), account_id: accountId, email, role, purpose, created_at: now, expires_at: now + LINK_TTL_MS[purpose], used_at: null }).execute();
    return token;
  }
}
