import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { PormError, errorRegistry } from '../../errors.ts';
import type { Services } from '../../services.ts';
import type { DashboardUser } from '../../dashboard/users.ts';
import type { Role } from '../../dashboard/roles.ts';

// What every group of dashboard pages is built with (src/api/dashboard/pages.ts lists the groups):
// the signed-in page wrapper (session, role and CSRF checks in one place), form reading, and the
// API's errors turned into what a page shows next to a field.

export interface Signed { user: DashboardUser; csrf: string; sessionId: string }
export type Form = Record<string, string | undefined>;
export type Render = (request: FastifyRequest, signed: Signed, reply: FastifyReply) => Promise<string | undefined>;

export interface Problem { message: string; code: string; status: number; field?: string }

export interface DashboardKit {
  app: FastifyInstance;
  services: Services;
  /**
   * A signed-in page: visitors without a session go to the sign-in page, a weaker role gets 403,
   * a POST without the session's CSRF token gets 403. The render returns the page's HTML, or
   * undefined when it already answered (a redirect, JSON, a file).
   */
  page(path: string, role: Role, render: Render, method?: 'GET' | 'POST'): void;
  /** Answers HTML with a status. */
  html(reply: FastifyReply, status: number, body: string): FastifyReply;
  /** True when porm is reached over HTTPS (cookies are then Secure). */
  secure(): boolean;
}

/** Constant-time comparison of two tokens; an empty or missing one never matches. */
export function same(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined || a.length !== b.length || a.length === 0) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** A urlencoded form's fields as strings (a repeated field gives its first value). */
export function formOf(request: FastifyRequest): Form {
  const body = request.body;
  if (body === null || typeof body !== 'object') return {};
  return Object.fromEntries(Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined]));
}

/** Every value of a repeated form field (checkboxes, multi-selects). */
export function formValues(request: FastifyRequest, name: string): string[] {
  const body = request.body;
  if (body === null || typeof body !== 'object') return [];
  const v = (body as Record<string, unknown>)[name];
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** A PormError as a page shows it (its message, the first field's message, its code and status); anything else is rethrown. */
export function problem(err: unknown): Problem {
  if (err instanceof PormError) {
    const first = err.fields[0];
    return {
      message: first?.message ? `${err.message}: ${first.message}` : err.message, code: err.code, status: errorRegistry[err.code].status,
      ...(first?.field ? { field: first.field } : {}),
    };
  }
  throw err;
}
