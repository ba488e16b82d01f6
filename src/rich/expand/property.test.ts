import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compileTemplate, isTemplateError, type RenderResult } from '../binding/index.ts';
import { EXAMPLES } from '../format/examples.ts';
import { fits } from '../format/slots.ts';
import type { SlotShape, SlotType } from '../format/types.ts';
import { compileDocument } from './index.ts';
import { interpolation } from './interpolation.ts';
import { compileShapeCheck } from './slot-check.ts';

// Properties with fixed seeds (a failure replays exactly): bind never throws, and the two fast
// paths (interpolation, compiled slot checks) agree with the code they stand in for.

const KEYS = ['a', 'b', 'contact', 'order', 'first_name', 'items', 'id', '__proto__', 'constructor', 'size', 'first', '0'] as const;
const scalar = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('{{ x }}', '{%', 'javascript:alert(1)', '2026-03-02', '+1 555 0100', 'https://a.example', '<script>'),
  fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 5 }),
})).value;

describe('expand: bind never throws', () => {
  for (const [name, doc] of Object.entries(EXAMPLES)) {
    const compiled = compileDocument(doc);
    const slotNames = Object.keys(doc.data);
    // Either completely random JSON, or the slot examples with random values swapped in.
    const data = fc.oneof(
      fc.anything(),
      json,
      fc.dictionary(fc.constantFrom(...slotNames, ...KEYS), json, { maxKeys: 6 }),
      fc.tuple(fc.constantFrom(...slotNames), json).map(([k, v]) => ({ ...Object.fromEntries(slotNames.map((s) => [s, doc.data[s]!.example])), [k]: v })),
    );
    it(`${name}: always returns a result for random data`, () => {
      fc.assert(fc.property(data, fc.option(json), fc.string(), (d, history, seed) => {
        const r = compiled.bind({ data: d, history: history as Record<string, unknown>, revision: 1, variantSeed: seed, now: 0 });
        assert.equal(typeof r.ok, 'boolean');
        if (r.ok) assert.doesNotThrow(() => JSON.stringify(r.message));
        else assert.match(r.error.code, /^PORM_(RICH_DATA_(BLOCKED|INVALID)|TEMPLATE_)/);
      }), { seed: 20260302, numRuns: 400 });
    });
  }
});

function outcome(render: () => RenderResult): RenderResult | string {
  try {
    return render();
  } catch (err) {
    if (isTemplateError(err)) return err.code;
    throw err;
  }
}

describe('expand: interpolation fast path matches the engine', () => {
  // The engine parses a bare root named like an Object.prototype member (`constructor`, `__proto__`)
  // as a literal (its LITERALS lookup is not own-only), so those are only used as steps here.
  const path = fc.tuple(fc.constantFrom(...KEYS.filter((k) => /^[a-z]/.test(k) && !(k in Object.prototype))), fc.array(fc.oneof(
    fc.constantFrom(...KEYS).map((k) => (/^[A-Za-z_]/.test(k) ? `.${k}` : `["${k}"]`)),
    fc.integer({ min: -2, max: 3 }).map((i) => `[${i}]`),
    fc.constantFrom('.size', '.first', '.last', '["a b"]'),
  ), { maxLength: 3 })).map(([r, s]) => r + s.join(''));
  const piece = fc.oneof(
    fc.constantFrom('Hi ', ' ', '\n', 'é', '{', '}', '%', '<b>', '  '),
    fc.tuple(fc.constantFrom('{{', '{{-'), path, fc.constantFrom('}}', '-}}')).map(([a, p, b]) => `${a} ${p} ${b}`),
  );
  const template = fc.array(piece, { maxLength: 6 }).map((ps) => ps.join(''));

  it('gives the same text, missing paths and errors', () => {
    fc.assert(fc.property(template, json, (source, data) => {
      let full;
      try {
        full = compileTemplate(source);
      } catch {
        return; // a stray `{` pair that does not parse: not a template the fast path would see
      }
      const fast = interpolation(source, full);
      assert.ok(fast, source);
      assert.deepEqual(outcome(() => fast.render(data)), outcome(() => full.render(data)), source);
    }), { seed: 42, numRuns: 3000 });
  });

  it('applies the same output cap', () => {
    const source = 'a{{ s }}b{{ s }}';
    const full = compileTemplate(source);
    const fast = interpolation(source, full)!;
    for (const s of ['x'.repeat(32_767), 'x'.repeat(32_768), 'é'.repeat(16_383), 'é'.repeat(16_384), '😀'.repeat(8_191), '😀'.repeat(8_192)]) {
      assert.deepEqual(outcome(() => fast.render({ s })), outcome(() => full.render({ s })), `${s.length}`);
    }
  });

  it('is used only for text and plain paths', () => {
    for (const s of ['{{ a | upcase }}', '{% if a %}x{% endif %}', '{{ a[b] }}', '{{ "lit" }}', '{{ nil }}', '{% for i in a %}{% endfor %}']) {
      assert.equal(interpolation(s, compileTemplate(s)), null, s);
    }
    assert.ok(interpolation('a {{ b.c[0]["d e"] }} f', compileTemplate('a {{ b.c[0]["d e"] }} f')));
  });
});

describe('expand: compiled slot checks match fits', () => {
  const TYPES: SlotType[] = ['string', 'number', 'boolean', 'date', 'url', 'phone', 'list', 'object'];
  const shape: fc.Arbitrary<SlotShape> = fc.letrec<{ shape: SlotShape }>((tie) => ({
    shape: fc.oneof({ depthSize: 'small' },
      fc.constantFrom(...TYPES.slice(0, 6)).map((type): SlotShape => ({ type })),
      fc.option(tie('shape'), { nil: undefined }).map((items): SlotShape => (items ? { type: 'list', items } : { type: 'list' })),
      fc.option(fc.dictionary(fc.constantFrom(...KEYS), tie('shape'), { maxKeys: 3 }), { nil: undefined }).map((fields): SlotShape => (fields ? { type: 'object', fields } : { type: 'object' })),
    ),
  })).shape;
  it('agrees on random shapes and values', () => {
    fc.assert(fc.property(shape, json, (s, v) => {
      assert.equal(compileShapeCheck(s)(v, 0), fits(s, v));
    }), { seed: 7, numRuns: 3000 });
  });
  it('agrees past the depth cut-off', () => {
    let s: SlotShape = { type: 'number' };
    let v: unknown = 'not a number';
    for (let i = 0; i < 12; i++) { s = { type: 'list', items: s }; v = [v]; }
    assert.equal(compileShapeCheck(s)(v, 0), fits(s, v));
  });
});
