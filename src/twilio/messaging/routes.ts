import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import type { Services } from '../../services.ts';
import { isPormError, type ErrorCode } from '../../errors.ts';
import { encodeCursor } from '../../messages/query-service.ts';
import type { MessagingService } from '../../messaging-services/model.ts';
import { parseBasic } from '../api/basic-auth.ts';
import { refuseUnknownKeys, single, type FormBody } from '../api/create-params.ts';
import { toTwilioError } from '../api/error-map.ts';
import { parseForm } from '../api/form-parser.ts';
import { TwilioApiError } from '../api/twilio-error.ts';
import { idOfMessagingServiceSid, idOfPhoneNumberSid, phoneNumberSidOf } from '../sids.ts';
import { presentPage, presentPoolNumber, presentService, serviceUrl } from './presenters.ts';
import { servicePatchFromForm, serviceInputFromForm } from './service-params.ts';

// Twilio's Messaging API v1 for services (https://messaging.twilio.com/v1/Services and
// …/PhoneNumbers), on porm's base URL: an SDK reaches it with one line, `client.messaging.baseUrl
// = porm` (Python: `client.messaging.base_url`), as the Messages API with `client.api.baseUrl`.
// Basic auth as on /2010-04-01 (the account is the caller's: these paths name none). Left out of
// /openapi.json, which describes porm's own API; Twilio's OpenAPI for messaging v1 describes these.

const FORM = 'application/x-www-form-urlencoded';
const MAX_PAGE_SIZE = 1000;
const hidden = { schema: { hide: true } };

// The porm codes whose Twilio code here differs from the Messages API's table.
const OWN: Partial<Record<ErrorCode, { status: number; code: number }>> = {
  PORM_MESSAGING_SERVICE_NOT_FOUND: { status: 404, code: 20404 },
  PORM_MESSAGING_SERVICE_NUMBER_NOT_FOUND: { status: 404, code: 20404 },
  PORM_NUMBER_NOT_FOUND: { status: 404, code: 20404 },
  PORM_MESSAGING_SERVICE_NUMBER_TAKEN: { status: 409, code: 21710 },
  PORM_MESSAGING_SERVICE_FULL: { status: 400, code: 21714 },
};

function toManagementError(err: unknown): TwilioApiError | undefined {
  if (err instanceof TwilioApiError || !isPormError(err)) return toTwilioError(err);
  const own = OWN[err.code];
  if (own) return new TwilioApiError(own.status, own.code, err.message);
  const mapped = toTwilioError(err)!;
  // Field codes of the Messages API (21602 for a body …) name nothing here: a bad parameter is 20001.
  return mapped.status === 400 ? new TwilioApiError(400, 20001, err.message) : mapped;
}

