import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TemplateErrorCode } from './errors.ts';
import { assertNoLiteralMarkup, collectVariables, compileTemplate, findLiteralMarkup } from './index.ts';
import { TemplateError } from './template-error.ts';

function render(source: string, data: unknown = {}): string {
  return compileTemplate(source).render(data).text;
}

function renderFails(source: string, data: unknown, code: TemplateErrorCode, limits = {}): void {
  const t = compileTemplate(source);
  assert.throws(() => t.render(data, limits), (e: unknown) => e instanceof TemplateError && e.code === code);
}

describe('render: missing data is reported per path', () => {
  it('reports nil and absent paths, in first-read order', () => {
    const r = compileTemplate('Hi {{ contact.first_name | default: "there" }} {{ contact.last_name }}{{ contact.city }}{{ x.y.z }}')
      .render({ contact: { last_name: 'L', city: null } });
    assert.equal(r.text, 'Hi there L');
    assert.deepEqual(r.missing, ['contact.first_name', 'contact.city', 'x.y.z']);
  });

  it('names loop items by collection and index', () => {
    const r = compileTemplate('{% for i in order.items %}{{ i.sku }}{{ forloop.nope }}{% endfor %}{{ order.items[idx]["odd key"] }}')
      .render({ order: { items: [{ sku: 'a' }, {}, { sku: 'c' }] }, idx: 1 });
    assert.equal(r.text, 'ac');
    assert.deepEqual(r.missing, ['order.items[1].sku', 'order.items[1]["odd key"]']);
  });

  it('reports nothing when all data is present', () => {
    assert.deepEqual(compileTemplate('{{ a }}{% if b %}{% endif %}').render({ a: 1, b: false }).missing, []);
  });
});

describe('collectVariables', () => {
  it('lists data paths, rewriting loop variables to their collection', () => {
    const vars = collectVariables('{{ contact.first_name | default: fallback.name }}{% for it in order.items limit: max %}{{ it.sku }}{{ forloop.index }}{{ it["a b"] }}{% endfor %}{% if n > 1 %}{{ list[i].x }}{% endif %}{% for k in (1..3) %}{{ k }}{% endfor %}');
    assert.deepEqual(vars, ['contact.first_name', 'fallback.name', 'order.items', 'max', 'order.items[].sku', 'order.items[]["a b"]', 'n', 'i', 'list[].x']);
  });

  it('throws for a template that does not compile', () => {
    assert.throws(() => collectVariables('{% assign a = 1 %}'), (e: unknown) => e instanceof TemplateError && e.code === 'PORM_TEMPLATE_UNSUPPORTED_TAG');
  });
});

describe('literal markup never reaches a phone unnoticed', () => {
  it('prints data containing markup verbatim and never evaluates it', () => {
    const text = render('Hi {{ name }}', { name: '{{ secret }}{% for x in (1..9) %}' });
    assert.equal(text, 'Hi {{ secret }}{% for x in (1..9) %}');
    assert.equal(findLiteralMarkup(text), 3);
    assert.throws(() => assertNoLiteralMarkup(text), (e: unknown) => e instanceof TemplateError && e.code === 'PORM_TEMPLATE_LITERAL_MARKUP');
  });

  it('flags raw blocks and passes clean text', () => {
    assert.throws(() => assertNoLiteralMarkup(render('{% raw %}{{ x }}{% endraw %}')));
    assert.doesNotThrow(() => assertNoLiteralMarkup(render('{ a } %} }} {{ n }}', { n: 1 })));
  });
});

