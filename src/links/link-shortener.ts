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

  async record(tx: Db, accountId: string, messageId: string, recipient: string, prepared: PreparedLinks, now: number): Promise<void> {
    if (prepared.links.length === 0) return;
    const expiresAt = now + prepared.ttlDays * 86_400_000;
    await tx.insertInto('tracked_links').values(prepared.links.map((l) => ({
      token: l.token, account_id: accountId, message_id: messageId, recipient, target: l.target, original: l.original,
      position: l.position, created_at: now, expires_at: expiresAt,
    }))).execute();
  }
}
