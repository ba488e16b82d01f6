import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Component } from '../format/types.ts';
import { bindOk, component, makeDoc, str, valid } from './test-support.ts';

// The smallest droppable unit around a string that cannot be shown is left out, with a warning.

const slots = { x: str('x', 'drop'), y: str('y', 'drop') };
const bind = (components: readonly Component[], data: Record<string, unknown> = { y: 'Y' }, extra = {}) => bindOk(valid(makeDoc(components, slots, extra)), data);
const pointers = (ws: readonly { pointer: string }[]) => ws.map((w) => w.pointer);
const btn = (label: string, id?: string): Extract<Component, { type: 'button' }> => ({ type: 'button', ...(id ? { id } : {}), label, action: { kind: 'postback', payload: 'p' } });

describe('expand: drops at each level', () => {
  it('a button in a row drops alone; a row left empty drops', () => {
    const r = bind([{ type: 'button_row', buttons: [btn('{{ x }}'), btn('ok')] }, { type: 'button_row', buttons: [btn('{{ x }}')] }]);
    assert.deepEqual(r.message.components.map((c) => c.type === 'button_row' && c.buttons.map((b) => b.label)), [['ok']]);
    assert.deepEqual(pointers(r.warnings), ['/components/0/buttons/0', '/components/1/buttons/0', '/components/1']);
    assert.deepEqual(r.warnings.map((w) => w.code), ['missing-data', 'missing-data', 'empty']);
  });

  it('a button in a card drops alone, the card stays', () => {
    const r = bind([{ type: 'card', title: 'T', buttons: [btn('ok'), btn('{{ x }}')] }]);
    assert.deepEqual(component(r.message, 'card').buttons.map((b) => b.label), ['ok']);
    assert.deepEqual(pointers(r.warnings), ['/components/0/buttons/1']);
  });

  it('a top-level button drops as a component', () => {
    const r = bind([btn('{{ x }}'), { type: 'divider' }]);
    assert.deepEqual(r.message.components.map((c) => c.type), ['divider']);
    assert.deepEqual(pointers(r.warnings), ['/components/0']);
  });

  it('a fact drops alone (in facts and in a card); facts left empty drop', () => {
    const r = bind([
      { type: 'facts', facts: [{ label: 'a', value: '{{ x }}' }, { label: 'b', value: '{{ y }}' }] },
      { type: 'card', title: 'T', facts: [{ label: '{{ x }}', value: 'v' }] },
      { type: 'facts', facts: [{ label: 'a', value: '{{ x }}' }] },
    ]);
    assert.deepEqual(component(r.message, 'facts').facts, [{ label: 'b', value: 'Y' }]);
    assert.deepEqual(component(r.message, 'card').facts, []);
    assert.deepEqual(pointers(r.warnings), ['/components/0/facts/0', '/components/1/facts/0', '/components/2/facts/0', '/components/2']);
  });

  it('a list item drops alone; a list left empty drops', () => {
    const r = bind([{ type: 'list', items: [{ title: 'a' }, { title: 'b', subtitle: '{{ x }}' }] }, { type: 'list', items: [{ title: '{{ x }}' }] }]);
    assert.deepEqual(component(r.message, 'list').items.map((i) => i.title), ['a']);
    assert.deepEqual(pointers(r.warnings), ['/components/0/items/1', '/components/1/items/0', '/components/1']);
  });

  it('a card in a carousel drops alone; a carousel left empty drops', () => {
    const r = bind([
      { type: 'carousel', cards: [{ type: 'card', title: '{{ x }}' }, { type: 'card', title: 'B' }] },
      { type: 'carousel', cards: [{ type: 'card', title: 'C', body: '{{ x }}' }, { type: 'card', title: 'D', media: { type: 'image', url: 'https://a.example/{{ x }}.png' } }] },
    ]);
    assert.deepEqual(component(r.message, 'carousel').cards.map((c) => c.title), ['B']);
    assert.deepEqual(pointers(r.warnings), ['/components/0/cards/0', '/components/1/cards/0', '/components/1/cards/1', '/components/1']);
  });

  it('a top-level card drops whole when its media or title cannot be shown', () => {
    const r = bind([{ type: 'card', title: 'A', media: { type: 'image', url: 'https://a.example/{{ x }}' } }, { type: 'card', title: '{{ x }}' }, { type: 'divider' }]);
    assert.deepEqual(r.message.components.map((c) => c.type), ['divider']);
    assert.deepEqual(pointers(r.warnings), ['/components/0', '/components/1']);
  });

  it('a text run drops alone; a text left without runs drops', () => {
    const r = bind([
      { type: 'text', runs: [{ text: 'Hi ' }, { text: '{{ x }}', bold: true }, { text: '!', italic: true }] },
      { type: 'text', runs: [{ text: '{{ x }}' }] },
      { type: 'text', text: 'plain {{ x }}' },
    ]);
    assert.deepEqual(component(r.message, 'text').runs, [{ text: 'Hi ', bold: false, italic: false, link: null }, { text: '!', bold: false, italic: true, link: null }]);
    assert.deepEqual(pointers(r.warnings), ['/components/0/runs/1', '/components/1/runs/0', '/components/1', '/components/2']);
  });

  it('an optional form field drops alone; a required one drops the form, and its submit button', () => {
    const form = (required: boolean): Component => ({ type: 'form', id: 'f', submitLabel: 'Send', fields: [
      { kind: 'text', name: 'a', label: 'A' },
      { kind: 'choice', name: 'b', label: 'B', required, options: [{ value: 'v', label: '{{ x }}' }] },
    ] });
    const submit: Component = { type: 'button', label: 'Go', action: { kind: 'submit_form', formId: 'f' } };
    const optional = bind([submit, form(false)]);
    assert.deepEqual(component(optional.message, 'form').fields.map((f) => f.name), ['a']);
    assert.deepEqual(pointers(optional.warnings), ['/components/1/fields/1']);
    assert.equal(optional.message.components[0]!.type, 'button');
    const required = bind([submit, form(true)]);
    assert.deepEqual(required.message.components, []);
    assert.deepEqual(required.warnings.map((w) => [w.pointer, w.code]), [['/components/1', 'missing-data'], ['/components/0', 'form-absent'], ['/components', 'empty-message']]);
  });

  it('quick replies drop one by one; payload defaults to the id', () => {
    const r = bind([{ type: 'divider' }], { y: 'Y' }, { quickReplies: [{ id: 'a', label: '{{ x }}' }, { id: 'b', label: 'B {{ y }}' }, { id: 'c', label: 'C', payload: 'pay-{{ y }}' }] });
    assert.deepEqual(r.message.quickReplies, [{ id: 'b', label: 'B Y', payload: 'b' }, { id: 'c', label: 'C', payload: 'pay-Y' }]);
    assert.deepEqual(pointers(r.warnings), ['/quickReplies/0']);
  });
});

