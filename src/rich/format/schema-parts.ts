import { DEVICE_PATHS } from './vocabulary.ts';

// Shared building blocks of the template JSON Schema: template strings, ids, rules and actions.
// Kept in $defs so the published schema stays readable and ajv compiles each part once.

export type JsonSchema = Readonly<Record<string, unknown>>;

export const tpl = (maxLength = 4096): JsonSchema => ({ type: 'string', maxLength });
export const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` });
export const ID_PATTERN = '^[a-z][a-z0-9_-]{0,63}$';

/** A closed object: only the listed properties, these required. */
export function closed(properties: Record<string, JsonSchema>, required: readonly string[] = []): JsonSchema {
  return { type: 'object', properties, required: [...required], additionalProperties: false };
}

/** One oneOf branch per kind, picked by ajv's discriminator so errors come only from the matching branch. */
export function union(tag: string, branches: Record<string, Record<string, JsonSchema>>, required: Record<string, readonly string[]>): JsonSchema {
  return {
    type: 'object',
    required: [tag],
    discriminator: { propertyName: tag },
    oneOf: Object.entries(branches).map(([kind, props]) => closed({ [tag]: { const: kind }, ...props }, [tag, ...(required[kind] ?? [])])),
  };
}

const scalar: JsonSchema = { type: ['string', 'number', 'boolean', 'null'], maxLength: 256 };
const comparable: JsonSchema = { type: ['string', 'number'], maxLength: 256 };

function predicate(pathSchema: JsonSchema, self: string): JsonSchema {
  const path = { path: pathSchema };
  return {
    type: 'object',
    minProperties: 1,
    maxProperties: 1,
    additionalProperties: false,
    properties: {
      eq: closed({ ...path, value: scalar }, ['path', 'value']),
      ne: closed({ ...path, value: scalar }, ['path', 'value']),
      gt: closed({ ...path, value: comparable }, ['path', 'value']),
      lt: closed({ ...path, value: comparable }, ['path', 'value']),
      in: closed({ ...path, values: { type: 'array', minItems: 1, maxItems: 50, items: scalar } }, ['path', 'values']),
      exists: closed(path, ['path']),
      and: { type: 'array', minItems: 1, maxItems: 20, items: ref(self) },
      or: { type: 'array', minItems: 1, maxItems: 20, items: ref(self) },
      not: ref(self),
    },
  };
}

const url = tpl(2048);

export const partDefs: Record<string, JsonSchema> = {
  serverPredicate: predicate({ type: 'string', maxLength: 200, pattern: '^[a-z][a-z0-9_]*(\\.[a-z0-9_]+|\\[[0-9]+\\])*$' }, 'serverPredicate'),
  devicePredicate: predicate({ enum: Object.keys(DEVICE_PATHS) }, 'devicePredicate'),
  when: closed({ server: ref('serverPredicate'), device: ref('devicePredicate') }),
  action: union('kind', {
    open_url: { url, track: { type: 'boolean' } },
    deep_link: { url, fallbackUrl: url },
    call: { phone: tpl(64) },
    sms_reply: { body: tpl(640), to: tpl(64) },
    add_to_calendar: { title: tpl(200), start: tpl(200), end: tpl(200), location: tpl(500), description: tpl(1000) },
    show_on_map: { query: tpl(500), lat: { type: 'number', minimum: -90, maximum: 90 }, lng: { type: 'number', minimum: -180, maximum: 180 }, label: tpl(200), directions: { type: 'boolean' } },
    copy_code: { code: tpl(64) },
    postback: { payload: tpl(1024), confirm: tpl(200) },
    submit_form: { formId: { type: 'string', pattern: ID_PATTERN } },
  }, {
    open_url: ['url'], deep_link: ['url', 'fallbackUrl'], call: ['phone'], sms_reply: ['body'], add_to_calendar: ['title', 'start'],
    copy_code: ['code'], postback: ['payload'], submit_form: ['formId'],
  }),
};
