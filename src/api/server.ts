import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Services } from '../services.ts';
import { ERROR_DOC_NOTE } from './openapi-info.ts';
import { securityByRoute } from './openapi-security.ts';
import { docsPageOptions } from './docs-page/docs-page.ts';
import { buildValidator, validatorCompiler } from './validation.ts';
import { installErrorHandling, rawClientError } from './error-handler.ts';
import { installJsonBodyParser } from './json-body.ts';
import { authenticator } from './auth.ts';
import { Problem } from './schemas/common.ts';
import { MessageResource } from './schemas/message-schemas.ts';
import { messageRoutes } from './routes/messages.ts';
import { mediaRoutes } from './routes/media.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { accountRoutes } from './routes/account.ts';
import { healthRoutes } from './routes/health.ts';
import { mediaUrlRoutes } from './routes/media-urls.ts';
import { inboundRoutes } from './routes/inbound.ts';
import { handsetRoutes } from './routes/handset.ts';
import { templateSchemaRoutes, templateValidateRoutes } from './routes/templates.ts';
import { templateCrudRoutes } from './routes/template-crud.ts';
import { pageRoutes } from './routes/page.ts';
import { fallbackPageRoutes } from './routes/fallback-page.ts';
import { sandboxRoutes } from './routes/sandbox.ts';
import type { HandsetPlayer } from '../handset/handset-player.ts';
import { numberRoutes } from './routes/numbers.ts';
import { inboundWebhookRoutes } from '../twilio/inbound/routes.ts';
import { twilioRoutes } from '../twilio/api/routes.ts';
import { twilioCredentialRoutes } from '../twilio/credentials/routes.ts';
import { twilioMessagingRoutes } from '../twilio/messaging/routes.ts';
import { complianceRoutes } from './routes/compliance.ts';
import { linkRoutes } from './routes/links.ts';
import { dashboardRoutes } from './dashboard/routes.ts';
import { shortLinkRoutes } from './routes/short-link.ts';
import { messagingServiceRoutes } from './routes/messaging-services.ts';
import { contactRoutes } from './routes/contacts.ts';
import { listRoutes } from './routes/lists.ts';
import { importRoutes } from './routes/imports.ts';
import { segmentRoutes } from './routes/segments.ts';
import { campaignRoutes } from './routes/campaigns.ts';
import { campaignAnalyticsRoutes } from './routes/campaign-analytics.ts';
import { DEFAULT_URL_SCHEMES } from '../rich/format/index.ts';
import type { ConnectorRoutes, HandsetSource } from '../carriers/connector-type.ts';

/** Builds the HTTP server: REST /v1, OpenAPI at /openapi.json, docs at /docs, health and metrics. */
/** Carrier-facing parts of the API: connectors' inbound routes (e.g. /mm7/<name>) and sandbox handset views. */
export interface CarrierEndpoints {
  routes: readonly ConnectorRoutes[];
  handsets: ReadonlyMap<string, HandsetSource>;
  /** Plays the sandbox handset (POST /v1/sandbox/*). */
  player?: HandsetPlayer;
}

export async function buildServer(services: Services, carriers: CarrierEndpoints, log: Logger): Promise<FastifyInstance> {
  const base = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    // porm writes its own one line per request (onResponse below).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: services.config.http.bodyLimitBytes,
    // A client's X-Request-Id is kept only when short and plain, so it is safe to echo and log.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : `req_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    },
    clientErrorHandler: rawClientError,
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false } },
    // Every plugin's validator, including those of plugins that call addSchema, is porm's strict one.
    schemaController: { compilersFactory: { buildValidator } },
  });
  // JSON endpoints take JSON only: a text/plain body is refused (415) rather than parsed as a string.
  base.removeContentTypeParser('text/plain');
  installJsonBodyParser(base);
  base.setValidatorCompiler(validatorCompiler);
  installErrorHandling(base);
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.decorateRequest('auth', undefined);

  // Callback-style hooks: on the hot path an async hook costs a promise and a tick per request.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // One log line per request, written when the response is done; the API key is never logged.
  if (log.isLevelEnabled('info')) {
    app.addHook('onResponse', (request, reply, done) => {
      request.log.info({
        method: request.method, url: request.url.split('?')[0], status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10, account: request.auth?.accountId,
      }, 'request');
      done();
    });
  }

  await app.register(multipart, {
    limits: { fileSize: services.config.media.maxUploadBytes, files: 1, fields: 10, parts: 12, headerPairs: 100 },
  });

  app.addSchema(Problem);
  app.addSchema(MessageResource);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'porm API', version: '1', description: `Self-hosted MMS and rich messaging. ${ERROR_DOC_NOTE}` },
      servers: [{ url: services.config.publicUrl }],
      components: { securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'API key: porm_…' },
        mm7Basic: { type: 'http', scheme: 'basic', description: 'The inbound credentials configured for an MM7 carrier' },
        twilioBasic: { type: 'http', scheme: 'basic', description: 'Twilio-compatible API: AccountSid:AuthToken or SK…:secret (porm accounts twilio)' },
      } },
      security: [{ bearer: [] }],
    },
    transform: securityByRoute,
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, docsPageOptions());
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes(services));
  await app.register(async (v1) => {
    v1.addHook('onRequest', authenticator(services.keys));
    await v1.register(messageRoutes(services));
    await v1.register(mediaRoutes(services));
    await v1.register(webhookRoutes(services));
    await v1.register(accountRoutes(services));
    await v1.register(twilioCredentialRoutes(services));
    await v1.register(inboundRoutes(services));
    await v1.register(numberRoutes(services));
    await v1.register(inboundWebhookRoutes(services.store));
    await v1.register(complianceRoutes(services));
    await v1.register(linkRoutes(services));
    await v1.register(messagingServiceRoutes(services));
    await v1.register(contactRoutes(services));
    await v1.register(listRoutes(services));
    await v1.register(importRoutes(services));
    await v1.register(segmentRoutes(services));
    await v1.register(campaignRoutes(services));
    await v1.register(campaignAnalyticsRoutes(services));
    await v1.register(handsetRoutes(services, carriers.handsets));
    if (carriers.player) await v1.register(sandboxRoutes(carriers.player, () => services.publicUrl.value));
    await v1.register(templateValidateRoutes([...DEFAULT_URL_SCHEMES, ...services.rich.appSchemes]));
    await v1.register(templateCrudRoutes(services.rich.templates, services.rich.stats, { now: () => services.clock.now(), baseUrl: () => services.publicUrl.value }));
  });
  await app.register(pageRoutes({ ...services.rich, resolver: services.resolver, now: () => services.clock.now() }));
  await app.register(templateSchemaRoutes());
  for (const connector of carriers.routes) await app.register(connector.plugin, { prefix: connector.prefix });
  await app.register(mediaUrlRoutes(services.mediaUrls, () => services.clock.now()));
  await app.register(twilioRoutes(services), { prefix: '/2010-04-01' });
  await app.register(twilioMessagingRoutes(services));
  await app.register(fallbackPageRoutes(services.store, services.mediaUrls));
  await app.register(shortLinkRoutes(services.links.follower));
  await app.register(dashboardRoutes(services));
  return base;
}
