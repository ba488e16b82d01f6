import { componentDefs } from './schema-components.ts';
import { closed, ID_PATTERN, partDefs, ref, tpl, type JsonSchema } from './schema-parts.ts';
import { FONTS } from './types.ts';

// The published JSON Schema of template documents, version 1 (served at /v1/schema/template.json).
// It checks structure only; slots, ids, URLs and template text are checked in semantic.ts.

export const MAX_COMPONENTS = 50;
const SLOT_TYPES = ['string', 'number', 'boolean', 'date', 'url', 'phone', 'list', 'object'];
const colour: JsonSchema = { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' };
const slotName: JsonSchema = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' };
const components: JsonSchema = { type: 'array', minItems: 1, maxItems: MAX_COMPONENTS, items: ref('component') };

export const templateJsonSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://porm.dev/v1/schema/template.json',
  title: 'porm rich-message template, version 1',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'name', 'data', 'theme', 'components'],
  properties: {
    version: { const: 1 },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    description: { type: 'string', maxLength: 1000 },
    locale: { type: 'string', pattern: '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$' },
    data: { type: 'object', maxProperties: 100, propertyNames: slotName, additionalProperties: ref('slot') },
    theme: closed({
      primaryColor: colour, backgroundColor: colour, textColor: colour, accentColor: colour, onPrimaryColor: colour,
      font: { enum: [...FONTS] },
      cornerRadius: { type: 'integer', minimum: 0, maximum: 24 },
    }, ['primaryColor', 'backgroundColor', 'textColor', 'font', 'cornerRadius']),
    components,
    quickReplies: { type: 'array', maxItems: 11, items: closed({ id: { type: 'string', pattern: ID_PATTERN }, label: tpl(25), payload: tpl(1024) }, ['id', 'label']) },
    variants: {
      type: 'array', minItems: 1, maxItems: 10,
      items: closed({ id: { type: 'string', pattern: ID_PATTERN }, weight: { type: 'integer', minimum: 0, maximum: 100 }, when: ref('serverPredicate'), components }, ['id', 'components']),
    },
  },
  $defs: {
    ...partDefs,
    ...componentDefs,
    slot: closed({
      type: { enum: SLOT_TYPES }, description: { type: 'string', maxLength: 500 }, required: { type: 'boolean' },
      example: {}, missing: { enum: ['default', 'drop', 'block'] }, default: {},
      items: ref('slotShape'), fields: ref('slotFields'),
    }, ['type', 'example', 'missing']),
    slotShape: closed({ type: { enum: SLOT_TYPES }, items: ref('slotShape'), fields: ref('slotFields') }, ['type']),
    slotFields: { type: 'object', maxProperties: 50, propertyNames: slotName, additionalProperties: ref('slotShape') },
  },
};
