import type { FastifyPluginAsync } from 'fastify';
import { lintTemplate, templateJsonSchema, validateTemplate } from '../../rich/format/index.ts';
import { errorResponses } from '../schemas/common.ts';
import { TemplateValidation } from '../schemas/template-schemas.ts';

/** GET /v1/schema/template.json — the JSON Schema of porm template documents (public, like any schema). */
export function templateSchemaRoutes(): FastifyPluginAsync {
  return async (app) => {
    app.get('/v1/schema/template.json', {
      schema: {
        summary: 'JSON Schema of porm rich-message templates', tags: ['templates'], security: [],
        response: { 200: { description: 'The JSON Schema (draft 2020-12)', content: { 'application/schema+json': { schema: { type: 'object', additionalProperties: true } } } } },
      },
    },
      async (_request, reply) => reply.type('application/schema+json').header('cache-control', 'public, max-age=3600').send(templateJsonSchema));
  };
}

/**
 * POST /v1/templates/validate — checks a template document: every error with its JSON pointer
 * (and line:col inside a template string), and the linter's warnings when it is valid.
 */
export function templateValidateRoutes(urlSchemes: readonly string[]): FastifyPluginAsync {
  return async (app) => {
    app.post('/v1/templates/validate', {
      schema: { summary: 'Validate and lint a rich-message template document', tags: ['templates'], body: { description: 'A template document (docs/templates.md)' }, response: { 200: TemplateValidation, 400: errorResponses[400], 401: errorResponses[401] } },
    }, async (request) => {
      const result = validateTemplate(request.body, { urlSchemes });
      if (!result.ok) return { object: 'template_validation', valid: false, errors: result.errors, warnings: [] };
      return { object: 'template_validation', valid: true, errors: [], warnings: lintTemplate(result.template) };
    });
  };
}