describe('hostile data', () => {
  it('never exposes prototype paths', () => {
    const data = JSON.parse('{"a":{"__proto__":{"x":"polluted"}},"s":"str"}') as unknown;
    assert.equal(render('[{{ a.__proto__.x }}][{{ a.constructor }}][{{ a.constructor.name }}][{{ s.constructor.prototype }}][{{ a["__proto__"] }}][{{ toString }}][{{ a.hasOwnProperty }}]', data), '[][][][][][][]');
    assert.equal(render('{{ x.__proto__ | json }}', { x: {} }), '');
    assert.equal(render('{% for p in a %}{{ p[0] }}{% endfor %}', data), '');
  });

  it('never calls functions or getters in data', () => {
    let called = 0;
    const data = {
      fn: () => { called++; return 'ran'; },
      obj: Object.defineProperty({ plain: 'ok' }, 'getter', { enumerable: true, get: () => { called++; return 'ran'; } }),
      date: new Date(0),
      map: new Map([['a', 1]]),
      inst: new (class { x = 1; toString(): string { called++; return 'ran'; } })(),
      list: [() => 'ran', 1],
    };
    const text = render('{{ fn }}|{{ obj.getter }}|{{ obj.plain }}|{{ date }}|{{ map.a }}|{{ inst }}|{{ inst.x }}|{{ list | join: "," }}|{{ obj | json }}|{{ list.first }}|{% if inst < 1 %}{% endif %}{{ list | size }}', data);
    assert.equal(text, '||ok|||||,1|{"plain":"ok"}||2');
    assert.equal(called, 0);
  });

  it('refuses cyclic data with a typed error instead of overflowing', () => {
    const a: unknown[] = [1];
    a.push(a);
    const o: Record<string, unknown> = { k: 1 };
    o.self = o;
    renderFails('{{ a }}', { a }, 'PORM_TEMPLATE_DATA_INVALID');
    renderFails('{{ o | json }}', { o }, 'PORM_TEMPLATE_DATA_INVALID');
    assert.equal(render('{{ o.self.self.self.k }}', { o }), '1');
  });

  it('handles lone surrogates in url_encode without throwing', () => {
    assert.equal(render('{{ s | url_encode }}', { s: 'a\uD800b' }), 'a%EF%BF%BDb');
  });
});

describe('render caps', () => {
  it('stops a 1e6-iteration range loop at the iteration cap', () => {
    renderFails('{% for i in (1..1000000) %}x{% endfor %}', {}, 'PORM_TEMPLATE_ITERATION_LIMIT');
    renderFails('{% for i in (1..n) %}{% endfor %}', { n: 1e15 }, 'PORM_TEMPLATE_ITERATION_LIMIT');
  });

  it('counts nested loop iterations together', () => {
    renderFails('{% for a in (1..1000) %}{% for b in (1..1000) %}{% endfor %}{% endfor %}', {}, 'PORM_TEMPLATE_ITERATION_LIMIT');
    const t = compileTemplate('{% for a in (1..10) %}{% for b in (1..10) %}.{% endfor %}{% endfor %}');
    assert.equal(t.render({}, { maxIterations: 110 }).text.length, 100);
    assert.throws(() => t.render({}, { maxIterations: 109 }), (e: unknown) => e instanceof TemplateError && e.code === 'PORM_TEMPLATE_ITERATION_LIMIT');
  });

  it('slices huge ranges without building them', () => {
    assert.equal(render('{% for i in (1..1000000000) offset: 999999998 %}{{ i }},{% endfor %}'), '999999999,1000000000,');
    assert.equal(render('{% for i in (1..1000000000) reversed limit: 2 %}{{ i }},{% endfor %}'), '2,1,');
  });

  it('caps output bytes, counting UTF-8', () => {
    renderFails('{% for i in (1..5000) %}0123456789abcdef{% endfor %}', {}, 'PORM_TEMPLATE_OUTPUT_LIMIT');
    const t = compileTemplate('{{ s }}');
    assert.equal(t.render({ s: 'é'.repeat(5) }, { maxOutputBytes: 10 }).text, 'ééééé');
    assert.throws(() => t.render({ s: 'é'.repeat(6) }, { maxOutputBytes: 10 }), (e: unknown) => e instanceof TemplateError && e.code === 'PORM_TEMPLATE_OUTPUT_LIMIT');
  });

  it('caps exponential growth inside one filter chain', () => {
    const chain = `{{ s${' | replace: "a", "aaaaaaaa"'.repeat(12)} | size }}`;
    renderFails(chain, { s: 'aaaa' }, 'PORM_TEMPLATE_OUTPUT_LIMIT');
    renderFails('{{ s | split: "" | size }}', { s: 'x'.repeat(70_000) }, 'PORM_TEMPLATE_OUTPUT_LIMIT');
    renderFails('{{ (1..100000000) | size }}', {}, 'PORM_TEMPLATE_OUTPUT_LIMIT');
  });

  it('renders deeply nested data within the print cap', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    renderFails('{{ d }}', { d: deep }, 'PORM_TEMPLATE_DATA_INVALID');
    renderFails('{{ d | json }}', { d: deep }, 'PORM_TEMPLATE_DATA_INVALID');
  });

  it('a failed render leaves nothing behind and the template stays usable', () => {
    const t = compileTemplate('{% for i in list %}{{ i }}{% endfor %}');
    assert.throws(() => t.render({ list: Array.from({ length: 20_000 }, () => 1) }));
    assert.equal(t.render({ list: [1, 2] }).text, '12');
  });
});
