import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSenderNumber } from './number-format.ts';

test('valid numbers are normalised to one canonical text per kind', () => {
  const cases: Array<[string, string, string]> = [
    ['+14155550100', '+14155550100', 'e164'],
    ['+1 (415) 555-0100', '+14155550100', 'e164'],
    [' +44 20 7946 0958 ', '+442079460958', 'e164'],
    ['+12345678', '+12345678', 'e164'],
    ['+123456789012345', '+123456789012345', 'e164'],
    ['123', '123', 'short_code'],
    ['12345678', '12345678', 'short_code'],
    ['ACME', 'ACME', 'alphanumeric'],
    ['Acme  Shop', 'Acme Shop', 'alphanumeric'],
    ['2FA', '2FA', 'alphanumeric'],
    ['A', 'A', 'alphanumeric'],
    ['ABCDEFGHIJK', 'ABCDEFGHIJK', 'alphanumeric'],
  ];
  for (const [raw, number, kind] of cases) assert.deepEqual(parseSenderNumber(raw), { ok: true, number, kind }, raw);
});

test('anything else is PORM_INVALID_NUMBER', () => {
  const bad = ['', '   ', '+', '+1234567', '+1234567890123456', '+0123456789', '++14155550100', '+1415555010a', '12', '123456789',
    '4155550100', 'ABCDEFGHIJKL', 'ACME!', 'ÄCME', '😀', 'a\u0000b', 'a\nb', 'x'.repeat(65), '12 34', '+1 415 555 0100 ext 2'];
  for (const raw of bad) {
    const parsed = parseSenderNumber(raw);
    assert.equal(parsed.ok, false, JSON.stringify(raw));
    if (!parsed.ok) assert.equal(parsed.code, 'PORM_INVALID_NUMBER');
  }
});
