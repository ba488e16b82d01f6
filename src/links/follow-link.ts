import { PormError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Store } from '../store/store.ts';
import type { Db } from '../store/schema.ts';
import { botReason, type ClickRequest } from './bot-detect.ts';
import { TOKEN_PATTERN } from './short-token.ts';

// GET /l/{token}: where a short link goes, and the click recorded before the redirect is sent,
// so a counted click is a durable one. Person or machine, everyone is redirected; machines are
// marked (src/links/bot-detect.ts) and left out of unique clicks.

export interface FollowedLink {
  target: string;
  clickId: string;
  bot: boolean;
}

/** User agents are kept for the click log, cut so a hostile client cannot fill the database. */
const MAX_USER_AGENT = 512;

/** Queues the link.clicked webhook in the click's own unit (src/webhooks/account-event.ts). */
export type ClickAnnouncer = (tx: Db, click: { accountId: string; messageId: string; clickId: string; at: number }) => Promise<void>;

export class LinkFollower {
  constructor(private readonly store: Store, private readonly now: () => number, private readonly announce: ClickAnnouncer | null = null) {}

  async follow(token: string, request: ClickRequest): Promise<FollowedLink> {
    if (!TOKEN_PATTERN.test(token)) throw new PormError('PORM_LINK_NOT_FOUND');
    const link = await this.store.db.selectFrom('tracked_links').select(['account_id', 'message_id', 'recipient', 'target', 'expires_at'])
      .where('token', '=', token).executeTakeFirst();
    if (!link) throw new PormError('PORM_LINK_NOT_FOUND');
    const now = this.now();
    if (now >= link.expires_at) throw new PormError('PORM_LINK_EXPIRED');
    const reason = botReason(request);
    const clickId = newId('clk', now);
    await this.store.write(async (tx) => {
      await tx.insertInto('link_clicks').values({
        id: clickId, token, account_id: link.account_id, message_id: link.message_id, recipient: link.recipient, at: now,
        bot: reason === null ? 0 : 1, bot_reason: reason, user_agent: request.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
      }).execute();
      // Machines are counted but not announced: one shared link can draw dozens of preview fetches.
      if (reason === null && this.announce) await this.announce(tx, { accountId: link.account_id, messageId: link.message_id, clickId, at: now });
    });
    return { target: link.target, clickId, bot: reason !== null };
  }
}
