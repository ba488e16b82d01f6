import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Liquid } from 'liquidjs';
import { TEMPLATES } from './differential-corpus.ts';
import { FILTERS, compileTemplate } from './index.ts';
import { PORM_ONLY_FILTERS } from './filters/index.ts';

const oracle = new Liquid({ strictFilters: true, timezoneOffset: 0 });

function render(source: string, data: Record<string, unknown> = {}): string {
  return compileTemplate(source).render(data, { now: () => Date.UTC(2025, 0, 2, 3, 4, 5) }).text;
}

describe('filters', () => {
  it('the differential corpus exercises every filter in the closed set', () => {
    const corpus = TEMPLATES.join('\n');
    const unused = [...FILTERS.keys()].filter((name) => !PORM_ONLY_FILTERS.includes(name)).filter((name) => !new RegExp(`\\|\\s*${name}\\b`).test(corpus));
    assert.deepEqual(unused, []);
  });

  it('has exactly the documented filter set', () => {
    assert.deepEqual([...FILTERS.keys()].sort(), [
      'abs', 'append', 'at_least', 'at_most', 'capitalize', 'ceil', 'compact', 'date', 'default', 'divided_by', 'downcase',
      'escape', 'escape_once', 'first', 'floor', 'join', 'json', 'last', 'lstrip', 'map', 'minus', 'modulo', 'money', 'newline_to_br',
      'plus', 'prepend', 'remove', 'remove_first', 'replace', 'replace_first', 'reverse', 'round', 'rstrip', 'size', 'slice',
      'sort', 'split', 'strip', 'strip_html', 'times', 'truncate', 'truncatewords', 'uniq', 'upcase', 'url_encode', 'where',
    ]);
  });

  describe('money (porm only)', () => {
    it('formats a price in the given currency and locale', () => {
      assert.equal(render('{{ p | money: "EUR", "fr-FR" }}', { p: 1234.5 }), '1\u202f234,50\u00a0€');
      assert.equal(render('{{ p | money: "USD" }}', { p: 19.9 }), '$19.90');
      assert.equal(render('{{ p | money: "JPY", "ja-JP" }}', { p: '1500' }), '￥1,500');
    });

    it('passes through what it cannot format, never throwing', () => {
      assert.equal(render('{{ p | money: "EUR" }}', { p: 'free' }), 'free');
      assert.equal(render('{{ p | money: "E;R", "fr" }}', { p: 5 }), '5');
      assert.equal(render('{{ p | money: "EUR", "not a locale!" }}', { p: 5 }), '5');
      assert.equal(render('{{ p | money: "XYZ" }}', { p: 5 }).length > 0, true);
      assert.equal(render('{{ nothing | money: "EUR" }}'), '');
    });
  });

  describe('date', () => {
    it('uses the injected clock for now/today', () => {
      assert.equal(render('{{ "now" | date: "%Y-%m-%d %H:%M:%S" }}|{{ "today" | date: "%d" }}'), '2025-01-02 03:04:05|02');
    });

    it('reads zoneless strings as UTC and honours explicit offsets', () => {
      assert.equal(render('{{ "2024-05-06 07:08" | date: "%H:%M" }}|{{ "2024-05-06T07:08:00+02:00" | date: "%H:%M" }}'), '07:08|05:08');
    });

    for (const [zone, ts] of [['America/New_York', 1700000000], ['Asia/Kolkata', 1720000000], ['Europe/London', 1690000000], ['Australia/Adelaide', 1700000000]] as const) {
      it(`matches LiquidJS in ${zone}`, () => {
        const t = `{{ ts | date: "%Y-%m-%d %H:%M %z %:z", "${zone}" }}`;
        assert.equal(render(t, { ts }), oracle.parseAndRenderSync(t, { ts }));
      });
    }

    it('leaves non-dates and unusable zones as they are', () => {
      assert.equal(render('{{ "soon" | date: "%Y" }}|{{ 0 | date: "%Y", "Mars/Base" }}|{{ x | date: "%Y" }}'), 'soon|0|');
    });

    it('keeps unsupported conversions literally instead of using the server locale', () => {
      assert.equal(render('{{ 0 | date: "%c|%x|%X|%Z|%Y" }}'), '%c|%x|%X|%Z|1970');
    });
  });

  it('json takes an indent and never runs toJSON', () => {
    assert.equal(render('{{ o | json: 2 }}', { o: { a: [1] } }), '{\n  "a": [\n    1\n  ]\n}');
    assert.equal(render('{{ o | json }}', { o: { toJSON: () => 'ran', v: 1 } }), '{"v":1}');
  });

  it('default honours allow_false only when truthy', () => {
    assert.equal(render('{{ f | default: "d", allow_false: false }}|{{ f | default: "d", allow_false: true }}', { f: false }), 'd|false');
  });
});
