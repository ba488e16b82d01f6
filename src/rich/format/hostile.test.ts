import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderShipped } from './examples.ts';
import { validateTemplate } from './index.ts';

const codes = (v: unknown, options = {}) => { const r = validateTemplate(v, options); return r.ok ? [] : r.errors.map((e) => `${e.code} ${e.pointer}`); };

describe('validateTemplate: hostile input', () => {
  for (const root of [null, 42, 'x', [], true, undefined, new Date(0)]) {
    it(`rejects root ${String(root)}`, () => assert.deepEqual(codes(root), ['PORM_TEMPLATE_DOC_NOT_OBJECT ']));
  }

  it('rejects deep nesting without recursing', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { and: [deep] };
    const doc = { ...orderShipped, components: [{ type: 'divider', when: { server: deep } }] };
    assert.match(codes(doc)[0]!, /^PORM_TEMPLATE_DOC_TOO_DEEP /);
  });

  it('caps rule depth below the document cap', () => {
    let p: unknown = { exists: { path: 'order' } };
    for (let i = 0; i < 8; i++) p = { not: p };
    assert.ok(codes({ ...orderShipped, components: [{ type: 'divider', when: { server: p } }] }).some((c) => c.startsWith('PORM_TEMPLATE_DOC_TOO_DEEP /components/0/when/server/not/not/not/not/not/not')));
  });

  it('rejects huge documents', () => {
    assert.match(codes({ ...orderShipped, components: Array.from({ length: 100_000 }, () => ({ type: 'divider' })) })[0]!, /^PORM_TEMPLATE_DOC_TOO_LARGE \/components/);
    assert.match(codes({ ...orderShipped, name: 'x'.repeat(1_000_000) })[0]!, /^PORM_TEMPLATE_DOC_TOO_LARGE \/name/);
  });

  it('treats __proto__ and constructor keys as ordinary unknown fields', () => {
    const doc = JSON.parse(JSON.stringify(orderShipped).replace('"version":1', '"__proto__":{"polluted":1},"constructor":{},"version":1')) as unknown;
    const c = codes(doc);
    assert.ok(c.includes('PORM_TEMPLATE_DOC_UNKNOWN_FIELD /__proto__'), c.join());
    assert.ok(c.includes('PORM_TEMPLATE_DOC_UNKNOWN_FIELD /constructor'));
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('rejects __proto__ as a slot name and escapes pointers', () => {
    const doc = JSON.parse(JSON.stringify(orderShipped).replace('"contact":', '"__proto__":{},"a/b~c":{},"contact":')) as unknown;
    const c = codes(doc);
    assert.ok(c.includes('PORM_TEMPLATE_DOC_BAD_VALUE /data/__proto__'), c.join());
    assert.ok(c.includes('PORM_TEMPLATE_DOC_BAD_VALUE /data/a~1b~0c'));
  });

  it('never runs getters and rejects non-JSON values', () => {
    let ran = false;
    const doc: Record<string, unknown> = { ...orderShipped };
    Object.defineProperty(doc, 'name', { enumerable: true, get: () => { ran = true; return 'x'; } });
    assert.deepEqual(codes(doc), ['PORM_TEMPLATE_DOC_NOT_JSON /name']);
    assert.equal(ran, false);
    assert.deepEqual(codes({ ...orderShipped, version: Number.NaN }), ['PORM_TEMPLATE_DOC_NOT_JSON /version']);
    assert.deepEqual(codes({ ...orderShipped, theme: new Map() }), ['PORM_TEMPLATE_DOC_NOT_JSON /theme']);
    assert.deepEqual(codes({ ...orderShipped, name: () => 'x' }), ['PORM_TEMPLATE_DOC_NOT_JSON /name']);
  });

  it('bounds the number of errors', () => {
    const doc = { ...orderShipped, components: Array.from({ length: 50 }, () => ({ type: 'divider', a: 1, b: 2, c: 3 })) };
    const c = codes(doc, { maxErrors: 20 });
    assert.equal(c.length, 21);
    assert.equal(c.at(-1), 'PORM_TEMPLATE_DOC_TOO_MANY_ERRORS ');
  });
});
