import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { PormError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import type { HandsetSource } from '../../carriers/connector-type.ts';
import { pduToJson } from '../../mms/pdu/index.ts';
import { accountOf } from '../auth.ts';
import { errorResponses } from '../schemas/common.ts';

const MMS_TYPE = 'application/vnd.wap.mms-message';
const HandsetView = Type.Object({
  message_id: Type.String(),
  carrier_message_id: Type.String({ description: 'The sandbox MMSC\'s MessageID' }),
  notification_ind: Type.Object({}, { additionalProperties: true, description: 'The m-notification-ind the handset got over WAP push, decoded' }),
  retrieve_conf: Type.Object({}, { additionalProperties: true, description: 'The m-retrieve-conf it fetched, decoded' }),
  retrieve_conf_size: Type.Integer({ description: 'Bytes of the m-retrieve-conf PDU' }),
});
// Statuses before any carrier has the message: no handset can have received it yet.
const NOT_SENT_YET: ReadonlySet<string> = new Set(['accepted', 'scheduled', 'queued', 'sending']);

/**
 * GET /v1/messages/:id/handset — what the phone gets, for messages sent through a sandbox MMSC:
 * the m-retrieve-conf bytes for clients that accept application/vnd.wap.mms-message, otherwise
 * a JSON view of the m-notification-ind and m-retrieve-conf.
 */
export function handsetRoutes(services: Services, handsets: ReadonlyMap<string, HandsetSource>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/v1/messages/:id/handset', {
      schema: {
        summary: 'What the handset receives (sandbox MMSC only)', tags: ['messages'],
        description: `Send \`Accept: ${MMS_TYPE}\` for the m-retrieve-conf PDU; otherwise JSON with both PDUs decoded.`,
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: {
          200: {
            description: 'The handset view: JSON with both PDUs decoded, or the m-retrieve-conf PDU itself',
            content: { 'application/json': { schema: HandsetView }, [MMS_TYPE]: { schema: { type: 'string', format: 'binary' } } },
          },
          409: Type.Ref('Problem'), ...errorResponses,
        },
      },
    }, async (request, reply) => {
      const message = await services.messages.get(accountOf(request), request.params.id);
      const mmsc = message.carrier ? handsets.get(message.carrier) : undefined;
      const view = mmsc?.handset(message.id);
      if (!view && NOT_SENT_YET.has(message.status)) {
        throw new PormError('PORM_MESSAGE_NOT_SENT_YET', `the message is ${message.status}: it has not been sent yet, so no handset has received it; ask again once its status is sent`);
      }
      if (!view) throw new PormError('PORM_HANDSET_VIEW_UNAVAILABLE', mmsc ? 'the sandbox MMSC has not accepted this message' : 'this message did not go through a sandbox MMSC');
      if (String(request.headers.accept ?? '').toLowerCase().includes(MMS_TYPE)) {
        return reply.type(MMS_TYPE).header('content-length', view.retrieveConfBytes.length).send(view.retrieveConfBytes);
      }
      return reply.type('application/json').send({
        message_id: message.id, carrier_message_id: view.carrierMessageId,
        notification_ind: pduToJson(view.notificationInd), retrieve_conf: pduToJson(view.retrieveConf),
        retrieve_conf_size: view.retrieveConfBytes.length,
      });
    });
  };
}
