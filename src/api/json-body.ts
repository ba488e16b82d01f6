import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PormError } from '../errors.ts';
import { findJsonSyntaxError } from './json-syntax.ts';

type BodyParser = (request: FastifyRequest, body: string, done: (err: Error | null, value?: unknown) => void) => void;

/**
 * Fastify's own JSON parser (prototype-poisoning keys refused), with a failure that says where:
 * line, column and offset of the first syntax error, so a client can find its typo.
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  // Fastify's default JSON parser is the callback form of its FastifyBodyParser union.
  const parse = app.getDefaultJsonParser('error', 'error') as BodyParser;
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    parse(request, text, (err, value) => {
      if (!err || text.length === 0) return done(err, value);
      const at = findJsonSyntaxError(text);
      if (!at) return done(new PormError('PORM_INVALID_JSON', 'the body has a "__proto__" or "constructor.prototype" key, which porm refuses'));
      done(new PormError('PORM_INVALID_JSON', `the body is not valid JSON: ${at.problem} at line ${at.line}, column ${at.column} (offset ${at.offset})`));
    });
  });
}
