import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderErrorDocs } from './error-docs.ts';
import { errorRegistry } from './errors.ts';

test('docs/errors.md matches the error registry (regenerate with scripts/gen-error-docs.ts)', () => {
  assert.equal(readFileSync('docs/errors.md', 'utf8'), renderErrorDocs());
});

test('every error code is well formed and has a 4xx/5xx status', () => {
  for (const [code, def] of Object.entries(errorRegistry)) {
    assert.match(code, /^PORM_[A-Z0-9_]+$/);
    assert.ok(def.status >= 400 && def.status < 600, code);
    assert.ok(def.description.length > 10, code);
  }
});
