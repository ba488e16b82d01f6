import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Variant } from '../format/types.ts';
import { compileDocument } from './index.ts';
import { bindOk, makeDoc, str, valid } from './test-support.ts';
import { bucketOf } from './variants.ts';

const tree = (text: string) => [{ type: 'text' as const, text }];

describe('expand: A/B variants', () => {
  const weights = [20, 30, 50];
  const doc = valid(makeDoc(tree('root'), {}, { variants: weights.map((weight, i): Variant => ({ id: `v${i}`, weight, components: tree(`variant ${i}`) })) }));
  const compiled = compileDocument(doc);

  it('splits 10 000 seeds close to the weights', () => {
    const counts = new Map<string | null, number>();
    for (let i = 0; i < 10_000; i++) {
      const r = compiled.bind({ data: {}, revision: 1, variantSeed: `01J${i.toString(36).padStart(8, '0')}` });
      assert.ok(r.ok);
      counts.set(r.message.variant, (counts.get(r.message.variant) ?? 0) + 1);
    }
    assert.equal(counts.get(null), undefined);
    weights.forEach((w, i) => {
      const share = (counts.get(`v${i}`) ?? 0) / 100;
      assert.ok(Math.abs(share - w) < 2.5, `v${i}: ${share}% for weight ${w}`);
    });
  });

  it('gives the same seed the same variant, with variant pointers as keys', () => {
    for (const seed of ['a', 'msg_123', 'é😀', '']) {
      const a = compiled.bind({ data: {}, revision: 1, variantSeed: seed });
      const b = compileDocument(doc).bind({ data: {}, revision: 2, variantSeed: seed });
      assert.ok(a.ok && b.ok);
      assert.equal(a.message.variant, b.message.variant);
      assert.deepEqual(a.message.components, b.message.components);
      assert.match(a.message.components[0]!.key, /^\/variants\/[0-2]\/components\/0$/);
    }
  });

  it('buckets are uniform over 0..99', () => {
    const seen = new Array<number>(100).fill(0);
    for (let i = 0; i < 100_000; i++) seen[bucketOf(`m${i}`)]!++;
    assert.ok(Math.min(...seen) > 850 && Math.max(...seen) < 1150, `${Math.min(...seen)}..${Math.max(...seen)}`);
  });

  it('a weighted variant with a rule that fails shows the root', () => {
    const d = makeDoc(tree('root'), {}, { variants: [{ id: 'only', weight: 100, when: { gt: { path: 'history.clicks', value: 1 } }, components: tree('x') }] });
    assert.equal(bindOk(d, {}).message.variant, null);
    assert.equal(bindOk(d, {}, { history: { clicks: 2 } }).message.variant, 'only');
  });
});

describe('expand: rule variants', () => {
  const doc = valid(makeDoc(tree('root {{ tier }}'), { tier: str('gold', 'default', { default: 'none' }), n: { type: 'number', example: 1, missing: 'default', default: 0 } }, { variants: [
    { id: 'big', when: { gt: { path: 'n', value: 100 } }, components: tree('big') },
    { id: 'gold', when: { eq: { path: 'tier', value: 'gold' } }, components: tree('gold {{ tier }}') },
    { id: 'active', when: { gt: { path: 'history.messages_received', value: 10 } }, components: tree('active') },
  ] }));

  it('picks the first variant whose rule holds, else the root', () => {
    assert.equal(bindOk(doc, { tier: 'gold', n: 500 }).message.variant, 'big');
    const gold = bindOk(doc, { tier: 'gold', n: 5 }).message;
    assert.equal(gold.variant, 'gold');
    assert.deepEqual(gold.components, [{ key: '/variants/1/components/0', type: 'text', runs: [{ text: 'gold gold', bold: false, italic: false, link: null }], size: 'body', align: 'start' }]);
    assert.equal(bindOk(doc, {}, { history: { messages_received: 11 } }).message.variant, 'active');
    const root = bindOk(doc, {}).message;
    assert.deepEqual([root.variant, root.components[0]!.key], [null, '/components/0']);
  });

  it('evaluates rules on data after defaults', () => {
    const d = makeDoc(tree('root'), { n: { type: 'number', example: 1, missing: 'default', default: 500 } }, { variants: [{ id: 'big', when: { gt: { path: 'n', value: 100 } }, components: tree('big') }] });
    assert.equal(bindOk(d, {}).message.variant, 'big');
    assert.equal(bindOk(d, { n: 'not a number' }).message.variant, 'big');
  });
});
