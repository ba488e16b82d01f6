import type { FastifyPluginAsync } from 'fastify';
import type { Mm7Inbound } from './mm7-inbound.ts';

const MAX_MM7_BODY = 8 * 1024 * 1024;

/**
 * POST /mm7/<carrier> — where an MMSC delivers DeliveryReportReq, DeliverReq and ReadReplyReq.
 * One plugin per MM7-speaking connector, mounted at its prefix, so a name no connector has
 * falls through to the API's 404 problem. Authenticated with the carrier's inbound HTTP basic
 * credentials, not API keys; bodies are SOAP (text/xml) or SOAP with attachments
 * (multipart/related), read raw.
 */
export function mm7Routes(inbound: Mm7Inbound): FastifyPluginAsync {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_MM7_BODY }, (_req, body, done) => done(null, body));
    app.post('/', {
      schema: {
        summary: `MM7 endpoint of carrier ${inbound.carrier} (delivery reports, inbound messages, read replies)`, tags: ['carriers'],
        description: 'SOAP 1.1 (with attachments) per 3GPP TS 23.140. HTTP basic auth with the carrier\'s `inbound` credentials.',
        security: [{ mm7Basic: [] }],
      },
    }, async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const answer = await inbound.handle(request.headers['content-type'], request.headers.authorization, body);
      return reply.code(answer.status).headers(answer.headers).send(answer.body);
    });
  };
}
