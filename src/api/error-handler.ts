import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isPormError, type ErrorCode, type FieldError } from '../errors.ts';
import { problem } from './problem.ts';
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

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isPormError(error)) return sendProblem(request, reply, error.code, error.message, error.fields);
    if (error.validation) {
      const fields = fieldErrorsFromAjv(error.validation as Parameters<typeof fieldErrorsFromAjv>[0], error.validationContext ?? 'body');
      const first = fields[0];
      return sendProblem(request, reply, first?.code ?? 'PORM_VALIDATION_FAILED', first?.message ?? error.message, fields);
    }
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

  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, 'PORM_NOT_FOUND', `no endpoint ${request.method} ${request.url.split('?')[0]}`));
}
