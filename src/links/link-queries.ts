import { sql, type Selectable } from 'kysely';
import type { TrackedLinksTable } from './tables.ts';
import { PormError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { shortUrl } from './shorten-body.ts';
import { readLinkSettings } from './link-settings.ts';
import { TOKEN_PATTERN } from './short-token.ts';

// What the API tells about tracked links: each link with its click counts, and its click log.

export interface ClickCounts {
  /** Every request, people's and machines'. */
  total: number;
  /** Requests that looked like a person's tap. */
  human: number;
  /** Machines: link previews, scanners, prefetches. */
  bots: number;
  firstHumanAt: number | null;
  lastHumanAt: number | null;
}

export interface TrackedLink {
  token: string;
  shortUrl: string;
  target: string;
  original: string;
  messageId: string;
  recipient: string;
  position: number;
  createdAt: number;
  expiresAt: number;
  clicks: ClickCounts;
}

export interface LinkClick {
  id: string;
  token: string;
  messageId: string;
  recipient: string;
  at: number;
  bot: boolean;
  botReason: string | null;
  userAgent: string | null;
}

export interface LinkFilter {
  messageId?: string;
  recipient?: string;
}

export interface Page<T> { data: T[]; nextCursor: string | null }

function encodeCursor(createdAt: number, key: string): string {
  return Buffer.from(`${createdAt}:${key}`).toString('base64url');
}

function decodeCursor(cursor: string, key: RegExp): { createdAt: number; key: string } {
  const [at, rest, extra] = Buffer.from(cursor, 'base64url').toString().split(':');
  if (extra !== undefined || at === undefined || rest === undefined || !/^\d{1,15}$/.test(at) || !key.test(rest)) throw new PormError('PORM_INVALID_CURSOR');
  return { createdAt: Number(at), key: rest };
}

export class LinkQueries {
  constructor(private readonly store: Store, private readonly publicUrl: () => string) {}

  async list(accountId: string, filter: LinkFilter, limit: number, cursor?: string): Promise<Page<TrackedLink>> {
    let query = this.store.db.selectFrom('tracked_links').selectAll().where('account_id', '=', accountId);
    if (filter.messageId !== undefined) query = query.where('message_id', '=', filter.messageId);
    if (filter.recipient !== undefined) query = query.where('recipient', '=', filter.recipient);
    if (cursor !== undefined) {
      const after = decodeCursor(cursor, TOKEN_PATTERN);
      query = query.where((eb) => eb.or([eb('created_at', '<', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('token', '<', after.key)])]));
    }
    const rows = await query.orderBy('created_at', 'desc').orderBy('token', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const counts = await this.counts(page.map((r) => r.token));
    const base = await this.baseUrl(accountId);
    const last = page.at(-1);
    return {
      data: page.map((r) => linkOf(r, base, counts)),
      nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.token) : null,
    };
  }

  async get(accountId: string, token: string): Promise<TrackedLink> {
    if (!TOKEN_PATTERN.test(token)) throw new PormError('PORM_LINK_NOT_FOUND');
    const r = await this.store.db.selectFrom('tracked_links').selectAll().where('account_id', '=', accountId).where('token', '=', token).executeTakeFirst();
    if (!r) throw new PormError('PORM_LINK_NOT_FOUND');
    return linkOf(r, await this.baseUrl(accountId), await this.counts([token]));
  }

  async clicks(accountId: string, token: string, limit: number, cursor?: string): Promise<Page<LinkClick>> {
    await this.get(accountId, token);
    let query = this.store.db.selectFrom('link_clicks').selectAll().where('account_id', '=', accountId).where('token', '=', token);
    if (cursor !== undefined) {
      const after = decodeCursor(cursor, /^clk_[0-9a-z]{26}$/);
      query = query.where('id', '<', after.key);
    }
    const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      data: page.map((c) => ({ id: c.id, token: c.token, messageId: c.message_id, recipient: c.recipient, at: c.at, bot: c.bot === 1, botReason: c.bot_reason, userAgent: c.user_agent })),
      nextCursor: rows.length > limit && last ? encodeCursor(last.at, last.id) : null,
    };
  }

  private async baseUrl(accountId: string): Promise<string> {
    return (await readLinkSettings(this.store.db, accountId)).baseUrl ?? this.publicUrl();
  }

  private async counts(tokens: string[]): Promise<Map<string, ClickCounts>> {
    if (tokens.length === 0) return new Map();
    const rows = await this.store.db.selectFrom('link_clicks')
      .select((eb) => [
        'token',
        eb.fn.countAll<number>().as('total'),
        sql<number>`sum(case when bot = 0 then 1 else 0 end)`.as('human'),
        sql<number | null>`min(case when bot = 0 then at end)`.as('first_human'),
        sql<number | null>`max(case when bot = 0 then at end)`.as('last_human'),
      ])
      .where('token', 'in', tokens).groupBy('token').execute();
    return new Map(rows.map((r) => {
      const total = Number(r.total);
      const human = Number(r.human ?? 0);
      return [r.token, { total, human, bots: total - human, firstHumanAt: r.first_human === null ? null : Number(r.first_human), lastHumanAt: r.last_human === null ? null : Number(r.last_human) }];
    }));
  }
}

function linkOf(r: Selectable<TrackedLinksTable>, base: string, counts: ReadonlyMap<string, ClickCounts>): TrackedLink {
  return {
    token: r.token, shortUrl: shortUrl(base, r.token), target: r.target, original: r.original, messageId: r.message_id,
    recipient: r.recipient, position: r.position, createdAt: r.created_at, expiresAt: r.expires_at, clicks: counts.get(r.token) ?? noClicks(),
  };
}

function noClicks(): ClickCounts {
  return { total: 0, human: 0, bots: 0, firstHumanAt: null, lastHumanAt: null };
}
