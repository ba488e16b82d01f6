import type { Store } from '../store/store.ts';
import { hashToken, newSecretToken, SECRET_TOKEN_PATTERN } from './secret-token.ts';

// Dashboard sessions: a random id in an HttpOnly cookie (stored hashed), a CSRF token bound to the
// session, an idle timeout and an absolute one. A new session is made at every sign-in, so an id
// planted before sign-in (session fixation) never becomes a signed-in one.

export interface Session {
  userId: string;
  csrf: string;
  /** The cookie value; known only when the session was just made. */
  id?: string;
}

const IDLE_MS = 12 * 3_600_000;
const ABSOLUTE_MS = 7 * 86_400_000;
/** last_seen_at is written at most this often, so browsing is not a write per page. */
const TOUCH_MS = 60_000;

export class DashboardSessions {
  constructor(private readonly store: Store, private readonly now: () => number) {}

  async create(userId: string): Promise<Session & { id: string }> {
    const id = newSecretToken();
    const csrf = newSecretToken();
    const now = this.now();
    await this.store.write((tx) => tx.insertInto('dashboard_sessions').values({ id_hash: hashToken(id), user_id: userId, csrf, created_at: now, last_seen_at: now, expires_at: now + ABSOLUTE_MS }).execute());
    return { id, userId, csrf };
  }

  async lookup(id: string): Promise<Session | null> {
    if (!SECRET_TOKEN_PATTERN.test(id)) return null;
    const idHash = hashToken(id);
    const row = await this.store.db.selectFrom('dashboard_sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    const now = this.now();
    if (!row || Number(row.expires_at) <= now || Number(row.last_seen_at) + IDLE_MS <= now) return null;
    if (now - Number(row.last_seen_at) > TOUCH_MS) {
      await this.store.write((tx) => tx.updateTable('dashboard_sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute());
    }
    return { userId: row.user_id, csrf: row.csrf };
  }

  async destroy(id: string): Promise<void> {
    if (!SECRET_TOKEN_PATTERN.test(id)) return;
    await this.store.write((tx) => tx.deleteFrom('dashboard_sessions').where('id_hash', '=', hashToken(id)).execute());
  }
}