describe('expand: server rules', () => {
  const ruled = valid(makeDoc([
    { type: 'text', text: 'welcome back', when: { server: { gt: { path: 'history.clicks', value: 0 } } } },
    { type: 'text', text: 'vip', when: { server: { eq: { path: 'tier', value: 'gold' } }, device: { eq: { path: 'device.dark_mode', value: true } } } },
    { type: 'button_row', buttons: [btn('always'), { ...btn('new', 'new'), when: { server: { not: { exists: { path: 'history.last_click_at' } } } } }] },
    { type: 'card', title: 'c', media: { type: 'image', url: 'https://a.example/i.png', when: { server: { eq: { path: 'history.opened_last', value: true } } } } },
  ], { tier: str('gold', 'default', { default: 'none' }) }));

  it('leaves out components whose server rule fails, silently, reading history', () => {
    const none = bindOk(ruled, {});
    assert.deepEqual(none.message.components.map((c) => c.key), ['/components/2', '/components/3']);
    assert.deepEqual(component(none.message, 'button_row').buttons.map((b) => b.key), ['/components/2/buttons/0', 'new']);
    assert.equal(component(none.message, 'card').media, null);
    assert.deepEqual(none.warnings, []);
    const all = bindOk(ruled, { tier: 'gold' }, { history: { clicks: 3, last_click_at: '2026-01-01T00:00:00Z', opened_last: true } });
    assert.deepEqual(all.message.components.map((c) => c.key), ['/components/0', '/components/1', '/components/2', '/components/3']);
    assert.deepEqual(component(all.message, 'text', 1).device, { eq: { path: 'device.dark_mode', value: true } });
    assert.deepEqual(component(all.message, 'button_row').buttons.map((b) => b.key), ['/components/2/buttons/0']);
    assert.notEqual(component(all.message, 'card').media, null);
  });

  it('does not show history to templates', () => {
    const d = makeDoc([{ type: 'text', text: 'n={{ history.clicks }}' }]);
    assert.equal(component(bindOk(d, {}, { history: { clicks: 5 } }).message, 'text').runs[0]!.text, 'n=');
  });

  it('ignores history that is not a plain object', () => {
    const r = bindOk(ruled, {}, { history: [1, 2] as unknown as Record<string, unknown> });
    assert.equal(r.message.components.length, 2);
  });
});
