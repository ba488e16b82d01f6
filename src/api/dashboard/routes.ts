import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import { errorRegistry } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { allows, type Role } from '../../dashboard/roles.ts';
import { dashboardScript } from '../../dashboard/scripts.ts';
import { newSecretToken } from '../../dashboard/secret-token.ts';
import { DASHBOARD_CSS, DASHBOARD_CSS_ETAG } from '../../dashboard/assets.ts';
import { linkPage, signInPage } from '../../dashboard/pages/sign-in.ts';
import { refusalPage } from '../../dashboard/pages/layout.ts';
import { cookie, readCookie } from './cookies.ts';
import { formOf, problem, same, type DashboardKit, type Render, type Signed } from './kit.ts';
import { DASHBOARD_PAGES } from './pages.ts';

// /dashboard: server-rendered pages over the same services as the API (docs/dashboard.md).

const SESSION = 'porm_session';
/** Before sign-in: a random value in a SameSite=Strict cookie, echoed by the form (double submit). */
const PRE = 'porm_pre';
const CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function dashboardRoutes(services: Services): FastifyPluginAsync {
  const { users, sessions, throttle } = services.dashboard;
  const secure = (): boolean => services.publicUrl.value.startsWith('https:');
  const html = (reply: FastifyReply, status: number, body: string) => reply.code(status).type('text/html; charset=utf-8').send(body);

  async function signedIn(request: FastifyRequest): Promise<Signed | null> {
    const id = readCookie(request.headers.cookie, SESSION);
    if (!id) return null;
    const session = await sessions.lookup(id);
    if (!session) return null;
    const user = await users.get(session.userId);
    return user ? { user, csrf: session.csrf, sessionId: id } : null;
  }

  /** A signed-in page: unauthenticated visitors go to the sign-in page; a weaker role gets 403. */
  function page(app: FastifyInstance, path: string, role: Role, render: Render, method: 'GET' | 'POST' = 'GET'): void {
    app.route({
      method, url: path, schema: { hide: true },
      handler: async (request, reply) => {
        const signed = await signedIn(request);
        if (!signed) {
          if (method === 'POST') return html(reply, 403, signInPage(preToken(reply), { message: errorRegistry.PORM_DASHBOARD_CSRF.title, code: 'PORM_DASHBOARD_CSRF' }));
          return reply.redirect('/dashboard/login', 303);
        }
        if (!allows(signed.user.role, role)) return html(reply, 403, refusalPage({ title: '', user: signed.user, csrf: signed.csrf }, 'PORM_DASHBOARD_FORBIDDEN', errorRegistry.PORM_DASHBOARD_FORBIDDEN.title));
        if (method === 'POST' && !same(formOf(request).csrf, signed.csrf)) return html(reply, 403, refusalPage({ title: '', user: signed.user, csrf: signed.csrf }, 'PORM_DASHBOARD_CSRF', errorRegistry.PORM_DASHBOARD_CSRF.title));
        const body = await render(request, signed, reply);
        return body === undefined ? reply : html(reply, reply.statusCode, body);
      },
    });
  }

  function preToken(reply: FastifyReply): string {
    const token = newSecretToken();
    reply.header('set-cookie', cookie(PRE, token, { secure: secure(), sameSite: 'Strict', maxAge: 3600 }));
    return token;
  }

  function startSession(reply: FastifyReply, id: string): void {
    reply.header('set-cookie', [cookie(SESSION, id, { secure: secure(), sameSite: 'Lax' }), cookie(PRE, '', { secure: secure(), sameSite: 'Strict', maxAge: 0 })]);
  }

  return async (app) => {
    await app.register(formbody, { bodyLimit: 64 * 1024 });
    app.addHook('onSend', async (request, reply, payload) => {
      if (!request.url.startsWith('/dashboard')) return payload;
      reply.header('content-security-policy', CSP).header('x-content-type-options', 'nosniff').header('referrer-policy', 'same-origin')
        .header('x-frame-options', 'DENY');
      if (!request.url.startsWith('/dashboard/assets/')) reply.header('cache-control', 'no-store');
      return payload;
    });

    app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/dashboard', 302));

    app.get('/dashboard/assets/dashboard.css', { schema: { hide: true } }, async (request, reply) => {
      reply.header('etag', DASHBOARD_CSS_ETAG).header('cache-control', 'public, max-age=300');
      if (request.headers['if-none-match'] === DASHBOARD_CSS_ETAG) return reply.code(304).send();
      return reply.type('text/css; charset=utf-8').send(DASHBOARD_CSS);
    });

    app.get<{ Params: { name: string } }>('/dashboard/assets/:name.js', { schema: { hide: true } }, async (request, reply) => {
      const script = await dashboardScript(request.params.name);
      if (script === null) return reply.code(404).type('text/plain; charset=utf-8').send('Not Found');
      reply.header('etag', script.etag).header('cache-control', 'public, max-age=300');
      if (request.headers['if-none-match'] === script.etag) return reply.code(304).send();
      return reply.type('text/javascript; charset=utf-8').send(script.js);
    });

    app.get('/dashboard/login', { schema: { hide: true } }, async (request, reply) => {
      if (await signedIn(request)) return reply.redirect('/dashboard', 303);
      return html(reply, 200, signInPage(preToken(reply)));
    });
    app.post('/dashboard/login', { schema: { hide: true } }, async (request, reply) => {
      const form = formOf(request);
      const email = (form.email ?? '').slice(0, 320);
      if (!same(form.csrf, readCookie(request.headers.cookie, PRE))) return html(reply, 403, signInPage(preToken(reply), { message: errorRegistry.PORM_DASHBOARD_CSRF.title, code: 'PORM_DASHBOARD_CSRF' }, email));
      const wait = await throttle.retryAfter(email, request.ip);
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        return html(reply, 429, signInPage(preToken(reply), { message: errorRegistry.PORM_DASHBOARD_THROTTLED.title, code: 'PORM_DASHBOARD_THROTTLED' }, email));
      }
      const user = await users.verify(email, (form.password ?? '').slice(0, 200));
      if (!user) {
        await throttle.fail(email, request.ip);
        return html(reply, 401, signInPage(preToken(reply), { message: errorRegistry.PORM_DASHBOARD_BAD_CREDENTIALS.title, code: 'PORM_DASHBOARD_BAD_CREDENTIALS' }, email));
      }
      // Always a new session id at sign-in: one planted beforehand is worthless.
      const old = readCookie(request.headers.cookie, SESSION);
      if (old) await sessions.destroy(old);
      startSession(reply, (await sessions.create(user.id)).id);
      return reply.redirect('/dashboard', 303);
    });

    app.get<{ Params: { token: string } }>('/dashboard/link/:token', { schema: { hide: true } }, async (request, reply) => {
      try {
        return html(reply, 200, linkPage(request.params.token, preToken(reply), await users.pending(request.params.token)));
      } catch (err) {
        const p = problem(err);
        return html(reply, p.status, signInPage(preToken(reply), p));
      }
    });
    app.post<{ Params: { token: string } }>('/dashboard/link/:token', { schema: { hide: true } }, async (request, reply) => {
      const { token } = request.params;
      const form = formOf(request);
      let link;
      try {
        link = await users.pending(token);
      } catch (err) {
        return html(reply, problem(err).status, signInPage(preToken(reply), problem(err)));
      }
      if (!same(form.csrf, readCookie(request.headers.cookie, PRE))) return html(reply, 403, linkPage(token, preToken(reply), link, { message: errorRegistry.PORM_DASHBOARD_CSRF.title, code: 'PORM_DASHBOARD_CSRF' }));
      try {
        const user = await users.useLink(token, { password: form.password ?? '', ...(form.email !== undefined ? { email: form.email } : {}), ...(form.name !== undefined ? { name: form.name } : {}) });
        startSession(reply, (await sessions.create(user.id)).id);
        return reply.redirect('/dashboard', 303);
      } catch (err) {
        const p = problem(err);
        return html(reply, p.status, linkPage(token, preToken(reply), link, p));
      }
    });

    page(app, '/dashboard/logout', 'read-only', async (_request, signed, reply) => {
      await sessions.destroy(signed.sessionId);
      reply.header('set-cookie', cookie(SESSION, '', { secure: secure(), sameSite: 'Lax', maxAge: 0 }));
      await reply.redirect('/dashboard/login', 303);
      return undefined;
    }, 'POST');

    const kit: DashboardKit = { app, services, page: (path, role, render, method) => page(app, path, role, render, method), html, secure };
    for (const group of DASHBOARD_PAGES) group(kit);
  };
}

