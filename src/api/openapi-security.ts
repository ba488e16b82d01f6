import type { SwaggerTransform } from '@fastify/swagger';

/**
 * The OpenAPI document's security per route. The document's default is the bearer API key, which
 * only /v1 takes: every other public route (health, metrics, signed media URLs, hosted /m pages)
 * needs no key, and says so. A route that declares its own security (MM7's Basic auth, the public
 * template schema) keeps it.
 */
export const securityByRoute: SwaggerTransform = ({ schema, url }) => {
  if (schema.security !== undefined || url.startsWith('/v1/')) return { schema, url };
  return { schema: { ...schema, security: [] }, url };
};
