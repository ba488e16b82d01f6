import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tokenize } from './lexer.ts';
import { TemplateError } from './template-error.ts';

describe('lexer', () => {
  it('splits text, outputs and tags with offsets', () => {
    const tokens = tokenize('Hi {{ name }}!{% if x %}y{% endif %}');
    assert.deepEqual(tokens.map((t) => t.kind), ['text', 'output', 'text', 'tag', 'text', 'tag']);
    const out = tokens[1]!;
    assert.equal(out.kind === 'output' && out.body, ' name ');
    assert.equal(out.offset, 3);
    const tag = tokens[3]!;
    assert.ok(tag.kind === 'tag' && tag.name === 'if' && tag.args === ' x ');
  });

  it('applies whitespace control greedily on both sides', () => {
    const tokens = tokenize('a \n\t{{- x -}} \n b');
    assert.deepEqual(tokens.filter((t) => t.kind === 'text').map((t) => t.kind === 'text' && t.text), ['a', 'b']);
  });

  it('keeps quoted }} inside an output', () => {
    const tokens = tokenize('{{ "}}" }}z');
    assert.equal(tokens.length, 2);
    assert.ok(tokens[0]!.kind === 'output' && tokens[0]!.body === ' "}}" ');
  });

  it('keeps raw bodies literal and unaffected by markers inside', () => {
    const tokens = tokenize('{% raw %} {{- x -}} {% if %}{% endraw %}');
    const raw = tokens.find((t) => t.kind === 'text');
    assert.ok(raw?.kind === 'text' && raw.text === ' {{- x -}} {% if %}' && raw.raw);
  });

  for (const [source, line, col] of [['ab\ncd {{ x', 2, 4], ['{% if x', 1, 1], ['x\n\n  {% raw %}never closed', 3, 3]] as const) {
    it(`reports unclosed markup in ${JSON.stringify(source)} at ${line}:${col}`, () => {
      assert.throws(() => tokenize(source), (e: unknown) => e instanceof TemplateError && e.code === 'PORM_TEMPLATE_SYNTAX'
        && e.position?.line === line && e.position.col === col);
    });
  }

  it('does not treat a single brace as markup', () => {
    assert.deepEqual(tokenize('{ x } {y}').map((t) => t.kind), ['text']);
  });
});
