import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import type { Services } from '../../services.ts';
import { refusePrivateMediaUrls } from '../../api/v1/private-media-urls.ts';
import { isAccountSid } from '../credentials/index.ts';
import { authorize } from './basic-auth.ts';
import { refuseUnknownKeys, sendCommandFromForm, single, type FormBody } from './create-params.ts';
import { toTwilioError } from './error-map.ts';
import { pageUri, parseListQuery } from './list-params.ts';
import { parseForm } from './form-parser.ts';
import { accountPath, presentTwilioMedia, presentTwilioMessage, sidOf } from './presenters.ts';
import { mediaSidOf, MEDIA_SID } from './sids.ts';
import { TwilioApiError } from './twilio-error.ts';
import { TwilioMessages, type MessageView } from './twilio-messages.ts';

// The Twilio-compatible Messages API under /2010-04-01 (docs/twilio.md). Its own plugin: Basic
// auth instead of porm's bearer keys, form bodies, and errors in Twilio's shape from its own
// error handler, so nothing here changes how /v1 answers.

const FORM = 'application/x-www-form-urlencoded';
const UPDATE_KEYS = new Set(['Body', 'Status']);

type Params = { AccountSid: string; File?: string; MessageSid?: string };

const security = [{ twilioBasic: [] }];
const doc = (summary: string, description: string) => ({ schema: { summary, description, tags: ['twilio'], security } });

