import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Slot } from '../format/types.ts';
import { bindError, bindOk, component, makeDoc, str, valid } from './test-support.ts';

// Missing-data policies: default, drop, block, required, wrong types and nested paths.

const contact: Slot = { type: 'object', example: { first_name: 'Ada', city: 'Paris' }, missing: 'drop', fields: { first_name: { type: 'string' }, city: { type: 'string' } } };

const doc = valid(makeDoc([
  { type: 'heading', text: 'Hello {{ name }}' },
  { type: 'text', text: 'From {{ contact.city }}' },
  { type: 'text', text: 'Total {{ total }}' },
  { type: 'facts', facts: [{ label: 'Code', value: '{{ code }}' }] },
], {
  name: str('Ada', 'default', { default: 'friend' }),
  contact,
  total: { type: 'number', example: 3, missing: 'drop' },
  code: str('X1', 'block'),
  unused: str('u', 'drop'),
}));

describe('expand: missing-data policies', () => {
  it('binds when everything is present, ignoring undeclared keys', () => {
    const { message, warnings, missing } = bindOk(doc, { name: 'Bo', contact: { city: 'Oslo', first_name: 'Bo' }, total: 4, code: 'Z', unused: 'u', extra: { deep: 1 } });
    assert.deepEqual(message.components.map((c) => c.type), ['heading', 'text', 'text', 'facts']);
    assert.deepEqual([warnings, missing], [[], []]);
  });

  it('default: substitutes the slot default before rendering', () => {
    const { message, missing } = bindOk(doc, { contact: { city: 'Oslo' }, total: 1, code: 'Z', unused: 'u' });
    assert.equal(component(message, 'heading').text, 'Hello friend');
    assert.deepEqual(missing, ['name']);
  });

  it('drop: leaves out every component that reads the slot, with a warning', () => {
    const { message, warnings, missing } = bindOk(doc, { name: 'Bo', contact: { city: 'Oslo' }, code: 'Z', unused: 'u' });
    assert.deepEqual(message.components.map((c) => c.key), ['/components/0', '/components/1', '/components/3']);
    assert.deepEqual(warnings, [{ pointer: '/components/2', code: 'missing-data', message: '/components/2/text: total is missing' }]);
    assert.ok(missing.includes('total'));
  });

  it('drop: an unread missing slot drops nothing', () => {
    const { message, warnings } = bindOk(doc, { name: 'Bo', contact: { city: 'Oslo' }, total: 1, code: 'Z' });
    assert.equal(message.components.length, 4);
    assert.deepEqual(warnings, []);
  });

  it('block: the bind fails naming each blocked slot', () => {
    const e = bindError(makeDoc([{ type: 'text', text: '{{ a }}{{ b }}' }], { a: str('a'), b: str('b'), c: str('c', 'default', { default: 'x' }) }), { c: 1 });
    assert.equal(e.code, 'PORM_RICH_DATA_BLOCKED');
    assert.deepEqual(e.fields.map((f) => [f.field, f.code]), [['a', 'PORM_RICH_DATA_BLOCKED'], ['b', 'PORM_RICH_DATA_BLOCKED']]);
    assert.equal(e.status, 422);
  });

  it('block: null counts as missing', () => {
    assert.equal(bindError(doc, { name: 'Bo', contact: {}, total: 1, code: null }).fields[0]!.field, 'code');
  });

  it('required: blocks whatever the policy says', () => {
    const d = makeDoc([{ type: 'text', text: '{{ a }}' }], { a: str('a', 'default', { default: 'x', required: true }) });
    assert.deepEqual(bindError(d, {}).fields.map((f) => f.field), ['a']);
    assert.equal(component(bindOk(d, { a: 'here' }).message, 'text').runs[0]!.text, 'here');
  });

  it('a wrong-typed value counts as missing, with a warning', () => {
    const r = bindOk(doc, { name: 42, contact: { city: 'Oslo' }, total: '4', code: 'Z', unused: 'u' });
    assert.equal(component(r.message, 'heading').text, 'Hello friend');
    assert.deepEqual(r.warnings.map((w) => [w.pointer, w.code]), [['/data/name', 'slot-type'], ['/data/total', 'slot-type'], ['/components/2', 'missing-data']]);
    assert.deepEqual(r.missing, ['name', 'total']);
    const blocked = bindError(doc, { name: 'Bo', contact: {}, total: 1, code: ['Z'] });
    assert.match(blocked.fields[0]!.message, /does not match type string/);
  });

  it('a wrong-typed nested field makes its whole slot missing', () => {
    const r = bindOk(doc, { name: 'Bo', contact: { city: 7 }, total: 1, code: 'Z' });
    assert.deepEqual(r.message.components.map((c) => c.key), ['/components/0', '/components/2', '/components/3']);
  });
});

describe('expand: nested missing paths', () => {
  it('drop slot: a missing field drops the component reading it', () => {
    const r = bindOk(doc, { name: 'Bo', contact: { first_name: 'Bo' }, total: 1, code: 'Z', unused: 'u' });
    assert.deepEqual(r.message.components.map((c) => c.key), ['/components/0', '/components/2', '/components/3']);
    assert.deepEqual(r.warnings, [{ pointer: '/components/1', code: 'missing-data', message: '/components/1/text: contact.city is missing' }]);
    assert.deepEqual(r.missing, ['contact.city']);
  });

  it('block slot: a missing field blocks, naming the path', () => {
    const d = makeDoc([{ type: 'text', text: 'Gate {{ flight.gate }}' }], { flight: { type: 'object', example: { gate: 'A' }, missing: 'block', fields: { gate: { type: 'string' } } } });
    const e = bindError(d, { flight: {} });
    assert.equal(e.code, 'PORM_RICH_DATA_BLOCKED');
    assert.equal(e.fields[0]!.field, 'flight');
    assert.match(e.fields[0]!.message, /flight\.gate is missing \(read by \/components\/0\/text\)/);
  });

  it('default slot: a missing field is kept for the template to handle', () => {
    const d = makeDoc([{ type: 'text', text: 'Hi {{ c.name | default: "you" }}{{ c.title }}' }], { c: { type: 'object', example: { name: 'A' }, missing: 'default', default: {} } });
    const r = bindOk(d, { c: { name: null } });
    assert.equal(component(r.message, 'text').runs[0]!.text, 'Hi you');
    assert.deepEqual(r.missing, ['c.name', 'c.title']);
    assert.deepEqual(r.warnings, []);
  });

  it('loop items are reported by index and follow the root slot policy', () => {
    const d = makeDoc([{ type: 'list', items: [{ title: '{% for i in items %}{{ i.sku }} {% endfor %}' }] }, { type: 'divider' }], { items: { type: 'list', example: [{ sku: 'a' }], missing: 'drop', items: { type: 'object', fields: { sku: { type: 'string' } } } } });
    const r = bindOk(d, { items: [{ sku: 'a' }, {}] });
    assert.deepEqual(r.message.components.map((c) => c.type), ['divider']);
    assert.deepEqual(r.missing, ['items[1].sku']);
    assert.deepEqual(r.warnings.map((w) => [w.pointer, w.code]), [['/components/0/items/0', 'missing-data'], ['/components/0', 'empty']]);
  });
});
