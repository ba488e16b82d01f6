import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isPormError, type ErrorCode, type FieldError } from '../errors.ts';
import { problem } from './problem.ts';
import { isMediaError } from '../media/errors.ts';
import { isAvError } from '../media/av/index.ts';
import { fieldErrorsFromAjv } from './validation.ts';

// The one place errors become HTTP: every failure leaves as application/problem+json.

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'PORM_UNSUPPORTED_CONTENT_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'PORM_INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PORM_PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'PORM_INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'PORM_INVALID_JSON',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'PORM_UNSUPPORTED_CONTENT_TYPE',
  FST_REQ_FILE_TOO_LARGE: 'PORM_MEDIA_TOO_LARGE',
  FST_FILES_LIMIT: 'PORM_INVALID_MULTIPART',
  FST_PARTS_LIMIT: 'PORM_INVALID_MULTIPART',
  FST_FIELDS_LIMIT: 'PORM_INVALID_MULTIPART',
  FST_PROTO_VIOLATION: 'PORM_INVALID_JSON',
};

export function sendProblem(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, detail: string | undefined, errors: readonly FieldError[] = []): FastifyReply {
  const body = problem(code, detail, { instance: request.url.split('?')[0], requestId: request.id, errors });
  return reply.code(body.status).type('application/problem+json').send(body);
}

/** Says what the endpoint takes instead: a bare 415 leaves a form-encoding client guessing. */
function unsupportedTypeDetail(request: FastifyRequest): string {
  const given = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().slice(0, 100) || 'a body without Content-Type';
  const path = request.url.split('?')[0] ?? '';
  if (path === '/v1/media') return `${given} is not accepted here: upload media as multipart/form-data with one file part named "file"`;
  if (path.startsWith('/v1/')) return `${given} is not accepted here: /v1 takes JSON bodies; send Content-Type: application/json`;
  return `${given} is not accepted on ${path}`;
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isPormError(error)) {
      // The database being down or saturated passes: say when to try again, and log the driver's error.
      if (error.code === 'PORM_DATABASE_UNAVAILABLE' || error.code === 'PORM_DATABASE_BUSY') {
        request.log.warn({ err: error.cause ?? error, code: error.code }, 'database unavailable for a request');
        reply.header('retry-after', '1');
      }
      return sendProblem(request, reply, error.code, error.message, error.fields);
    }
    if (isMediaError(error) || isAvError(error)) return sendProblem(request, reply, error.code, error.message);
    if (error.validation) {
      const fields = fieldErrorsFromAjv(error.validation as Parameters<typeof fieldErrorsFromAjv>[0], error.validationContext ?? 'body');
      const first = fields[0];
      return sendProblem(request, reply, first?.code ?? 'PORM_VALIDATION_FAILED', first?.message ?? error.message, fields);
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendProblem(request, reply, 'PORM_UNSUPPORTED_CONTENT_TYPE', unsupportedTypeDetail(request));
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return sendProblem(request, reply, mapped, error.message);
    if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
      return sendProblem(request, reply, 'PORM_INVALID_JSON', 'the request body is not valid JSON');
    }
    if (error.statusCode === 413) return sendProblem(request, reply, 'PORM_PAYLOAD_TOO_LARGE', error.message);
    if (error.statusCode === 415) return sendProblem(request, reply, 'PORM_UNSUPPORTED_CONTENT_TYPE', error.message);
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(request, reply, 'PORM_VALIDATION_FAILED', error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, 'PORM_INTERNAL', 'internal error; see the server log for this request id');
  });

  // Route patterns seen at registration, so an unknown method on a known path gets 405 + Allow.
  const routes: Array<{ method: string; pattern: RegExp }> = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const pattern = new RegExp(`^${route.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z_]+/g, '[^/]+')}/?$`);
    for (const method of methods) routes.push({ method: String(method), pattern });
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = [...new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method))];
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(request, reply, 'PORM_METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${path}; use ${allowed.join(', ')}`);
    }
    return sendProblem(request, reply, 'PORM_NOT_FOUND', `no endpoint ${request.method} ${path}`);
  });
}

/** Answers requests Node's HTTP parser rejects (oversized headers, garbage) with problem+json too. */
export function rawClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const body = JSON.stringify(problem(tooLarge ? 'PORM_HEADERS_TOO_LARGE' : 'PORM_MALFORMED_REQUEST', tooLarge ? 'request headers exceed 16 KiB' : 'the HTTP request could not be parsed'));
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
