import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXAMPLES, orderShipped } from './examples.ts';
import { validateTemplate } from './index.ts';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
type Doc = Record<string, unknown>;

function errorsOf(mutate: (d: Doc) => void, options = {}): { pointer: string; code: string }[] {
  const doc = clone(orderShipped) as unknown as Doc;
  mutate(doc);
  const r = validateTemplate(doc, options);
  assert.equal(r.ok, false, 'expected the document to be rejected');
  return r.ok ? [] : r.errors.map(({ pointer, code }) => ({ pointer, code }));
}
const has = (errs: { pointer: string; code: string }[], code: string, pointer: string) =>
  assert.ok(errs.some((e) => e.code === code && e.pointer === pointer), `want ${code} at ${pointer}, got ${JSON.stringify(errs)}`);
// Loose accessors for mutating fixtures in tests.
const at = (d: unknown, ...path: (string | number)[]): Doc => path.reduce<unknown>((o, k) => (o as Doc)[k], d) as Doc;

describe('validateTemplate: valid examples', () => {
  for (const [name, doc] of Object.entries(EXAMPLES)) {
    it(name, () => {
      const r = validateTemplate(clone(doc));
      assert.deepEqual(r.ok ? [] : r.errors, []);
    });
  }
});

describe('validateTemplate: invalid documents, code + pointer', () => {
  const cases: [string, (d: Doc) => void, string, string, object?][] = [
    ['wrong version', (d) => { d['version'] = 2; }, 'PORM_TEMPLATE_DOC_UNSUPPORTED_VERSION', '/version'],
    ['unknown root field', (d) => { d['css'] = 'body{}'; }, 'PORM_TEMPLATE_DOC_UNKNOWN_FIELD', '/css'],
    ['unknown component field', (d) => { at(d, 'components', 0)['html'] = '<b>'; }, 'PORM_TEMPLATE_DOC_UNKNOWN_FIELD', '/components/0/html'],
    ['missing name', (d) => { delete d['name']; }, 'PORM_TEMPLATE_DOC_MISSING_FIELD', '/name'],
    ['unknown component type', (d) => { at(d, 'components', 1)['type'] = 'iframe'; }, 'PORM_TEMPLATE_DOC_UNKNOWN_TYPE', '/components/1/type'],
    ['unknown action kind', (d) => { at(d, 'components', 0, 'buttons', 0, 'action')['kind'] = 'eval'; }, 'PORM_TEMPLATE_DOC_UNKNOWN_TYPE', '/components/0/buttons/0/action/kind'],
    ['wrong type', (d) => { at(d, 'theme')['cornerRadius'] = '12px'; }, 'PORM_TEMPLATE_DOC_WRONG_TYPE', '/theme/cornerRadius'],
    ['colour not #rrggbb', (d) => { at(d, 'theme')['primaryColor'] = 'red'; }, 'PORM_TEMPLATE_DOC_BAD_VALUE', '/theme/primaryColor'],
    ['font not in safe list', (d) => { at(d, 'theme')['font'] = 'Comic Sans'; }, 'PORM_TEMPLATE_DOC_BAD_VALUE', '/theme/font'],
    ['radius out of range', (d) => { at(d, 'theme')['cornerRadius'] = 99; }, 'PORM_TEMPLATE_DOC_OUT_OF_RANGE', '/theme/cornerRadius'],
    ['empty components', (d) => { d['components'] = []; }, 'PORM_TEMPLATE_DOC_OUT_OF_RANGE', '/components'],
    ['bad slot name', (d) => { at(d, 'data')['Bad-Name'] = { type: 'string', example: 'x', missing: 'drop' }; }, 'PORM_TEMPLATE_DOC_BAD_VALUE', '/data/Bad-Name'],
    ['template syntax', (d) => { at(d, 'components', 0)['title'] = 'Order {{ order.id '; }, 'PORM_TEMPLATE_DOC_TEXT_INVALID', '/components/0/title'],
    ['unknown filter', (d) => { at(d, 'components', 0, 'facts', 0)['value'] = '{{ order.carrier | exec }}'; }, 'PORM_TEMPLATE_DOC_TEXT_INVALID', '/components/0/facts/0/value'],
    ['undeclared slot', (d) => { at(d, 'components', 0)['subtitle'] = 'Hi {{ customer.name }}'; }, 'PORM_TEMPLATE_DOC_UNDECLARED_VARIABLE', '/components/0/subtitle'],
    ['undeclared field', (d) => { at(d, 'components', 0)['subtitle'] = '{{ order.total }}'; }, 'PORM_TEMPLATE_DOC_UNDECLARED_VARIABLE', '/components/0/subtitle'],
    ['undeclared loop field', (d) => { at(d, 'components', 1, 'items', 0)['title'] = '{% for i in order.items %}{{ i.sku }}{% endfor %}'; }, 'PORM_TEMPLATE_DOC_UNDECLARED_VARIABLE', '/components/1/items/0/title'],
    ['javascript: url', (d) => { at(d, 'components', 0, 'buttons', 0, 'action')['url'] = 'javascript:alert(1)'; }, 'PORM_TEMPLATE_DOC_URL_SCHEME', '/components/0/buttons/0/action/url'],
    ['scheme from data', (d) => { at(d, 'components', 0, 'buttons', 0, 'action')['url'] = '{{ order.tracking_url }}'; }, 'PORM_TEMPLATE_DOC_URL_SCHEME', '/components/0/buttons/0/action/url'],
    ['app scheme not configured', (d) => { at(d, 'components', 0, 'buttons', 0)['action'] = { kind: 'deep_link', url: 'shop://o/1', fallbackUrl: 'https://shop.example/o/1' }; }, 'PORM_TEMPLATE_DOC_URL_SCHEME', '/components/0/buttons/0/action/url'],
    ['fallback not web', (d) => { at(d, 'components', 0, 'buttons', 0)['action'] = { kind: 'deep_link', url: 'shop://o/1', fallbackUrl: 'shop://x' }; }, 'PORM_TEMPLATE_DOC_URL_SCHEME', '/components/0/buttons/0/action/fallbackUrl', { urlSchemes: ['https', 'shop'] }],
    ['duplicate id', (d) => { at(d, 'components', 0, 'buttons', 1)['id'] = 'track'; }, 'PORM_TEMPLATE_DOC_DUPLICATE_ID', '/components/0/buttons/1/id'],
    ['submit to missing form', (d) => { (d['components'] as unknown[]).push({ type: 'button', label: 'Go', action: { kind: 'submit_form', formId: 'nope' } }); }, 'PORM_TEMPLATE_DOC_UNKNOWN_REFERENCE', '/components/2/action/formId'],
    ['default policy without default', (d) => { delete at(d, 'data', 'contact')['default']; }, 'PORM_TEMPLATE_DOC_SLOT_INVALID', '/data/contact/default'],
    ['example of wrong type', (d) => { at(d, 'data')['n'] = { type: 'number', example: 'three', missing: 'drop' }; }, 'PORM_TEMPLATE_DOC_SLOT_INVALID', '/data/n/example'],
    ['reserved slot name', (d) => { at(d, 'data')['device'] = { type: 'string', example: 'x', missing: 'drop' }; }, 'PORM_TEMPLATE_DOC_SLOT_INVALID', '/data/device'],
    ['device rule outside vocabulary', (d) => { at(d, 'components', 1)['when'] = { device: { eq: { path: 'contact.first_name', value: 'x' } } }; }, 'PORM_TEMPLATE_DOC_BAD_VALUE', '/components/1/when/device/eq/path'],
    ['server rule on undeclared path', (d) => { at(d, 'components', 1)['when'] = { server: { exists: { path: 'vip' } } }; }, 'PORM_TEMPLATE_DOC_UNDECLARED_VARIABLE', '/components/1/when/server/exists/path'],
    ['rule with two operators', (d) => { at(d, 'components', 1)['when'] = { server: { exists: { path: 'order' }, not: { exists: { path: 'order' } } } }; }, 'PORM_TEMPLATE_DOC_PREDICATE_INVALID', '/components/1/when/server'],
    ['ordering a boolean', (d) => { at(d, 'components', 1)['when'] = { device: { gt: { path: 'device.dark_mode', value: 1 } } }; }, 'PORM_TEMPLATE_DOC_PREDICATE_INVALID', '/components/1/when/device/gt'],
    ['comparing with the wrong type', (d) => { at(d, 'components', 1)['when'] = { device: { eq: { path: 'device.screen_width', value: 'wide' } } }; }, 'PORM_TEMPLATE_DOC_PREDICATE_INVALID', '/components/1/when/device/eq/value'],
    ['unknown history path', (d) => { at(d, 'components', 1)['when'] = { server: { gt: { path: 'history.spend', value: 1 } } }; }, 'PORM_TEMPLATE_DOC_UNDECLARED_VARIABLE', '/components/1/when/server/gt/path'],
    ['text with text and runs', (d) => { (d['components'] as unknown[]).push({ type: 'text', text: 'a', runs: [{ text: 'b' }] }); }, 'PORM_TEMPLATE_DOC_CONFLICT', '/components/2'],
    ['map with only lat', (d) => { (d['components'] as unknown[]).push({ type: 'map', lat: 1 }); }, 'PORM_TEMPLATE_DOC_CONFLICT', '/components/2'],
    ['bad form pattern', (d) => { (d['components'] as unknown[]).push({ type: 'form', id: 'f', submitLabel: 'Go', fields: [{ kind: 'text', name: 'a', label: 'A', pattern: '([a-z' }] }); }, 'PORM_TEMPLATE_DOC_PATTERN_INVALID', '/components/2/fields/0/pattern'],
    ['duplicate field name', (d) => { (d['components'] as unknown[]).push({ type: 'form', id: 'f', submitLabel: 'Go', fields: [{ kind: 'date', name: 'a', label: 'A' }, { kind: 'time', name: 'a', label: 'B' }] }); }, 'PORM_TEMPLATE_DOC_DUPLICATE_ID', '/components/2/fields/1/name'],
    ['choice without options', (d) => { (d['components'] as unknown[]).push({ type: 'form', id: 'f', submitLabel: 'Go', fields: [{ kind: 'choice', name: 'a' }] }); }, 'PORM_TEMPLATE_DOC_MISSING_FIELD', '/components/2/fields/0/options'],
    ['weights not 100', (d) => { d['variants'] = [{ id: 'a', weight: 50, components: [{ type: 'divider' }] }, { id: 'b', weight: 40, components: [{ type: 'divider' }] }]; }, 'PORM_TEMPLATE_DOC_VARIANT_INVALID', '/variants'],
    ['duplicate variant id', (d) => { d['variants'] = [{ id: 'a', components: [{ type: 'divider' }] }, { id: 'a', components: [{ type: 'divider' }] }]; }, 'PORM_TEMPLATE_DOC_DUPLICATE_ID', '/variants/1/id'],
    ['quick reply label too long', (d) => { d['quickReplies'] = [{ id: 'q', label: 'x'.repeat(26) }]; }, 'PORM_TEMPLATE_DOC_OUT_OF_RANGE', '/quickReplies/0/label'],
  ];
  for (const [name, mutate, code, pointer, options] of cases) it(name, () => has(errorsOf(mutate, options), code, pointer));

  it('reports all structural errors at once', () => {
    const errs = errorsOf((d) => { d['css'] = 1; at(d, 'theme')['font'] = 'x'; at(d, 'components', 1)['type'] = 'nope'; });
    has(errs, 'PORM_TEMPLATE_DOC_UNKNOWN_FIELD', '/css');
    has(errs, 'PORM_TEMPLATE_DOC_BAD_VALUE', '/theme/font');
    has(errs, 'PORM_TEMPLATE_DOC_UNKNOWN_TYPE', '/components/1/type');
  });

  it('gives line:col for template errors', () => {
    const doc = clone(orderShipped) as unknown as Doc;
    at(doc, 'components', 0)['body'] = 'ok\n  {% assign x = 1 %}';
    const r = validateTemplate(doc);
    assert.ok(!r.ok);
    const e = r.errors.find((x) => x.pointer === '/components/0/body')!;
    assert.equal(e.code, 'PORM_TEMPLATE_DOC_TEXT_INVALID');
    assert.deepEqual(e.position, { line: 2, col: 3 });
    assert.match(e.message, /PORM_TEMPLATE_UNSUPPORTED_TAG/);
  });

  it('accepts configured app schemes', () => {
    const doc = clone(orderShipped) as unknown as Doc;
    at(doc, 'components', 0, 'buttons', 0)['action'] = { kind: 'deep_link', url: 'shop://o/{{ order.id }}', fallbackUrl: 'https://shop.example/o/{{ order.id }}' };
    assert.equal(validateTemplate(doc, { urlSchemes: ['https', 'shop'] }).ok, true);
  });
});