function json(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

function sendError(reply: FastifyReply, err: TwilioApiError): FastifyReply {
  if (err.status === 401) reply.header('www-authenticate', 'Basic realm="porm"');
  return json(reply, err.status, err.body());
}

/** The form of a POST: only application/x-www-form-urlencoded (JSON is refused, as Twilio does not read it). */
function formOf(request: FastifyRequest): FormBody {
  const type = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (request.body === undefined || request.body === null) return {};
  if (type !== FORM || typeof request.body !== 'object') {
    throw new TwilioApiError(400, 20001, `The request body must be ${FORM} (got ${type.slice(0, 60) || 'no Content-Type'}); parameters are form fields such as To, From, Body, MediaUrl`);
  }
  return request.body as FormBody;
}

/** A path's {Sid}.json: the SID, or 20404. */
function sidFromFile(file: string | undefined, suffix: '.json' | '', path: string): string {
  if (file === undefined || !file.endsWith(suffix)) throw new TwilioApiError(404, 20404, `The requested resource ${path} was not found`);
  return suffix === '' ? file : file.slice(0, -suffix.length);
}

export function twilioRoutes(services: Services) {
  const messages = new TwilioMessages(services.store, services.clock, services.send, services.messages);
  const authorized = async (request: FastifyRequest<{ Params: Params }>) => {
    const path = request.url.split('?')[0]!;
    if (!isAccountSid(request.params.AccountSid)) {
      // Still authenticate first: an unauthenticated caller gets 20003, whatever the path.
      await authorize(services.twilio, request.headers.authorization, '', path).catch((err: unknown) => {
        if (err instanceof TwilioApiError && err.status === 401) throw err;
      });
      throw new TwilioApiError(404, 20404, `The requested resource ${path} was not found`);
    }
    const auth = await authorize(services.twilio, request.headers.authorization, request.params.AccountSid, path);
    return { ...auth, path };
  };
  const present = async (view: MessageView, accountSid: string) => presentTwilioMessage(view.message, accountSid, view.media.length, view.sentAt);

  return async (app: FastifyInstance): Promise<void> => {
    await app.register(formbody, { bodyLimit: services.config.http.bodyLimitBytes, parser: parseForm });

    app.setErrorHandler((error: FastifyError, request, reply) => {
      const mapped = toTwilioError(error);
      if (mapped) return sendError(reply, mapped);
      if (error.code?.startsWith('FST_ERR_CTP_')) {
        const status = error.statusCode === 413 ? 413 : 400;
        return sendError(reply, new TwilioApiError(status, 20001, status === 413 ? 'The request body is too large' : `The request body must be ${FORM}: ${error.message}`));
      }
      request.log.error({ err: error }, 'twilio api error');
      return sendError(reply, new TwilioApiError(500, 20500, 'Internal Server Error'));
    });
    app.setNotFoundHandler((request, reply) => sendError(reply, new TwilioApiError(404, 20404, `The requested resource ${request.url.split('?')[0]!.slice(0, 200)} was not found`)));

    app.post<{ Params: Params }>('/Accounts/:AccountSid/Messages.json', doc('Twilio: create a message', 'Form-encoded Twilio create parameters (To, From or MessagingServiceSid (a porm sender pool), Body, MediaUrl repeated, StatusCallback, ValidityPeriod, SendAt with ScheduleType=fixed). 201 with the Message resource; errors as {code, message, more_info, status} (docs/twilio.md).'), async (request, reply) => {
      const auth = await authorized(request);
      const command = sendCommandFromForm(formOf(request), auth.accountId, services.clock.now());
      refusePrivateMediaUrls(command.media, services.config.media.allowPrivateNetworks);
      const { message } = await services.send.send(command);
      // Twilio answers a message sent through a Messaging Service as `accepted`, and it is queued
      // right after (porm picked its sender already: `from` is set).
      const shown = message.messagingServiceId && message.status === 'queued' ? { ...message, status: 'accepted' as const } : message;
      return json(reply, 201, presentTwilioMessage(shown, auth.accountSid, message.media.length, null));
    });

    app.get<{ Params: Params }>('/Accounts/:AccountSid/Messages.json', doc('Twilio: list messages', 'Newest first. To, From, DateSent, DateSent<, DateSent>, PageSize (≤ 1000), Page, PageToken; next_page_uri and previous_page_uri page through.'), async (request, reply) => {
      const auth = await authorized(request);
      const list = parseListQuery(request.query as FormBody);
      const page = await messages.list(auth.accountId, list);
      const counts = await messages.mediaCounts(page.messages);
      const path = `${accountPath(auth.accountSid)}/Messages.json`;
      const first = page.messages[0];
      const last = page.messages[page.messages.length - 1];
      const start = list.page * list.pageSize;
      return json(reply, 200, {
        first_page_uri: pageUri(path, { ...list, token: null }, 0),
        end: page.messages.length === 0 ? start : start + page.messages.length - 1,
        previous_page_uri: page.hasNewer && first ? pageUri(path, list, Math.max(0, list.page - 1), `PB${sidOf(first)}`) : null,
        messages: page.messages.map((m) => presentTwilioMessage(m, auth.accountSid, counts.get(m.id) ?? m.media.length, null)),
        uri: pageUri(path, list, list.page, list.token ? `${list.token.direction === 'older' ? 'PA' : 'PB'}${single(request.query as FormBody, 'PageToken')!.slice(2)}` : undefined),
        page_size: list.pageSize,
        start,
        next_page_uri: page.hasOlder && last ? pageUri(path, list, list.page + 1, `PA${sidOf(last)}`) : null,
        page: list.page,
      });
    });

    app.get<{ Params: Params }>('/Accounts/:AccountSid/Messages/:File', doc('Twilio: fetch a message', 'GET …/Messages/{Sid}.json'), async (request, reply) => {
      const auth = await authorized(request);
      const view = await messages.view(auth.accountId, sidFromFile(request.params.File, '.json', auth.path), auth.path);
      return json(reply, 200, await present(view, auth.accountSid));
    });

    app.post<{ Params: Params }>('/Accounts/:AccountSid/Messages/:File', doc('Twilio: update a message', 'Status=canceled cancels a message that has not started sending (30409 otherwise); Body= (empty) redacts a sent or finished message.'), async (request, reply) => {
      const auth = await authorized(request);
      const sid = sidFromFile(request.params.File, '.json', auth.path);
      const form = formOf(request);
      refuseUnknownKeys(form, UPDATE_KEYS);
      const status = single(form, 'Status');
      const body = single(form, 'Body');
      if (status !== undefined && status !== 'canceled') throw new TwilioApiError(400, 20001, 'Status can only be set to canceled');
      if (body !== undefined && body !== '') throw new TwilioApiError(400, 20001, 'Body can only be set to the empty string, which redacts the message');
      if (status === undefined && body === undefined) throw new TwilioApiError(400, 20001, 'Give Status=canceled or Body= (empty) to update a message');
      const before = await messages.view(auth.accountId, sid, auth.path);
      if (status === 'canceled') await messages.cancel(auth.accountId, before.message.id);
      if (body === '') await messages.redact(auth.accountId, before.message.id);
      return json(reply, 200, await present(await messages.view(auth.accountId, sid, auth.path), auth.accountSid));
    });

    app.delete<{ Params: Params }>('/Accounts/:AccountSid/Messages/:File', doc('Twilio: delete a message', '204 once the message has been sent, failed or been canceled (20009 before).'), async (request, reply) => {
      const auth = await authorized(request);
      const view = await messages.view(auth.accountId, sidFromFile(request.params.File, '.json', auth.path), auth.path);
      await messages.remove(auth.accountId, view.message.id);
      return reply.code(204).send();
    });

    app.get<{ Params: Params }>('/Accounts/:AccountSid/Messages/:MessageSid/Media.json', doc('Twilio: list a message\'s media', 'media_list with Twilio\'s paging keys (one page: a message has at most 10 media).'), async (request, reply) => {
      const auth = await authorized(request);
      refuseUnknownKeys(request.query as FormBody, new Set(['PageSize', 'Page', 'PageToken', 'DateCreated', 'DateCreated<', 'DateCreated>']));
      const view = await messages.view(auth.accountId, request.params.MessageSid ?? '', auth.path);
      const path = `${accountPath(auth.accountSid)}/Messages/${sidOf(view.message)}/Media.json`;
      const pageSize = Number(single(request.query as FormBody, 'PageSize') ?? 50) || 50;
      const media = view.media.map((item) => presentTwilioMedia(view.message, item, auth.accountSid));
      return json(reply, 200, {
        first_page_uri: `${path}?PageSize=${pageSize}&Page=0`, end: Math.max(0, media.length - 1), previous_page_uri: null,
        media_list: media, uri: `${path}?PageSize=${pageSize}&Page=0`, page_size: pageSize, start: 0, next_page_uri: null, page: 0,
      });
    });

    const mediaOf = async (request: FastifyRequest<{ Params: Params }>, suffix: '.json' | '') => {
      const auth = await authorized(request);
      const mediaSid = sidFromFile(request.params.File, suffix, auth.path);
      if (!MEDIA_SID.test(mediaSid)) throw new TwilioApiError(404, 20404, `The requested resource ${auth.path} was not found`);
      const view = await messages.view(auth.accountId, request.params.MessageSid ?? '', auth.path);
      const item = view.media.find((m) => mediaSidOf(view.message.id, m.index) === mediaSid);
      if (!item) throw new TwilioApiError(404, 20404, `The requested resource ${auth.path} was not found`);
      return { auth, view, item, mediaSid };
    };

    app.get<{ Params: Params }>('/Accounts/:AccountSid/Messages/:MessageSid/Media/:File', doc('Twilio: fetch a media item, or its bytes', '…/Media/{Sid}.json is the Media resource; …/Media/{Sid} (no .json) redirects (302) to the bytes, as Twilio redirects to its storage: a signed porm URL for uploads and converted parts, the MediaUrl itself for a file sent as fetched.'), async (request, reply) => {
      if (request.params.File?.endsWith('.json')) {
        const { auth, view, item } = await mediaOf(request, '.json');
        return json(reply, 200, presentTwilioMedia(view.message, item, auth.accountSid));
      }
      const { auth, view, item } = await mediaOf(request, '');
      const bytes = view.bytes.get(item.index);
      if (!bytes) throw new TwilioApiError(404, 20404, `The requested resource ${auth.path} was not found`);
      return reply.redirect('sha256' in bytes ? services.mediaUrls.urlFor(bytes.sha256) : bytes.url, 302);
    });

    app.delete<{ Params: Params }>('/Accounts/:AccountSid/Messages/:MessageSid/Media/:File', doc('Twilio: delete a media item', '204; the item no longer appears in the message\'s media (its bytes stay while other messages use them).'), async (request, reply) => {
      const { auth, view, mediaSid } = await mediaOf(request, '.json');
      await messages.removeMedia(view, mediaSid, auth.path);
      return reply.code(204).send();
    });
  };
}
