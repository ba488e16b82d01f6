import type { Db } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { readLinkSettings } from './link-settings.ts';
import { newShortToken } from './short-token.ts';
import { shortenBody, type ShortLink } from './shorten-body.ts';
import type { Utm } from './utm.ts';

// The send path's half of link tracking: before a message is stored its body's links become
// short links (so the segment count and what the handset shows are of the short text), and the
// links are stored in the message's own write unit, so a message never exists with links that
// do not resolve, nor links without their message.

/** tracked_links rows per INSERT (9 values a row). */
const RECORD_CHUNK = 400;

export interface PreparedLinks {
  body: string;
  links: ShortLink[];
  ttlDays: number;
}

export class LinkShortener {
  constructor(private readonly store: Store, private readonly publicUrl: () => string) {}

  /** Reads the account's settings (outside the write unit, or in `db`, the caller's) and rewrites the body; `utm` adds to the account's. */
  async prepare(accountId: string, body: string, utm: Utm | undefined, db: Db = this.store.db): Promise<PreparedLinks> {
    const settings = await readLinkSettings(db, accountId);
    const { body: short, links } = shortenBody(body, settings.baseUrl ?? this.publicUrl(), { ...settings.utm, ...utm }, newShortToken);
    return { body: short, links, ttlDays: settings.ttlDays };
  }

  /** prepare for many bodies of one account (campaign fan-out): the settings are read once, in `db`. */
  async preparer(accountId: string, db: Db = this.store.db): Promise<(body: string, utm: Utm | undefined) => PreparedLinks> {
    const settings = await readLinkSettings(db, accountId);
    const base = settings.baseUrl ?? this.publicUrl();
    return (body, utm) => {
      const { body: short, links } = shortenBody(body, base, { ...settings.utm, ...utm }, newShortToken);
      return { body: short, links, ttlDays: settings.ttlDays };
    };
  }

  /** record for many messages, in one statement per RECORD_CHUNK links. */
  async recordMany(tx: Db, accountId: string, items: ReadonlyArray<{ messageId: string; recipient: string; prepared: PreparedLinks }>, now: number): Promise<void> {
    const rows = items.flatMap(({ messageId, recipient, prepared }) => {
      const expiresAt = now + prepared.ttlDays * 86_400_000;
      return prepared.links.map((l) => ({
        token: l.token, account_id: accountId, message_id: messageId, recipient, target: l.target, original: l.original,
        position: l.position, created_at: now, expires_at: expiresAt,
      }));
    });
    for (let i = 0; i < rows.length; i += RECORD_CHUNK) await tx.insertInto('tracked_links').values(rows.slice(i, i + RECORD_CHUNK)).execute();
  }

  async record(tx: Db, accountId: string, messageId: string, recipient: string, prepared: PreparedLinks, now: number): Promise<void> {
    if (prepared.links.length === 0) return;
    const expiresAt = now + prepared.ttlDays * 86_400_000;
    await tx.insertInto('tracked_links').values(prepared.links.map((l) => ({
      token: l.token, account_id: accountId, message_id: messageId, recipient, target: l.target, original: l.original,
      position: l.position, created_at: now, expires_at: expiresAt,
    }))).execute();
  }
}
