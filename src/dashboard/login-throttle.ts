import type { Store } from '../store/store.ts';

// Failed sign-ins, counted per e-mail and per client address over a sliding 15 minutes: a guess
// at one user's password is slowed after 5 failures, a sweep from one address after 20. Kept in
// the database, so every API process of a cluster counts the same failures.

const WINDOW_MS = 15 * 60_000;
const LIMITS = { email: 5, ip: 20 } as const;

export class LoginThrottle {
  constructor(private readonly store: Store, private readonly now: () => number) {}

  /** Seconds to wait before another attempt, or 0. */
  async retryAfter(email: string, ip: string): Promise<number> {
    const since = this.now() - WINDOW_MS;
    let wait = 0;
    for (const [kind, key] of [['email', `email:${email.trim().toLowerCase()}`], ['ip', `ip:${ip}`]] as const) {
      const rows = await this.store.db.selectFrom('dashboard_login_failures').select('at').where('key', '=', key).where('at', '>', since).orderBy('at', 'desc').limit(LIMITS[kind]).execute();
      if (rows.length >= LIMITS[kind]) wait = Math.max(wait, Math.ceil((Number(rows.at(-1)!.at) + WINDOW_MS - this.now()) / 1000));
    }
    return wait;
  }

  async fail(email: string, ip: string): Promise<void> {
    const at = this.now();
    await this.store.write(async (tx) => {
      await tx.insertInto('dashboard_login_failures').values([{ key: `email:${email.trim().toLowerCase()}`, at }, { key: `ip:${ip}`, at }]).execute();
      await tx.deleteFrom('dashboard_login_failures').where('at', '<', at - WINDOW_MS).execute();
    });
  }
}
