import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { PormError, isPormError } from '../../errors.ts';
import { MediaResolveError, type MediaResolver } from '../../media/media-resolver.ts';
import type { DeviceContext } from '../../rich/bound/model.ts';
import { deviceClock } from '../../rich/rules/device-clock.ts';
import { BASE_CSS, renderMessageHtml, themeCss } from '../../rich/render/index.ts';
import { buildAssembler } from '../../rich/web/bundle.ts';
import type { PageService, PageView } from '../../rich/page/page-service.ts';
import type { PageActions, DeviceReport } from '../../rich/page/page-actions.ts';
import type { TemplateService } from '../../rich/templates/template-service.ts';
import { ImageProxy } from '../../rich/page/image-proxy.ts';
import { findAction, titleOf } from '../../rich/page/lookup.ts';
import { PAGE_HEADERS, alreadyAnsweredDocument, confirmDocument, errorDocument, pageDocument } from '../../rich/page/page-html.ts';
import { sendProblem } from '../error-handler.ts';

export interface PageRouteDeps {
  pages: PageService;
  actions: PageActions;
  templates: TemplateService;
  images: ImageProxy;
  resolver: MediaResolver;
  appSchemes: readonly string[];
  /** The server's clock (tests run the page on a fake one). */
  now: () => number;
}

type TokenParams = { token: string };
type IdParams = TokenParams & { id: string };

const FORM_BODY_LIMIT = 64 * 1024;
const MAX_CAPTIONS_BYTES = 512 * 1024;
const HEARTBEAT_MS = 25_000;

/** Without script the page cannot measure the phone: it assumes a common phone and reads what headers tell. */
function headerDevice(request: FastifyRequest, at: number): DeviceContext {
  const lang = String(request.headers['accept-language'] ?? '').split(',')[0]?.split(';')[0]?.trim() ?? '';
  const locale = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang) ? lang : undefined;
  const now = new Date(at);
  return {
    ...(locale ? { locale, language: locale.split('-')[0]!.toLowerCase() } : {}),
    ...deviceClock(now.getUTCHours(), now.getUTCMinutes(), now.getUTCDay()),
    screen_width: 390,
    dark_mode: request.headers['sec-ch-prefers-color-scheme'] === 'dark',
    capability: { calendar: true, map: true, video: true, audio: true },
  };
}

function wantsJson(request: FastifyRequest): boolean {
  return String(request.headers.accept ?? '').includes('application/json') || String(request.headers['content-type'] ?? '').includes('application/json');
}

function pageHeaders(reply: FastifyReply): FastifyReply {
  for (const [k, v] of Object.entries(PAGE_HEADERS)) reply.header(k, v);
  return reply;
}

