import { closed, ID_PATTERN, ref, tpl, union, type JsonSchema } from './schema-parts.ts';

// JSON Schema of the closed component set, form fields and the pieces cards are made of.

const url = tpl(2048);
const bool: JsonSchema = { type: 'boolean' };
const common = { id: { type: 'string', pattern: ID_PATTERN }, when: ref('when') };
const action = ref('action');
const label = tpl(200);

const imageProps = { ...common, url, alt: tpl(500), aspectRatio: { enum: ['1:1', '4:3', '16:9', '3:4', '9:16'] }, action };
const videoProps = { ...common, url, poster: url, alt: tpl(500), captionsUrl: url };
const buttonProps = { ...common, label, style: { enum: ['primary', 'secondary', 'destructive'] }, action };
const cardProps = {
  ...common,
  media: union('type', { image: imageProps, video: videoProps }, { image: ['url'], video: ['url'] }),
  title: tpl(500), subtitle: tpl(500), body: tpl(2000),
  facts: { type: 'array', maxItems: 20, items: ref('fact') },
  buttons: { type: 'array', maxItems: 8, items: ref('button') },
  action,
};

const fieldBase = { name: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' }, label, required: bool, errorMessage: label };
const textual = { ...fieldBase, pattern: { type: 'string', maxLength: 200 }, placeholder: label, maxLength: { type: 'integer', minimum: 1, maximum: 2000 } };
const options = { type: 'array', minItems: 1, maxItems: 50, items: closed({ value: { type: 'string', maxLength: 200 }, label }, ['value', 'label']) };
const choice = { ...fieldBase, options };

export const componentDefs: Record<string, JsonSchema> = {
  fact: closed({ label, value: tpl(1000) }, ['label', 'value']),
  button: closed({ type: { const: 'button' }, ...buttonProps }, ['type', 'label', 'action']),
  card: closed({ type: { const: 'card' }, ...cardProps }, ['type', 'title']),
  formField: union('kind', {
    text: textual, email: textual, phone: textual,
    number: { ...fieldBase, min: { type: 'number' }, max: { type: 'number' } },
    choice, multi_choice: choice,
    date: fieldBase, time: fieldBase, toggle: fieldBase,
    rating: { ...fieldBase, min: { enum: [0, 1] }, max: { type: 'integer', minimum: 2, maximum: 10 } },
  }, Object.fromEntries(['text', 'email', 'phone', 'number', 'choice', 'multi_choice', 'date', 'time', 'toggle', 'rating']
    .map((k) => [k, k === 'choice' || k === 'multi_choice' ? ['name', 'options'] : ['name']]))),
  component: union('type', {
    text: { ...common, text: tpl(), runs: { type: 'array', minItems: 1, maxItems: 50, items: closed({ text: tpl(), bold: bool, italic: bool, link: url }, ['text']) }, size: { enum: ['small', 'body', 'large'] }, align: { enum: ['start', 'center', 'end'] } },
    heading: { ...common, text: tpl(500), level: { enum: [1, 2, 3] } },
    image: imageProps,
    video: videoProps,
    audio: { ...common, url, title: label, alt: tpl(500) },
    card: cardProps,
    carousel: { ...common, cards: { type: 'array', minItems: 1, maxItems: 10, items: ref('card') } },
    button: buttonProps,
    button_row: { ...common, buttons: { type: 'array', minItems: 1, maxItems: 8, items: ref('button') } },
    list: { ...common, ordered: bool, items: { type: 'array', minItems: 1, maxItems: 50, items: closed({ title: tpl(500), subtitle: tpl(500), image: url, alt: tpl(500), action }, ['title']) } },
    divider: common,
    spacer: { ...common, size: { enum: ['small', 'medium', 'large'] } },
    facts: { ...common, facts: { type: 'array', minItems: 1, maxItems: 20, items: ref('fact') } },
    countdown: { ...common, to: tpl(200), label, expiredText: label },
    code: { ...common, format: { enum: ['qr', 'aztec', 'pdf417', 'code128'] }, value: tpl(2000), alt: tpl(500), caption: label },
    map: { ...common, query: tpl(500), lat: { type: 'number', minimum: -90, maximum: 90 }, lng: { type: 'number', minimum: -180, maximum: 180 }, label, alt: tpl(500), zoom: { type: 'integer', minimum: 1, maximum: 20 }, action },
    form: { ...common, title: label, fields: { type: 'array', minItems: 1, maxItems: 30, items: ref('formField') }, submitLabel: label, multipleAnswers: bool },
  }, {
    heading: ['text'], image: ['url'], video: ['url'], audio: ['url'], card: ['title'], carousel: ['cards'], button: ['label', 'action'],
    button_row: ['buttons'], list: ['items'], facts: ['facts'], countdown: ['to'], code: ['format', 'value'], form: ['id', 'fields', 'submitLabel'],
  }),
};
