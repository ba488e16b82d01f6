import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';

// Twilio's own OpenAPI description (../shared/fixtures/twilio/twilio_api_v2010.json), read in
// place, never copied: porm's Twilio responses are checked against its Message and Media schemas
// and the list responses of their operations. Undefined when the fixtures are not there.

export const TWILIO_OPENAPI = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'twilio', 'twilio_api_v2010.json');

export interface TwilioSchemas {
  message: ValidateFunction;
  media: ValidateFunction;
  messageList: ValidateFunction;
  mediaList: ValidateFunction;
  errorsOf(validate: ValidateFunction): string;
}

const RFC2822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: unknown }> }> }>> };

export function loadTwilioSchemas(): TwilioSchemas | undefined {
  if (!existsSync(TWILIO_OPENAPI)) return undefined;
  const doc = JSON.parse(readFileSync(TWILIO_OPENAPI, 'utf8')) as Doc & { $id?: string };
  // OpenAPI 3.0's `nullable` is understood by Ajv; the vendor keywords (x-twilio…) are not schema.
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('date-time-rfc-2822', RFC2822);
  // Twilio's uris are relative to https://api.twilio.com (e.g. /2010-04-01/Accounts/…json?Page=1).
  ajv.addFormat('uri', /^(\/|https?:\/\/)\S*$/);
  for (const name of ['phone-number', 'uri-map', 'currency', 'date-time', 'date']) ajv.addFormat(name, true);
  ajv.addSchema(doc, 'twilio');
  const list = (path: string) => ajv.compile({ $ref: `twilio#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/get/responses/200/content/application~1json/schema` });
  return {
    message: ajv.compile({ $ref: 'twilio#/components/schemas/api.v2010.account.message' }),
    media: ajv.compile({ $ref: 'twilio#/components/schemas/api.v2010.account.message.media' }),
    messageList: list('/2010-04-01/Accounts/{AccountSid}/Messages.json'),
    mediaList: list('/2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media.json'),
    errorsOf: (validate) => ajv.errorsText(validate.errors),
  };
}
