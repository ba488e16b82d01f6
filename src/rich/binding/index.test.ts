import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { templateErrors } from './errors.ts';
import { compileTemplate, isTemplateError } from './index.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('binding engine module', () => {
  it('never imports LiquidJS outside tests (it is the oracle, not the engine)', () => {
    const offenders = sourceFiles(import.meta.dirname).filter((f) => /from ['"]liquidjs['"]|import\(['"]liquidjs/.test(readFileSync(f, 'utf8')));
    assert.deepEqual(offenders, []);
  });

  it('declares only PORM_TEMPLATE_ codes', () => {
    for (const code of Object.keys(templateErrors)) assert.match(code, /^PORM_TEMPLATE_[A-Z_]+$/);
  });

  it('compiles once and renders many times with independent state', () => {
    const t = compileTemplate('{% for i in list %}{{ i }}{% endfor %}{{ who }}');
    assert.deepEqual(t.render({ list: [1, 2] }), { text: '12', missing: ['who'] });
    assert.deepEqual(t.render({ list: [], who: 'x' }), { text: 'x', missing: [] });
    assert.ok(Object.isFrozen(t));
  });

  it('accepts any data root without crashing', () => {
    const t = compileTemplate('[{{ a }}{{ size }}]');
    for (const data of [null, undefined, 5, 'str', [1, 2], true, Object.create(null) as unknown, () => 1]) {
      assert.doesNotThrow(() => t.render(data), typeof data);
    }
    assert.ok(isTemplateError((() => { try { compileTemplate('{{'); } catch (e) { return e; } return null; })()));
  });
});
