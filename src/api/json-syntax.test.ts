import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findJsonSyntaxError } from './json-syntax.ts';

test('valid JSON has no syntax error', () => {
  for (const text of ['{}', '[]', ' {"a": [1, -2.5e3, "x\\n\\u00e9", true, false, null, {}]} ', '"s"', '0', '[[[[]]]]']) {
    assert.equal(findJsonSyntaxError(text), null, text);
    JSON.parse(text);
  }
});

test('the first error is found with its line, column and offset', () => {
  const cases: Array<[string, number, number, number]> = [
    ['{"to": "+1",\n "x": }', 2, 7, 19],
    ['{"a": 1,}', 1, 9, 8],
    ["{'a': 1}", 1, 2, 1],
    ['{"a" 1}', 1, 6, 5],
    ['[1 2]', 1, 4, 3],
    ['{"a": tru}', 1, 7, 6],
    ['{"a": "x\ty"}', 1, 9, 8],
    ['{"a": 1', 1, 8, 7],
    ['{"a": 1}}', 1, 9, 8],
    ['', 1, 1, 0],
    ['{"a": "\\x"}', 1, 8, 7],
  ];
  for (const [text, line, column, offset] of cases) {
    assert.throws(() => JSON.parse(text), SyntaxError, text);
    const err = findJsonSyntaxError(text);
    assert.ok(err, text);
    assert.deepEqual([err.line, err.column, err.offset], [line, column, offset], `${JSON.stringify(text)}: ${err.problem}`);
  }
});

test('deep nesting does not overflow the stack', () => {
  assert.equal(findJsonSyntaxError('['.repeat(200_000) + ']'.repeat(200_000)), null);
  assert.equal(findJsonSyntaxError('['.repeat(200_000))?.offset, 200_000);
});
