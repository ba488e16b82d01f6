import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../services.ts';
import { sendProblem } from '../error-handler.ts';

export function healthRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/healthz', {
      schema: { summary: 'Liveness: the process is up', tags: ['operations'], response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
    }, async () => ({ status: 'ok' as const }));

    app.get('/readyz', {
      schema: {
        summary: 'Readiness: started, database reachable', tags: ['operations'],
        response: { 200: Type.Object({ status: Type.Literal('ready') }), 503: { $ref: 'Problem#' } },
      },
    }, async (request, reply) => {
      if (!services.readiness.ready) return sendProblem(request, reply, 'PORM_NOT_READY', 'starting or shutting down');
      try {
        await services.store.ping();
      } catch (err) {
        return sendProblem(request, reply, 'PORM_NOT_READY', `database unreachable: ${(err as Error).message}`);
      }
      return { status: 'ready' as const };
    });

    app.get('/metrics', {
      schema: {
        summary: 'Prometheus metrics', tags: ['operations'],
        response: { 200: { description: 'Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } } },
      },
    }, async (_request, reply) => {
      const text = await services.metrics.registry.metrics();
      return reply.type(services.metrics.registry.contentType).send(text);
    });
  };
}
