import type { FastifyPluginAsync } from 'fastify';
import { lintTemplate, templateJsonSchema, validateTemplate } from '../../rich/format/index.ts';
import { readValidateBody } from './template-validate-body.ts';
import { PormError } from '../../errors.ts';
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
 * (and line:col inside a template string), and the linter's warnings when it is valid. The body is
 * `{"document": …}` as for POST /v1/templates (or, for compatibility, the bare document); pointers are
 * always into the document.
 */
export function templateValidateRoutes(urlSchemes: readonly string[]): FastifyPluginAsync {
  return async (app) => {
    app.post('/v1/templates/validate', {
      schema: { summary: 'Validate and lint a rich-message template document', tags: ['templates'], body: { description: '{"document": <template document>} as for POST /v1/templates, or the bare document (docs/templates.md)' }, response: { 200: TemplateValidation, 400: errorResponses[400], 401: errorResponses[401] } },
    }, async (request) => {
      const body = readValidateBody(request.body);
      if (body.extraFields.length > 0) {
        // The wrapper is as closed as the create body (same 400): a misspelt `name`/`note` is reported, not ignored.
        throw new PormError('PORM_UNKNOWN_FIELD', `unknown field "${body.extraFields[0]?.slice(0, 64)}" beside "document" (only "name" and "note" may go with it)`,
          body.extraFields.map((k) => ({ field: `/${k.slice(0, 64)}`, code: 'PORM_UNKNOWN_FIELD', message: `unknown field "${k.slice(0, 64)}"` })));
      }
      const result = validateTemplate(body.document, { urlSchemes });
      if (!result.ok) return { object: 'template_validation', valid: false, errors: result.errors, warnings: [] };
      return { object: 'template_validation', valid: true, errors: [], warnings: lintTemplate(result.template) };
    });
  };
}
