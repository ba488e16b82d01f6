import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isPormError } from '../../errors.ts';
import { MAX_RELATIVE_SECONDS, formatAbsoluteTime, formatRelativeTime, parseSmppTime, smppTimeDeadline } from './smpp-time.ts';

// SMPP 3.4 §7.1.1 time fields: byte-exact examples, round trips, and malformed input.

test('relative times: days, hours, minutes, seconds in YYMMDDhhmmss000R', () => {
  assert.equal(formatRelativeTime(1), '000000000001000R');
  assert.equal(formatRelativeTime(3600), '000000010000000R');
  assert.equal(formatRelativeTime(2 * 86_400 + 3 * 3600 + 4 * 60 + 5), '000002030405000R');
  assert.equal(formatRelativeTime(MAX_RELATIVE_SECONDS), '000031000000000R');
  for (const bad of [0, -1, 1.5, MAX_RELATIVE_SECONDS + 1, Number.NaN]) assert.throws(() => formatRelativeTime(bad), RangeError);
  assert.deepEqual(parseSmppTime('000002030405000R'), { kind: 'relative', seconds: 2 * 86_400 + 3 * 3600 + 4 * 60 + 5 });
  // Years and months as an SMSC counts them: 365 and 30 days.
  assert.deepEqual(parseSmppTime('010100000000000R'), { kind: 'relative', seconds: 395 * 86_400 });
});

test('absolute times: UTC with tenths, quarter-hour offsets both ways', () => {
  const at = Date.UTC(2026, 11, 2, 17, 30, 5, 700);
  assert.equal(formatAbsoluteTime(at), '261202173005700+');
  assert.deepEqual(parseSmppTime('261202173005700+'), { kind: 'absolute', at });
  // 18:30:05.7 at UTC+1 (4 quarter hours ahead) and 13:30:05.7 at UTC-4 are the same instant.
  assert.deepEqual(parseSmppTime('261202183005704+'), { kind: 'absolute', at });
  assert.deepEqual(parseSmppTime('261202133005716-'), { kind: 'absolute', at });
  assert.equal(parseSmppTime(''), null, 'empty: the SMSC default');
  assert.throws(() => formatAbsoluteTime(Date.UTC(2100, 0, 1)), RangeError);
});

test('deadline: relative from when the SMSC took it, absolute as written', () => {
  assert.equal(smppTimeDeadline({ kind: 'relative', seconds: 2 }, 1_000), 3_000);
  assert.equal(smppTimeDeadline({ kind: 'absolute', at: 42 }, 1_000), 42);
});

test('malformed time fields are PORM_SMPP_TIME_INVALID', () => {
  for (const bad of [
    '2612021730057', '261202173005700', '261202173005700*', '261302173005700+', '261200173005700+', '260230173005700+',
    '261202243005700+', '261202176005700+', '261202173060700+', '261202173005749+', 'aa1202173005700+', '261202173005700+x',
    '26120217300570\u0000+', ' 61202173005700+', '-61202173005700+',
  ]) {
    assert.throws(() => parseSmppTime(bad), (err: unknown) => isPormError(err) && err.code === 'PORM_SMPP_TIME_INVALID', bad);
  }
});

test('round trips, and no input crashes the parser with anything but its code', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: MAX_RELATIVE_SECONDS }), (s) => {
    const parsed = parseSmppTime(formatRelativeTime(s));
    return parsed?.kind === 'relative' && parsed.seconds === s;
  }));
  fc.assert(fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31, 23, 59, 59) }), (ms) => {
    const parsed = parseSmppTime(formatAbsoluteTime(ms));
    return parsed?.kind === 'absolute' && parsed.at === ms - (ms % 100);
  }));
  fc.assert(fc.property(fc.string({ maxLength: 20 }), (text) => {
    try {
      parseSmppTime(text);
      return true;
    } catch (err) {
      return isPormError(err) && err.code === 'PORM_SMPP_TIME_INVALID';
    }
  }), { numRuns: 5_000 });
});
