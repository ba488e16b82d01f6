import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Liquid } from 'liquidjs';
import { compileTemplate } from './index.ts';

// Random templates from a grammar of porm's supported subset, random JSON data, and one
// assertion: porm's output === LiquidJS's. Seeds are fixed so a failure replays exactly.
const oracle = new Liquid({ strictFilters: true, timezoneOffset: 0 });

const KEYS = ['a', 'b', 'c', 'list', 's', 'n'] as const;
const CHARS = ['a', 'b', 'B', ' ', ',', '-', '1', '0', '<', '&', 'é', '\n', 'x'];
const text = fc.array(fc.constantFrom(...CHARS), { maxLength: 6 }).map((cs) => cs.join(''));

const scalar = fc.oneof(
  text,
  fc.constantFrom('2024-02-29T13:05:09Z', '1999-12-31', '1700000000', 'now x', '2021-06-01T08:30:00+02:00'),
  fc.integer({ min: -2e9, max: 4e9 }),
  fc.integer({ min: -20, max: 20 }),
  fc.double({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true }).map((d) => Math.round(d * 100) / 100),
  fc.boolean(),
  fc.constant(null),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4, noNullPrototype: true }),
})).value;
const data = fc.dictionary(fc.constantFrom(...KEYS), json, { maxKeys: 6, noNullPrototype: true });

// Literal strings never contain quotes or delimiters so both engines tokenize them the same.
const strLit = text.filter((s) => !s.includes('\n')).map((s) => `"${s}"`);
const numLit = fc.oneof(fc.integer({ min: -5, max: 12 }).map(String), fc.constantFrom('1.5', '-0.5', '2.25'));
const literal = fc.oneof(strLit, numLit, fc.constantFrom('true', 'false', 'nil', 'empty', 'blank'));

function pathArb(roots: readonly string[]): fc.Arbitrary<string> {
  const step = fc.oneof(
    fc.constantFrom(...KEYS).map((k) => `.${k}`),
    fc.integer({ min: -2, max: 3 }).map((i) => `[${i}]`),
    fc.constantFrom('.first', '.last', '.size', '["a"]'),
  );
  return fc.tuple(fc.constantFrom(...roots), fc.array(step, { maxLength: 2 })).map(([r, s]) => r + s.join(''));
}

function operandArb(roots: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof({ weight: 3, arbitrary: pathArb(roots) }, { weight: 2, arbitrary: literal });
}

function filterArb(roots: readonly string[]): fc.Arbitrary<string> {
  const v = operandArb(roots);
  const small = fc.integer({ min: -3, max: 8 }).map(String);
  const key = fc.constantFrom(...KEYS).map((k) => `"${k}"`);
  return fc.oneof(
    fc.constantFrom('upcase', 'downcase', 'capitalize', 'strip', 'lstrip', 'rstrip', 'first', 'last', 'size',
      'abs', 'ceil', 'floor', 'round', 'reverse', 'sort', 'uniq', 'compact', 'escape', 'escape_once',
      'url_encode', 'strip_html', 'newline_to_br', 'json', 'join', 'truncate', 'truncatewords'),
    fc.tuple(fc.constantFrom('default', 'append', 'prepend', 'remove', 'remove_first', 'split', 'join', 'plus', 'minus',
      'times', 'modulo', 'divided_by', 'at_least', 'at_most', 'round', 'strip'), v).map(([f, a]) => `${f}: ${a}`),
    fc.tuple(fc.constantFrom('replace', 'replace_first'), v, v).map(([f, a, b]) => `${f}: ${a}, ${b}`),
    fc.tuple(fc.constantFrom('truncate', 'truncatewords', 'slice'), small, fc.option(strLit, { nil: undefined }))
      .map(([f, n, o]) => (f === 'slice' ? `slice: ${n}, ${Math.abs(Number(n))}` : o === undefined ? `${f}: ${n}` : `${f}: ${n}, ${o}`)),
    fc.tuple(fc.constantFrom('map', 'sort', 'where'), key).map(([f, k]) => `${f}: ${k}`),
    fc.tuple(key, v).map(([k, x]) => `where: ${k}, ${x}`),
    v.map((x) => `default: ${x}, allow_false: true`),
    fc.constantFrom('%Y-%m-%d %H:%M:%S', '%b %e %a %A %B %j %y', '%I:%M %p %-d/%-m %z', '%s %u %w %U %W %q %%').map((f) => `date: "${f}"`),
  );
}

const dash = fc.constantFrom('', '', '-');

function outputArb(roots: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(dash, operandArb(roots), fc.array(filterArb(roots), { maxLength: 3 }), dash)
    .map(([l, o, fs, r]) => `{{${l} ${[o, ...fs].join(' | ')} ${r}}}`);
}