describe('validateTemplate: a rating goes 0–10 or 1–max', () => {
  const withRating = (rating: Doc): Doc => ({ ...(clone(orderShipped) as unknown as Doc),
    components: [{ type: 'form', id: 'f', submitLabel: 'Send', fields: [{ kind: 'rating', name: 's', ...rating }] }] });
  it('accepts min 0 with max 10 (NPS), and min 1', () => {
    for (const rating of [{ min: 0, max: 10 }, { min: 1, max: 5 }, { max: 2 }]) {
      const r = validateTemplate(withRating(rating));
      assert.deepEqual(r.ok ? [] : r.errors, [], JSON.stringify(rating));
    }
  });
  it('refuses min other than 0 or 1, and max over 10', () => {
    const cases = [[{ min: 2, max: 10 }, 'min', 'PORM_TEMPLATE_DOC_BAD_VALUE'], [{ min: -1 }, 'min', 'PORM_TEMPLATE_DOC_BAD_VALUE'], [{ min: 0, max: 11 }, 'max', 'PORM_TEMPLATE_DOC_OUT_OF_RANGE']] as const;
    for (const [rating, pointer, code] of cases) {
      const r = validateTemplate(withRating(rating));
      assert.equal(r.ok, false, JSON.stringify(rating));
      if (!r.ok) assert.ok(r.errors.some((e) => e.pointer === `/components/0/fields/0/${pointer}` && e.code === code), JSON.stringify(r.errors));
    }
  });
});
