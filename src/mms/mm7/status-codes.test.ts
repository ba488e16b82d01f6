import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mm7Errors } from './errors.ts';
import { MM7_STATUS_CODES, classifyMm7Status, standardStatusText } from './status-codes.ts';

test('every standard MM7 status code maps to an outcome and a registered porm error code', () => {
  const expected: Record<number, string> = {
    1000: 'success', 1100: 'success',
    2000: 'permanent', 2001: 'permanent', 2002: 'permanent', 2003: 'permanent', 2004: 'permanent', 2005: 'permanent', 2006: 'permanent', 2007: 'permanent', 2008: 'permanent', 2009: 'permanent',
    3000: 'transient', 3001: 'permanent', 3002: 'permanent', 3003: 'permanent', 3004: 'permanent',
    4000: 'transient', 4001: 'permanent', 4002: 'permanent', 4003: 'permanent', 4004: 'permanent', 4005: 'transient', 4006: 'throttled', 4007: 'permanent', 4008: 'permanent',
  };
  assert.deepEqual(MM7_STATUS_CODES, Object.keys(expected).map(Number));
  const seen = new Set<string>();
  for (const code of MM7_STATUS_CODES) {
    const info = classifyMm7Status(code);
    assert.equal(info.outcome, expected[code], String(code));
    if (code === 1000) assert.equal(info.errorCode, null);
    else {
      assert.ok(info.errorCode !== null && info.errorCode in mm7Errors, String(code));
      assert.ok(!seen.has(info.errorCode), `${info.errorCode} used twice`);
      seen.add(info.errorCode);
    }
    assert.ok(info.text.length > 0);
  }
  assert.equal(classifyMm7Status(2002).errorCode, 'PORM_MM7_ADDRESS_ERROR');
  assert.equal(standardStatusText(4002), 'Unsupported version');
});

test('unknown codes fall back to their class; overrides win', () => {
  assert.deepEqual(classifyMm7Status(1001), { code: 1001, text: 'Success', outcome: 'success', errorCode: null });
  assert.equal(classifyMm7Status(2300).errorCode, 'PORM_MM7_CLIENT_ERROR');
  assert.equal(classifyMm7Status(3100).outcome, 'transient');
  assert.equal(classifyMm7Status(4999).errorCode, 'PORM_MM7_GENERAL_SERVICE_ERROR');
  assert.deepEqual(classifyMm7Status(999), { code: 999, text: 'Unknown status', outcome: 'permanent', errorCode: 'PORM_MM7_UNKNOWN_STATUS' });
  assert.equal(classifyMm7Status(3100, { 3100: { outcome: 'throttled' } }).outcome, 'throttled');
  assert.equal(classifyMm7Status(3100, { 3100: { outcome: 'throttled' } }).errorCode, 'PORM_MM7_SERVER_ERROR');
});

test('every registered code has a PORM_MM7_ name, an HTTP status and a description', () => {
  for (const [code, def] of Object.entries(mm7Errors)) {
    assert.match(code, /^PORM_MM7_[A-Z0-9_]+$/);
    assert.ok(def.status >= 200 && def.status < 600);
    assert.ok(def.title.length > 0 && def.description.length > 20, code);
  }
});
