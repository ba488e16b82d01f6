import type { MessagingServiceInput, MessagingServicePatch } from '../../messaging-services/model.ts';
import { refuseUnknownKeys, single, type FormBody } from '../api/create-params.ts';
import { TwilioApiError } from '../api/twilio-error.ts';

// Form parameters of POST /v1/Services (create and update) → porm's messaging service input.
// FriendlyName, StatusCallback, StickySender, InboundRequestUrl and InboundMethod are honoured;
// the rest of Twilio's Service parameters are accepted only with the value that describes what
// porm does, and refused (20001) otherwise, so nothing that changes behaviour is dropped.

const bad = (message: string): TwilioApiError => new TwilioApiError(400, 20001, message);

export const SERVICE_KEYS: ReadonlySet<string> = new Set([
  'FriendlyName', 'InboundRequestUrl', 'InboundMethod', 'FallbackUrl', 'FallbackMethod', 'StatusCallback', 'StickySender', 'MmsConverter',
  'SmartEncoding', 'ScanMessageContent', 'FallbackToLongCode', 'AreaCodeGeomatch', 'ValidityPeriod', 'SynchronousValidation', 'Usecase', 'UseInboundWebhookOnNumber',
]);

// What porm does, spelled as Twilio's parameter values.
const PORM_VALUES: Readonly<Record<string, readonly string[]>> = {
  MmsConverter: ['true'], SmartEncoding: ['false'], FallbackToLongCode: ['false'], AreaCodeGeomatch: ['false'], SynchronousValidation: ['false'],
  UseInboundWebhookOnNumber: ['true'], ScanMessageContent: ['inherit', 'disable'], Usecase: ['undeclared'], ValidityPeriod: ['36000'], FallbackMethod: ['POST', 'GET'],
};

function bool(form: FormBody, key: string): boolean | undefined {
  const value = single(form, key);
  if (value === undefined) return undefined;
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  throw bad(`${key} must be true or false`);
}

function inboundOf(form: FormBody): { url: string; method?: 'POST' | 'GET' } | null | undefined {
  const url = single(form, 'InboundRequestUrl');
  const method = single(form, 'InboundMethod');
  if (method !== undefined && method !== 'POST' && method !== 'GET') throw bad('InboundMethod must be POST or GET');
  if (url === undefined) {
    if (method !== undefined) throw bad('InboundMethod goes with InboundRequestUrl');
    return undefined;
  }
  if (url === '') return null;
  return { url, ...(method ? { method } : {}) };
}

function refuseOthers(form: FormBody): void {
  refuseUnknownKeys(form, SERVICE_KEYS);
  for (const [key, allowed] of Object.entries(PORM_VALUES)) {
    const value = single(form, key);
    if (value !== undefined && !allowed.some((a) => a.toLowerCase() === value.toLowerCase())) throw bad(`${key}=${value.slice(0, 40)} is not supported by porm`);
  }
  if ((single(form, 'FallbackUrl') ?? '') !== '') throw bad('FallbackUrl is not supported by porm: its inbound webhooks are retried instead');
}

export function serviceInputFromForm(form: FormBody): MessagingServiceInput {
  refuseOthers(form);
  const name = single(form, 'FriendlyName');
  if (name === undefined) throw bad("Missing required parameter FriendlyName in the post body");
  const sticky = bool(form, 'StickySender');
  const statusCallback = single(form, 'StatusCallback');
  const inbound = inboundOf(form);
  return {
    name, ...(sticky !== undefined ? { stickySender: sticky } : {}),
    ...(statusCallback !== undefined ? { statusCallback: statusCallback === '' ? null : statusCallback } : {}),
    ...(inbound !== undefined ? { inboundWebhook: inbound } : {}),
  };
}

export function servicePatchFromForm(form: FormBody): MessagingServicePatch {
  refuseOthers(form);
  const name = single(form, 'FriendlyName');
  const sticky = bool(form, 'StickySender');
  const statusCallback = single(form, 'StatusCallback');
  const inbound = inboundOf(form);
  return {
    ...(name !== undefined ? { name } : {}), ...(sticky !== undefined ? { stickySender: sticky } : {}),
    ...(statusCallback !== undefined ? { statusCallback: statusCallback === '' ? null : statusCallback } : {}),
    ...(inbound !== undefined ? { inboundWebhook: inbound } : {}),
  };
}
