import type { LinkClick } from '../../../links/link-queries.ts';

/** A click as /v1 shows it: in GET /v1/links/{token}/clicks and as the data of a link.clicked webhook. */
export function presentLinkClick(c: LinkClick & { target?: string; original?: string }): Record<string, unknown> {
  return {
    object: 'link_click', id: c.id, token: c.token, message_id: c.messageId, to: c.recipient, at: new Date(c.at).toISOString(),
    bot: c.bot, bot_reason: c.botReason, user_agent: c.userAgent,
    ...(c.target !== undefined ? { url: c.target } : {}), ...(c.original !== undefined ? { original: c.original } : {}),
  };
}