function conditionArb(roots: readonly string[]): fc.Arbitrary<string> {
  const cmp = fc.tuple(operandArb(roots), fc.constantFrom('==', '!=', '<', '>', '<=', '>=', 'contains'), operandArb(roots))
    .map(([a, op, b]) => `${a} ${op} ${b}`);
  const atom = fc.oneof(operandArb(roots), cmp);
  return fc.tuple(atom, fc.array(fc.tuple(fc.constantFrom('and', 'or'), atom), { maxLength: 3 }))
    .map(([first, rest]) => [first, ...rest.flat()].join(' '));
}

function tag(l: string, body: string, r: string): string {
  return `{%${l} ${body} ${r}%}`;
}

function blockArb(roots: readonly string[], depth: number): fc.Arbitrary<string> {
  const leaf = fc.oneof({ weight: 3, arbitrary: outputArb(roots) }, { weight: 2, arbitrary: text },
    text.map((t) => `{% comment %}${t}{{ x }}{% endcomment %}`), text.map((t) => `{% raw %}{{${t}}}{% endraw %}`));
  if (depth >= 3) return leaf;
  const body = (r: readonly string[]): fc.Arbitrary<string> =>
    fc.array(blockArb(r, depth + 1), { maxLength: 3 }).map((xs) => xs.join(''));
  const ifArb = fc.tuple(fc.constantFrom('if', 'unless'), conditionArb(roots), body(roots), fc.array(fc.tuple(conditionArb(roots), body(roots)), { maxLength: 2 }), fc.option(body(roots)), dash, dash)
    .map(([kind, c, b, elsifs, otherwise, l, r]) => tag(l, `${kind} ${c}`, r) + b
      + (kind === 'if' ? elsifs.map(([ec, eb]) => tag('', `elsif ${ec}`, r) + eb).join('') : '')
      + (otherwise === null ? '' : tag(l, 'else', '') + otherwise) + tag(l, `end${kind}`, r));
  const loopRoots = [...roots, 'item', 'forloop.index', 'forloop.index0', 'forloop.first', 'forloop.last', 'forloop.length'];
  const collection = fc.oneof(pathArb(roots), fc.tuple(fc.integer({ min: -1, max: 3 }), fc.integer({ min: -1, max: 5 })).map(([a, b]) => `(${a}..${b})`));
  const mods = fc.tuple(fc.option(fc.integer({ min: 0, max: 4 })), fc.option(fc.integer({ min: 0, max: 3 })), fc.boolean())
    .map(([lim, off, rev]) => [lim === null ? '' : `limit: ${lim}`, off === null ? '' : `offset: ${off}`, rev ? 'reversed' : ''].filter(Boolean).join(' '));
  const forArb = fc.tuple(collection, mods, body(loopRoots), fc.option(body(roots)), dash, dash)
    .map(([c, m, b, otherwise, l, r]) => tag(l, `for item in ${c} ${m}`, r) + b + (otherwise === null ? '' : tag('', 'else', r) + otherwise) + tag(l, 'endfor', r));
  return fc.oneof({ weight: 4, arbitrary: leaf }, { weight: 2, arbitrary: ifArb }, { weight: 1, arbitrary: forArb });
}

const template = fc.array(blockArb(KEYS, 0), { minLength: 1, maxLength: 4 }).map((xs) => xs.join(''));

// Deliberate difference: LiquidJS prints its internal drop objects for `nil | json` as "{}";
// porm prints JSON for the value (null, ""). Outputs mixing json with those literals are skipped.
const JSON_OF_SPECIAL = /\{\{[^}]*\b(nil|empty|blank)\b[^}]*\bjson\b[^}]*\}\}/;

function same(t: string, d: Record<string, unknown>): void {
  fc.pre(!JSON_OF_SPECIAL.test(t));
  const expected = oracle.parseAndRenderSync(t, d) as string;
  const actual = compileTemplate(t).render(d).text;
  assert.equal(actual, expected, `template: ${t}\ndata: ${JSON.stringify(d)}`);
}

export const PROPERTY_RUNS = 4000;

describe('differential: generated templates vs LiquidJS', () => {
  it(`${PROPERTY_RUNS} random templates × random data render identically`, () => {
    fc.assert(fc.property(template, data, (t, d) => same(t, d)), { numRuns: PROPERTY_RUNS, seed: 20261122 });
  });

  it(`${PROPERTY_RUNS} random outputs with filter chains render identically`, () => {
    fc.assert(fc.property(fc.array(outputArb(KEYS), { minLength: 1, maxLength: 3 }).map((xs) => xs.join('|')), data, (t, d) => same(t, d)),
      { numRuns: PROPERTY_RUNS, seed: 7 });
  });
});
