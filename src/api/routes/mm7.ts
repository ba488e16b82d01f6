import type { FastifyPluginAsync } from 'fastify';
import type { Mm7Inbound } from '../../carriers/mm7/mm7-inbound.ts';
import { PormError } from '../../errors.ts';

const MAX_MM7_BODY = 8 * 1024 * 1024;

/**
 * POST /mm7/:carrier — where MMSCs deliver DeliveryReportReq, DeliverReq and ReadReplyReq.
 * Authenticated with the carrier's inbound HTTP basic credentials, not API keys; bodies are
 * SOAP (text/xml) or SOAP with attachments (multipart/related), read raw.
 */
export function mm7Routes(inbound: ReadonlyMap<string, Mm7Inbound>): FastifyPluginAsync {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_MM7_BODY }, (_req, body, done) => done(null, body));
    app.post<{ Params: { carrier: string } }>('/mm7/:carrier', {
      schema: {
        summary: 'MM7 endpoint for an MMSC (delivery reports, inbound messages, read replies)', tags: ['carriers'],
        description: 'SOAP 1.1 (with attachments) per 3GPP TS 23.140. HTTP basic auth with the carrier\'s `inbound` credentials.',
        params: { type: 'object', properties: { carrier: { type: 'string', maxLength: 32 } }, required: ['carrier'] },
        security: [{ mm7Basic: [] }],
      },
    }, async (request, reply) => {
      const handler = inbound.get(request.params.carrier);
      if (!handler) throw new PormError('PORM_NOT_FOUND', `no MM7 carrier named ${request.params.carrier.slice(0, 32)}`);
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const answer = await handler.handle(request.headers['content-type'], request.headers.authorization, body);
      return reply.code(answer.status).headers(answer.headers).send(answer.body);
    });
  };
}
