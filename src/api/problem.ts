import { errorRegistry, type ErrorCode, type FieldError } from '../errors.ts';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  request_id?: string;
  errors?: FieldError[];
}

/** Builds an RFC 9457 problem body for a porm error code. */
export function problem(code: ErrorCode, detail: string | undefined, extra: { instance?: string; requestId?: string; errors?: readonly FieldError[] } = {}): ProblemBody {
  const def = errorRegistry[code];
  return {
    type: `urn:porm:error:${code}`,
    title: def.title,
    status: def.status,
    detail: detail ?? def.title,
    code,
    ...(extra.instance !== undefined ? { instance: extra.instance } : {}),
    ...(extra.requestId !== undefined ? { request_id: extra.requestId } : {}),
    ...(extra.errors && extra.errors.length > 0 ? { errors: [...extra.errors] } : {}),
  };
}
