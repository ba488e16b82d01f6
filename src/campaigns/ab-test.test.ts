import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PormError } from '../errors.ts';
import { chooseWinner, inTestGroup, parseAbTest, variantFor, type AbTest, type Variant } from './ab-test.ts';

const v = (name: string, weight = 1): Variant => ({ name, body: `Hi from ${name}`, weight, mediaIds: [] });

describe('A/B test: sampling, rotation, winner', () => {
  test('exactly round(n × percent / 100) of the first n audience contacts are in the test group, for every n', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 3000 }), (percent, n) => {
      let inGroup = 0;
      for (let i = 0; i < n; i++) if (inTestGroup(i, percent)) inGroup++;
      assert.equal(inGroup, Math.floor((n * percent) / 100 + 0.5));
    }));
    assert.ok(Array.from({ length: 50 }, (_, i) => i).every((i) => inTestGroup(i, 100)), '100%: everyone');
  });

  test('test recipients get the variants in proportion to their weights in every full cycle, interleaved', () => {
    const variants = [v('A', 3), v('B', 1), v('C', 1)];
    const first = Array.from({ length: 10 }, (_, i) => variantFor(i, variants).name);
    assert.deepEqual(first.filter((n) => n === 'A').length, 6);
    assert.deepEqual(first.filter((n) => n === 'B').length, 2);
    assert.notDeepEqual(first.slice(0, 3), ['A', 'A', 'A'], 'not one variant\'s whole share first');
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 2, maxLength: 5 }), (weights) => {
      const vs = weights.map((w, i) => v(`V${i}`, w));
      const total = weights.reduce((a, b) => a + b, 0);
      const counts = new Map<string, number>();
      for (let i = 0; i < total; i++) counts.set(variantFor(i, vs).name, (counts.get(variantFor(i, vs).name) ?? 0) + 1);
      weights.forEach((w, i) => assert.equal(counts.get(`V${i}`) ?? 0, w));
    }));
  });

  test('the winner has the best rate; a tie goes to the heavier variant, then the first listed', () => {
    const test2: AbTest = { variants: [v('A', 1), v('B', 2), v('C', 2)], testPercent: 20, metric: 'clicks', windowMinutes: 60 };
    const r = (name: string, successes: number, recipients: number) => ({ name, recipients, successes, rate: successes / recipients });
    assert.equal(chooseWinner(test2, [r('A', 3, 10), r('B', 1, 10), r('C', 2, 10)]), 'A');
    assert.equal(chooseWinner(test2, [r('A', 0, 10), r('B', 0, 10), r('C', 0, 10)]), 'B');
    assert.equal(chooseWinner(test2, [r('A', 1, 10), r('B', 1, 10), r('C', 1, 10)]), 'B');
  });

  test('bad input: every problem with its pointer and one code; nothing odd is taken', () => {
    const problems = (input: unknown): string[] => {
      try {
        parseAbTest(input);
        return [];
      } catch (err) {
        assert.ok(err instanceof PormError);
        assert.equal(err.code, 'PORM_CAMPAIGN_AB_INVALID');
        return err.fields.map((f) => f.field);
      }
    };
    assert.deepEqual(problems({ variants: [{ name: 'A', body: 'x' }] }), ['/ab_test/variants']);
    assert.deepEqual(problems({ variants: [{ name: 'A', body: 'x' }, { name: 'a', body: 'y' }] }), ['/ab_test/variants/1/name']);
    assert.deepEqual(problems({ variants: [{ name: 'A', body: 'x', weight: 0 }, { name: 'B', body: 'Hi {{ contact.name ' }] }), ['/ab_test/variants/0/weight', '/ab_test/variants/1/body']);
    assert.deepEqual(problems({ variants: [{ name: 'A', body: 'x' }, { name: 'B', body: 'y' }], test_percent: 0, window_minutes: 2, metric: 'opens' }), ['/ab_test/test_percent', '/ab_test/window_minutes', '/ab_test/metric']);
    assert.deepEqual(problems('A and B'), ['/ab_test', '/ab_test/variants']);
    assert.deepEqual(problems({ variants: [null, 7] }), ['/ab_test/variants/0/name', '/ab_test/variants/0/body', '/ab_test/variants/1/name', '/ab_test/variants/1/body']);
    assert.deepEqual(problems({ variants: [{ name: 'A', body: 'x', media_ids: 'med_1' }, { name: 'B', body: 'y' }] }), ['/ab_test/variants/0/media_ids']);
    const ok = parseAbTest({ variants: [{ name: 'Short', body: 'x' }, { name: 'Long', body: 'y', weight: 3 }] });
    assert.deepEqual([ok.testPercent, ok.metric, ok.windowMinutes, ok.variants.map((x) => x.weight)], [20, 'clicks', 240, [1, 3]]);
  });
});