function json(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

function formOf(request: FastifyRequest): FormBody {
  const type = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (request.body === undefined || request.body === null) return {};
  if (type !== FORM || typeof request.body !== 'object') throw new TwilioApiError(400, 20001, `The request body must be ${FORM}`);
  return request.body as FormBody;
}

type Params = { ServiceSid?: string; PhoneNumberSid?: string };

export function twilioMessagingRoutes(services: Services) {
  const ms = services.messagingServices;
  const notFound = (path: string): TwilioApiError => new TwilioApiError(404, 20404, `The requested resource ${path.slice(0, 200)} was not found`);
  const caller = async (request: FastifyRequest) => {
    const basic = parseBasic(request.headers.authorization);
    const auth = basic ? await services.twilio.authenticate(basic.username, basic.password) : undefined;
    if (!auth) throw new TwilioApiError(401, 20003, 'Authenticate');
    return auth;
  };
  /** The caller's service the path names; another account's answers as one that does not exist. */
  const serviceOf = async (request: FastifyRequest<{ Params: Params }>, accountId: string): Promise<MessagingService> => {
    const id = idOfMessagingServiceSid(request.params.ServiceSid ?? '');
    if (id === null) throw notFound(request.url.split('?')[0]!);
    return ms.get(accountId, id);
  };
  const paging = (query: FormBody) => {
    refuseUnknownKeys(query, new Set(['PageSize', 'Page', 'PageToken']));
    const sizeText = single(query, 'PageSize') ?? '50';
    const pageText = single(query, 'Page') ?? '0';
    const pageSize = /^[0-9]{1,4}$/.test(sizeText) ? Number(sizeText) : NaN;
    const page = /^[0-9]{1,6}$/.test(pageText) ? Number(pageText) : NaN;
    if (!(pageSize >= 1 && pageSize <= MAX_PAGE_SIZE) || Number.isNaN(page)) throw new TwilioApiError(400, 20001, `PageSize is 1 to ${MAX_PAGE_SIZE} and Page a whole number`);
    const token = single(query, 'PageToken');
    return { pageSize, page, token: token === undefined || token === '' ? undefined : token };
  };

  return async (app: FastifyInstance): Promise<void> => {
    await app.register(formbody, { bodyLimit: services.config.http.bodyLimitBytes, parser: parseForm });
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const mapped = toManagementError(error);
      if (mapped) {
        if (mapped.status === 401) reply.header('www-authenticate', 'Basic realm="porm"');
        return json(reply, mapped.status, mapped.body());
      }
      if (error.code?.startsWith('FST_ERR_CTP_')) return json(reply, 400, new TwilioApiError(400, 20001, `The request body must be ${FORM}`).body());
      request.log.error({ err: error }, 'twilio messaging api error');
      return json(reply, 500, new TwilioApiError(500, 20500, 'Internal Server Error').body());
    });
    const base = (): string => services.publicUrl.value;

    app.post('/v1/Services', hidden, async (request, reply) => {
      const auth = await caller(request);
      const created = await ms.create(auth.accountId, serviceInputFromForm(formOf(request)));
      return json(reply, 201, presentService(created, auth.accountSid, base()));
    });

    app.get('/v1/Services', hidden, async (request, reply) => {
      const auth = await caller(request);
      const { pageSize, page, token } = paging(request.query as FormBody);
      const list = await ms.list(auth.accountId, pageSize, token);
      const url = (p: number, t?: string) => `${base()}/v1/Services?PageSize=${pageSize}&Page=${p}${t ? `&PageToken=${encodeURIComponent(t)}` : ''}`;
      return json(reply, 200, presentPage('services', list.data.map((s) => presentService(s, auth.accountSid, base())), url, page, pageSize, list.nextCursor));
    });

    app.get<{ Params: Params }>('/v1/Services/:ServiceSid', hidden, async (request, reply) => {
      const auth = await caller(request);
      return json(reply, 200, presentService(await serviceOf(request, auth.accountId), auth.accountSid, base()));
    });

    app.post<{ Params: Params }>('/v1/Services/:ServiceSid', hidden, async (request, reply) => {
      const auth = await caller(request);
      const service = await serviceOf(request, auth.accountId);
      const updated = await ms.update(auth.accountId, service.id, servicePatchFromForm(formOf(request)));
      return json(reply, 200, presentService(updated, auth.accountSid, base()));
    });

    app.delete<{ Params: Params }>('/v1/Services/:ServiceSid', hidden, async (request, reply) => {
      const auth = await caller(request);
      await ms.remove(auth.accountId, (await serviceOf(request, auth.accountId)).id);
      return reply.code(204).send();
    });

    app.post<{ Params: Params }>('/v1/Services/:ServiceSid/PhoneNumbers', hidden, async (request, reply) => {
      const auth = await caller(request);
      const service = await serviceOf(request, auth.accountId);
      const form = formOf(request);
      refuseUnknownKeys(form, new Set(['PhoneNumberSid']));
      const pnSid = single(form, 'PhoneNumberSid');
      if (pnSid === undefined) throw new TwilioApiError(400, 20001, 'Missing required parameter PhoneNumberSid in the post body');
      const numberId = idOfPhoneNumberSid(pnSid);
      if (numberId === null) throw new TwilioApiError(400, 20001, 'PhoneNumberSid must be PN and 32 hex digits (a number\'s twilio_sid in /v1/numbers or /v1/messaging-services)');
      const updated = await ms.addNumber(auth.accountId, service.id, numberId);
      const added = updated.numbers.find((n) => n.id === numberId)!;
      return json(reply, 201, presentPoolNumber(added, updated, auth.accountSid, base()));
    });

    app.get<{ Params: Params }>('/v1/Services/:ServiceSid/PhoneNumbers', hidden, async (request, reply) => {
      const auth = await caller(request);
      const service = await serviceOf(request, auth.accountId);
      const { pageSize, page, token } = paging(request.query as FormBody);
      // A pool is at most 400 numbers: paged in memory, the token being the last number id seen.
      const after = token === undefined ? -1 : service.numbers.findIndex((n) => encodeCursor(n.id) === token);
      if (token !== undefined && after < 0) throw new TwilioApiError(400, 20001, 'PageToken is not one this list gave');
      const slice = service.numbers.slice(after + 1, after + 1 + pageSize);
      const more = after + 1 + pageSize < service.numbers.length;
      const url = (p: number, t?: string) => `${serviceUrl(base(), String(request.params.ServiceSid))}/PhoneNumbers?PageSize=${pageSize}&Page=${p}${t ? `&PageToken=${encodeURIComponent(t)}` : ''}`;
      return json(reply, 200, presentPage('phone_numbers', slice.map((n) => presentPoolNumber(n, service, auth.accountSid, base())), url, page, pageSize, more ? encodeCursor(slice[slice.length - 1]!.id) : null));
    });

    app.get<{ Params: Params }>('/v1/Services/:ServiceSid/PhoneNumbers/:PhoneNumberSid', hidden, async (request, reply) => {
      const auth = await caller(request);
      const service = await serviceOf(request, auth.accountId);
      const number = service.numbers.find((n) => phoneNumberSidOf(n.id) === request.params.PhoneNumberSid);
      if (!number) throw notFound(request.url.split('?')[0]!);
      return json(reply, 200, presentPoolNumber(number, service, auth.accountSid, base()));
    });

    app.delete<{ Params: Params }>('/v1/Services/:ServiceSid/PhoneNumbers/:PhoneNumberSid', hidden, async (request, reply) => {
      const auth = await caller(request);
      const service = await serviceOf(request, auth.accountId);
      const numberId = idOfPhoneNumberSid(request.params.PhoneNumberSid ?? '');
      if (numberId === null) throw notFound(request.url.split('?')[0]!);
      await ms.removeNumber(auth.accountId, service.id, numberId);
      return reply.code(204).send();
    });
  };
}
