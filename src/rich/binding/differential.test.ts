import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Liquid } from 'liquidjs';
import { DATA_SETS, TEMPLATES } from './differential-corpus.ts';
import { compileTemplate } from './index.ts';

// porm's output must equal LiquidJS's for every supported construct. LiquidJS is the oracle only
// here, in tests; porm's engine never imports it. Dates are compared in UTC.
const oracle = new Liquid({ strictFilters: true, timezoneOffset: 0 });

describe('differential: hand-written corpus vs LiquidJS', () => {
  it('has 100+ templates covering the supported subset', () => {
    assert.ok(TEMPLATES.length >= 100, `only ${TEMPLATES.length} templates`);
  });

  TEMPLATES.forEach((template, t) => {
    it(`template #${t}: ${JSON.stringify(template).slice(0, 70)}`, () => {
      const compiled = compileTemplate(template);
      DATA_SETS.forEach((data, d) => {
        const expected = oracle.parseAndRenderSync(template, data) as string;
        const actual = compiled.render(data).text;
        assert.equal(actual, expected, `data set #${d}`);
      });
    });
  });
});
