import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../../store/store.ts';
import type { MediaUrls } from '../../media/media-urls.ts';
import type { MediaRef } from '../../messages/model.ts';
import { fallbackPageDocument, FALLBACK_PAGE_HEADERS, fallbackNotFoundDocument, type PageMedia } from '../../messages/sms/fallback-page-html.ts';

/** The page token: 22 base62 characters (131 bits), as recordChannelSwitch makes it. */
const TOKEN = /^[0-9A-Za-z]{22}$/;

/**
 * GET /v/{token}: the page an MMS that fell back to SMS links to, with its subject, text, pictures,
 * video and audio. No API key: the unguessable token is the credential, scoped to one message.
 * Media of the account's own store are shown through porm's signed, expiring media URLs; media
 * the sender gave as URLs are shown from those URLs. Never cached, never indexed, and the page
 * sends no Referer, so the token does not leak to the hosts of the media.
 */
export function fallbackPageRoutes(store: Store, mediaUrls: Pick<MediaUrls, 'urlFor'>): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { token: string } }>('/v/:token', { schema: { hide: true } }, async (request, reply) => {
      for (const [k, v] of Object.entries(FALLBACK_PAGE_HEADERS)) reply.header(k, v);
      reply.type('text/html; charset=utf-8');
      const { token } = request.params;
      const row = TOKEN.test(token)
        ? await store.db.selectFrom('messages').select(['account_id', 'subject', 'body', 'media_json'])
          .where('page_token', '=', token).where('template_id', 'is', null).executeTakeFirst()
        : undefined;
      if (!row) return reply.code(404).send(fallbackNotFoundDocument());
      const refs = JSON.parse(row.media_json) as MediaRef[];
      const ids = refs.flatMap((r) => (r.kind === 'id' ? [r.id] : []));
      const stored = ids.length === 0 ? [] : await store.db.selectFrom('media').select(['id', 'sha256', 'content_type', 'filename'])
        .where('account_id', '=', row.account_id).where('id', 'in', ids).execute();
      const byId = new Map(stored.map((m) => [m.id, m]));
      const media: PageMedia[] = refs.flatMap((ref): PageMedia[] => {
        if (ref.kind === 'url') return [{ url: ref.url, contentType: null, name: null }];
        const m = byId.get(ref.id);
        // Deleted since: nothing to show for it.
        return m ? [{ url: mediaUrls.urlFor(m.sha256), contentType: m.content_type, name: m.filename }] : [];
      });
      return reply.send(fallbackPageDocument({ subject: row.subject, body: row.body, media }));
    });
  };
}
