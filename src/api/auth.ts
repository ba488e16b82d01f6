import type { FastifyRequest } from 'fastify';
import { PormError } from '../errors.ts';
import type { ApiKeyService, AuthContext } from '../accounts/api-keys.ts';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | undefined;
  }
}

/** Reads `Authorization: Bearer <key>` and resolves it to an account. */
export function authenticator(keys: ApiKeyService) {
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization;
    if (!header) throw new PormError('PORM_AUTH_MISSING');
    const match = /^Bearer\s+(\S{1,200})$/i.exec(header);
    if (!match) throw new PormError('PORM_AUTH_MISSING', 'the Authorization header must be "Bearer <api key>"');
    request.auth = await keys.authenticate(match[1]!);
  };
}

export function accountOf(request: FastifyRequest): string {
  if (!request.auth) throw new PormError('PORM_AUTH_MISSING');
  return request.auth.accountId;
}
