import type { FastifyPluginAsync } from 'fastify';
import { PormError } from '../../errors.ts';
import type { LinkFollower } from '../../links/follow-link.ts';

/** Headers of every answer: never cached (each tap is counted), never indexed, no Referer carrying the token on. */
const HEADERS = { 'cache-control': 'no-store', 'x-robots-tag': 'noindex, nofollow', 'referrer-policy': 'no-referrer' } as const;

function page(title: string, text: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title></head>`
    + `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem"><h1>${title}</h1><p>${text}</p></body></html>`;
}

/**
 * GET /l/{token}: a tracked short link (docs/links.md). No API key: the random token is the link.
 * The click is stored before the redirect goes out; an unknown token is 404 and an expired one
 * 410, each a small page (a person tapped it) with the code in a header for scripts.
 */
export function shortLinkRoutes(follower: Pick<LinkFollower, 'follow'>): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { token: string } }>('/l/:token', { schema: { hide: true } }, async (request, reply) => {
      for (const [k, v] of Object.entries(HEADERS)) reply.header(k, v);
      const purpose = request.headers['sec-purpose'] ?? request.headers.purpose;
      try {
        const followed = await follower.follow(request.params.token, {
          method: request.method, userAgent: request.headers['user-agent'], purpose: Array.isArray(purpose) ? purpose[0] : purpose,
        });
        return reply.redirect(followed.target, 302);
      } catch (err) {
        if (!(err instanceof PormError) || (err.code !== 'PORM_LINK_NOT_FOUND' && err.code !== 'PORM_LINK_EXPIRED')) throw err;
        const expired = err.code === 'PORM_LINK_EXPIRED';
        reply.code(expired ? 410 : 404).header('x-porm-error', err.code).type('text/html; charset=utf-8');
        return reply.send(expired ? page('This link has expired', 'The offer or page it led to is no longer available through this link.') : page('Link not found', 'Check that the whole link was copied.'));
      }
    });
  };
}
