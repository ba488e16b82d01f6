import type { FastifyPluginAsync } from 'fastify';
import type { MediaUrls } from '../../media/media-urls.ts';
import { parseRange } from '../../media/signed-url.ts';
import { sendProblem } from '../error-handler.ts';

/**
 * GET|HEAD /media/:token — signed, expiring media URLs for carriers, CDNs and handsets. Answers
 * with Content-Length (never chunked: some MMSCs refuse chunked media), ETag, single byte
 * ranges and cache headers that never outlive the URL.
 */
export function mediaUrlRoutes(urls: MediaUrls, now: () => number): FastifyPluginAsync {
  return async (app) => {
    app.route<{ Params: { token: string } }>({
      method: ['GET', 'HEAD'], url: '/media/:token',
      schema: { summary: 'Fetch media by signed URL (no API key)', tags: ['media'], params: { type: 'object', properties: { token: { type: 'string', maxLength: 120 } }, required: ['token'] },
        response: {
          200: { description: 'The bytes (Content-Length, ETag, Accept-Ranges: bytes)', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } },
          206: { description: 'The byte range asked for (Content-Range)', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } },
          304: { description: 'Not modified (If-None-Match matched the ETag)', type: 'null' },
          404: { $ref: 'Problem#' }, 410: { $ref: 'Problem#' },
          416: { description: 'Range not satisfiable (Content-Range: bytes */size)', type: 'null' },
        },
      },
      handler: async (request, reply) => {
        const served = await urls.open(request.params.token);
        if (!('bytes' in served)) {
          if (served.reason === 'expired') return sendProblem(request, reply, 'PORM_MEDIA_URL_EXPIRED', 'this media URL has expired');
          return sendProblem(request, reply, 'PORM_MEDIA_NOT_FOUND', 'no media at this URL');
        }
        const etag = `"${served.sha256}"`;
        const maxAge = Math.max(0, Math.min(86_400, served.expiresAt - Math.floor(now() / 1000)));
        reply.header('etag', etag).header('accept-ranges', 'bytes').header('cache-control', `public, max-age=${maxAge}`).type(served.contentType);
        if (request.headers['if-none-match'] === etag) return reply.code(304).send();
        const rangeHeader = request.headers.range;
        let body = served.bytes;
        if (rangeHeader) {
          const range = parseRange(rangeHeader, served.bytes.length);
          if (!range) return reply.code(416).header('content-range', `bytes */${served.bytes.length}`).send();
          body = served.bytes.subarray(range.start, range.end + 1);
          reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${served.bytes.length}`);
        }
        reply.header('content-length', body.length);
        return reply.send(request.method === 'HEAD' ? undefined : body);
      },
    });
  };
}