/** urlencoded form posts (the page without script) as a record; repeated names become arrays. */
function formRecord(body: unknown): Record<string, unknown> {
  if (body instanceof URLSearchParams) {
    const out: Record<string, unknown> = {};
    for (const key of new Set(body.keys())) {
      const all = body.getAll(key);
      out[key] = all.length > 1 ? all : all[0];
    }
    return out;
  }
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/**
 * The hosted message page, /m/{token}: server-rendered HTML that works without script, the device
 * assembler's instructions, tracked links, calendar files, ticket codes, images, answers to forms,
 * postbacks and quick replies, device reports and live updates. No API key: the unguessable token
 * is the credential, scoped to one message.
 */
export function pageRoutes(deps: PageRouteDeps): FastifyPluginAsync {
  const { pages, actions } = deps;
  const streams = new Set<ServerResponse>();
  return async (app) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_req, body, done) => {
      done(null, new URLSearchParams(String(body)));
    });
    app.addHook('onClose', async () => {
      for (const s of streams) s.end();
    });
    // Built once per process (esbuild, ~100 ms): start now so the first page load does not wait, and a broken build shows in the log at once.
    buildAssembler().catch((err: unknown) => app.log.error({ err }, 'the device assembler bundle did not build; pages work without script'));

    const htmlError = (request: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply => {
      if (isPormError(err) && !wantsJson(request)) {
        const status = err.status;
        const text = err.code === 'PORM_RICH_PAGE_NOT_FOUND' ? 'This message link is not valid. Check that you copied all of it.'
          : err.code === 'PORM_RICH_POSTBACK_FAILED' || err.code === 'PORM_RICH_FORM_ALREADY_ANSWERED' || err.code === 'PORM_RICH_ACTION_NOT_FOUND' ? err.message
            : 'This message cannot be shown right now. Please try again later.';
        return pageHeaders(reply).code(status).type('text/html; charset=utf-8').send(errorDocument(status === 404 ? 'Message not found' : 'Something went wrong', text));
      }
      throw err;
    };

    const renderPage = (view: PageView, request: FastifyRequest): string => pageDocument({
      base: `/m/${view.rich.pageToken}`, title: titleOf(view.bound), lang: view.bound.locale, revision: view.revision,
      bodyHtml: renderMessageHtml(view.bound, headerDevice(request, deps.now()), {
        base: `/m/${view.rich.pageToken}`, now: deps.now(), appSchemes: deps.appSchemes, answeredForms: view.answeredForms, postbackAnswers: view.postbackAnswers,
      }),
    });

    app.get('/m/assets/message.css', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(BASE_CSS));

    app.get('/m/assets/porm-message.js', { schema: { hide: true } }, async (request, reply) => {
      const bundle = await buildAssembler();
      const etag = `"${bundle.sha256.slice(0, 32)}"`;
      reply.header('etag', etag).header('cache-control', 'public, max-age=300').header('x-content-type-options', 'nosniff');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('text/javascript; charset=utf-8').send(bundle.js);
    });

    app.get<{ Params: TokenParams }>('/m/:token', { schema: { hide: true } }, async (request, reply) => {
      try {
        const view = await pages.view(request.params.token);
        const html = renderPage(view, request);
        // HEAD (link checkers) is not an open.
        if (request.method === 'GET') await pages.record(view, { kind: 'open', data: { user_agent: String(request.headers['user-agent'] ?? '').slice(0, 200) } });
        return pageHeaders(reply).type('text/html; charset=utf-8').send(html);
      } catch (err) {
        return htmlError(request, reply, err);
      }
    });

    app.get<{ Params: TokenParams }>('/m/:token/theme.css', { schema: { hide: true } }, async (request, reply) => {
      const view = await pages.view(request.params.token);
      return pageHeaders(reply).type('text/css; charset=utf-8').send(themeCss(view.bound.theme));
    });

    app.get<{ Params: TokenParams }>('/m/:token/instructions', { schema: { hide: true } }, async (request, reply) => {
      const view = await pages.view(request.params.token);
      return pageHeaders(reply).send({
        revision: view.revision, message: view.bound, answered_forms: [...view.answeredForms], postback_answers: view.postbackAnswers,
        now: deps.now(), app_schemes: deps.appSchemes,
      });
    });

    app.get<{ Params: IdParams }>('/m/:token/go/:id', { schema: { hide: true } }, async (request, reply) => {
      try {
        const target = await pages.click(request.params.token, request.params.id, request.method === 'GET');
        return pageHeaders(reply).redirect(target, 302);
      } catch (err) {
        return htmlError(request, reply, err);
      }
    });

    app.get<{ Params: IdParams }>('/m/:token/ics/:id', { schema: { hide: true } }, async (request, reply) => {
      const ics = await pages.calendar(request.params.token, request.params.id);
      return pageHeaders(reply).type('text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="${ics.filename}"`).send(ics.body);
    });

    app.get<{ Params: IdParams }>('/m/:token/code/:id', { schema: { hide: true } }, async (request, reply) => {
      const key = request.params.id.replace(/\.svg$/, '');
      const svg = await pages.code(request.params.token, key);
      return pageHeaders(reply).header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").type('image/svg+xml').send(svg);
    });

    app.get<{ Params: IdParams; Querystring: { w?: string } }>('/m/:token/img/:id', { schema: { hide: true } }, async (request, reply) => {
      const { accountId, url } = await pages.imageUrl(request.params.token, request.params.id);
      const width = ImageProxy.widthFor(Number(request.query.w ?? 640) || 640);
      try {
        const image = await deps.images.get(accountId, url, width);
        return reply.header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff').type(image.contentType).send(image.data);
      } catch (err) {
        // The reader gets no detail: the reason names the sender's hosts.
        if (err instanceof MediaResolveError) return sendProblem(request, reply, 'PORM_MEDIA_FETCH_FAILED', 'the image could not be fetched');
        throw err;
      }
    });

    app.get<{ Params: IdParams }>('/m/:token/captions/:id', { schema: { hide: true } }, async (request, reply) => {
      const { accountId, url } = await pages.captionsUrl(request.params.token, request.params.id.replace(/\.vtt$/, ''));
      try {
        const [vtt] = await deps.resolver.resolve(accountId, [{ kind: 'url', url }]);
        const text = vtt!.data.subarray(0, MAX_CAPTIONS_BYTES).toString('utf8');
        // Only WebVTT passes: the file is fetched from the sender's side and shown inside porm's origin.
        if (!text.replace(/^\uFEFF/, '').startsWith('WEBVTT')) return sendProblem(request, reply, 'PORM_MEDIA_UNSUPPORTED_TYPE', 'captions must be WebVTT');
        return pageHeaders(reply).type('text/vtt; charset=utf-8').send(text);
      } catch (err) {
        if (err instanceof MediaResolveError) return sendProblem(request, reply, 'PORM_MEDIA_FETCH_FAILED', 'the captions could not be fetched');
        throw err;
      }
    });

    app.post<{ Params: IdParams }>('/m/:token/a/:id', { schema: { hide: true } }, async (request, reply) => {
      const { token, id } = request.params;
      const body = formRecord(request.body);
      try {
        if (!wantsJson(request)) {
          const view = await pages.view(token);
          const action = findAction(view.bound, id);
          // Without script a confirmation is a page of its own.
          if (action?.kind === 'postback' && action.confirm !== null && body.confirmed !== '1') {
            return pageHeaders(reply).type('text/html; charset=utf-8').send(confirmDocument(`/m/${token}`, id, action.confirm));
          }
        }
        const result = await actions.postback(token, id);
        if (wantsJson(request)) return pageHeaders(reply).send(result);
        return pageHeaders(reply).redirect(`/m/${token}`, 303);
      } catch (err) {
        return htmlError(request, reply, err);
      }
    });

    app.post<{ Params: IdParams }>('/m/:token/f/:id', { schema: { hide: true } }, async (request, reply) => {
      const { token, id } = request.params;
      try {
        const result = await actions.submitForm(token, id, formRecord(request.body));
        if (wantsJson(request)) return pageHeaders(reply).code(201).send({ id: result.id });
        return pageHeaders(reply).redirect(`/m/${token}`, 303);
      } catch (err) {
        if (isPormError(err) && err.code === 'PORM_RICH_FORM_ALREADY_ANSWERED' && !wantsJson(request)) {
          return pageHeaders(reply).code(409).type('text/html; charset=utf-8').send(alreadyAnsweredDocument(`/m/${token}`, err.code));
        }
        if (isPormError(err) && err.code === 'PORM_RICH_FORM_INVALID' && !wantsJson(request)) {
          const list = err.fields.map((f) => `${f.field.slice(1)}: ${f.message}`).join('\n');
          return pageHeaders(reply).code(422).type('text/html; charset=utf-8').send(errorDocument('Please check your answers', `${list}\nGo back and try again.`));
        }
        return htmlError(request, reply, err);
      }
    });

    app.post<{ Params: IdParams }>('/m/:token/q/:id', { schema: { hide: true } }, async (request, reply) => {
      try {
        await actions.quickReply(request.params.token, request.params.id);
        if (wantsJson(request)) return pageHeaders(reply).code(204).send();
        return pageHeaders(reply).redirect(`/m/${request.params.token}`, 303);
      } catch (err) {
        return htmlError(request, reply, err);
      }
    });

    app.post<{ Params: TokenParams }>('/m/:token/events', { schema: { hide: true }, bodyLimit: 8 * 1024 }, async (request, reply) => {
      await actions.device(request.params.token, parseDeviceReport(request.body), String(request.headers['user-agent'] ?? ''));
      return pageHeaders(reply).code(204).send();
    });

    app.get<{ Params: TokenParams }>('/m/:token/live', { schema: { hide: true } }, async (request, reply) => {
      const view = await pages.view(request.params.token);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { ...PAGE_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write('retry: 5000\n\n');
      streams.add(res);
      // A pinned message never changes; it gets the stream (so the page need not know) but no events.
      const off = view.rich.pinnedRevision !== null ? () => undefined : deps.templates.onRevised(view.rich.templateId, (revision) => {
        pages.invalidate(view.rich.pageToken);
        res.write(`event: revision\ndata: ${JSON.stringify({ revision })}\n\n`);
      });
      const beat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      beat.unref();
      res.on('close', () => {
        clearInterval(beat);
        off();
        streams.delete(res);
      });
    });
  };
}

/** A device report, checked field by field: anything else is PORM_RICH_EVENT_INVALID. */
export function parseDeviceReport(body: unknown): DeviceReport {
  const fail = (why: string): never => {
    throw new PormError('PORM_RICH_EVENT_INVALID', why);
  };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail('a JSON object is expected');
  const b = body as Record<string, unknown>;
  const out: DeviceReport = { kind: 'render' };
  if (b.kind !== 'render' && b.kind !== 'click') return fail('kind must be render or click');
  out.kind = b.kind;
  const num = (v: unknown, max: number): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max ? v : undefined);
  if (b.ok !== undefined) out.ok = b.ok === true;
  const d = num(b.duration_ms, 600_000);
  if (d !== undefined) out.durationMs = Math.round(d * 10) / 10;
  const r = num(b.revision, 1_000_000);
  if (r !== undefined && Number.isInteger(r)) out.revision = r;
  if (typeof b.action_id === 'string' && b.action_id.length <= 200) out.actionId = b.action_id;
  if (typeof b.error === 'string') out.error = b.error.slice(0, 500);
  const w = num(b.screen_width, 10_000);
  if (w !== undefined) out.screenWidth = Math.round(w);
  if (typeof b.locale === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(b.locale)) out.locale = b.locale;
  if (typeof b.capabilities === 'object' && b.capabilities !== null) {
    const caps: Record<string, boolean> = {};
    for (const [k, v] of Object.entries(b.capabilities).slice(0, 20)) if (/^[a-z_]{1,20}$/.test(k) && typeof v === 'boolean') caps[k] = v;
    out.capabilities = caps;
  }
  if (typeof b.webdriver === 'boolean') out.webdriver = b.webdriver;
  if (out.kind === 'click' && !out.actionId) return fail('a click needs action_id');
  return out;
}
