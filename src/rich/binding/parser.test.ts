import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TemplateErrorCode } from './errors.ts';
import { compileTemplate } from './index.ts';
import { TemplateError } from './template-error.ts';

function fails(source: string, code: TemplateErrorCode, line?: number, col?: number): void {
  assert.throws(() => compileTemplate(source), (e: unknown) => {
    assert.ok(e instanceof TemplateError, `expected TemplateError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    if (line !== undefined) assert.deepEqual(e.position, { line, col });
    return true;
  });
}

describe('parser: excluded tags are typed compile errors with position', () => {
  for (const tag of ['assign x = 1', 'capture x', 'include "a"', 'render "a"', 'increment n', 'decrement n', 'cycle "a", "b"', 'tablerow x in y', 'layout "a"', 'liquid echo 1', 'echo x', 'case x', 'break', 'continue', 'unknowntag']) {
    it(`{% ${tag} %}`, () => fails(`line one\n  {% ${tag} %}`, 'PORM_TEMPLATE_UNSUPPORTED_TAG', 2, 3));
  }
});

describe('parser: malformed templates', () => {
  const cases: [string, TemplateErrorCode, number, number][] = [
    ['{% if x %}never closed', 'PORM_TEMPLATE_SYNTAX', 1, 1],
    ['{% for x in y %}', 'PORM_TEMPLATE_SYNTAX', 1, 1],
    ['ok\n{% endif %}', 'PORM_TEMPLATE_SYNTAX', 2, 1],
    ['{% if x %}{% endfor %}', 'PORM_TEMPLATE_SYNTAX', 1, 11],
    ['{% if x %}a{% else %}b{% elsif y %}c{% endif %}', 'PORM_TEMPLATE_SYNTAX', 1, 23],
    ['{{ }}', 'PORM_TEMPLATE_SYNTAX', 1, 1],
    ['{{ a | }}', 'PORM_TEMPLATE_SYNTAX', 1, 8],
    ['{{ a b }}', 'PORM_TEMPLATE_SYNTAX', 1, 6],
    ['{{ a == }}', 'PORM_TEMPLATE_SYNTAX', 1, 9],
    ['{{ a.  }}', 'PORM_TEMPLATE_SYNTAX', 1, 8],
    ['{{ a[1 }}', 'PORM_TEMPLATE_SYNTAX', 1, 8],
    ['{{ "unterminated }}', 'PORM_TEMPLATE_SYNTAX', 1, 1],
    ['{{ a ; b }}', 'PORM_TEMPLATE_SYNTAX', 1, 6],
    ['{% for in y %}{% endfor %}', 'PORM_TEMPLATE_SYNTAX', 1, 11],
    ['{% for x of y %}{% endfor %}', 'PORM_TEMPLATE_SYNTAX', 1, 10],
    ['{% for x in y step: 2 %}{% endfor %}', 'PORM_TEMPLATE_SYNTAX', 1, 15],
    ['{% for x in (1..) %}{% endfor %}', 'PORM_TEMPLATE_SYNTAX', 1, 17],
    ['{% if %}x{% endif %}', 'PORM_TEMPLATE_SYNTAX', 1, 7],
    ['{% comment %}open', 'PORM_TEMPLATE_SYNTAX', 1, 1],
    ['{% %}', 'PORM_TEMPLATE_SYNTAX', 1, 1],
    ['{{ a | nope }}', 'PORM_TEMPLATE_UNKNOWN_FILTER', 1, 8],
    ['\n\n   {{ a | upcase | sha256 }}', 'PORM_TEMPLATE_UNKNOWN_FILTER', 3, 20],
    ['{{ a | append }}', 'PORM_TEMPLATE_SYNTAX', 1, 8],
    ['{{ a | upcase: 1 }}', 'PORM_TEMPLATE_SYNTAX', 1, 8],
    ['{{ a | default: 1, bogus: true }}', 'PORM_TEMPLATE_SYNTAX', 1, 8],
  ];
  for (const [source, code, line, col] of cases) {
    it(`${JSON.stringify(source)} → ${code} at ${line}:${col}`, () => fails(source, code, line, col));
  }
});

describe('parser: caps', () => {
  it('rejects block nesting deeper than maxDepth', () => {
    const deep = '{% if a %}'.repeat(40) + '{% endif %}'.repeat(40);
    fails(deep, 'PORM_TEMPLATE_TOO_DEEP');
    assert.equal(compileTemplate(deep, { maxDepth: 64 }).render({ a: true }).text, '');
  });

  it('rejects very deep nesting without a stack overflow', () => {
    fails('{% for x in y %}'.repeat(3000), 'PORM_TEMPLATE_TOO_DEEP');
    fails(`{{ ${'('.repeat(5000)}1..2${')'.repeat(5000)} }}`, 'PORM_TEMPLATE_TOO_DEEP');
    fails(`{{ ${'a['.repeat(5000)}0${']'.repeat(5000)} }}`, 'PORM_TEMPLATE_TOO_DEEP');
    fails(`{% if ${Array.from({ length: 3000 }, () => 'a').join(' or ')} %}{% endif %}`, 'PORM_TEMPLATE_TOO_DEEP');
    fails(`{{ a${' | upcase'.repeat(100)} }}`, 'PORM_TEMPLATE_TOO_DEEP');
  });

  it('rejects templates over the size cap', () => {
    fails('x'.repeat(64 * 1024 + 1), 'PORM_TEMPLATE_TOO_LARGE');
    assert.throws(() => compileTemplate('x'.repeat(11), { maxTemplateLength: 10 }), (e: unknown) => e instanceof TemplateError && e.code === 'PORM_TEMPLATE_TOO_LARGE');
  });
});

describe('parser: accepted syntax', () => {
  for (const source of [
    '{{ a.b[0]["c d"].e | filter_free }}'.replace(' | filter_free', ''),
    '{{ a | default: "x", allow_false: true | upcase }}',
    '{% for x in (1..3) reversed limit: 2, offset: 1 %}{% else %}{% endfor %}',
    '{% if a <> b %}{% endif %}',
    '{% unless a %}{% elsif b %}{% else %}{% endunless %}',
    '{%- comment -%}{% assign x = 1 %}{%- endcomment -%}',
    '{{a|plus:1}}',
  ]) {
    it(JSON.stringify(source), () => assert.doesNotThrow(() => compileTemplate(source)));
  }
});
