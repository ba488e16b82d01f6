import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatRemaining, parseInstant } from './index.ts';

const NOW = Date.UTC(2026, 2, 1, 9, 0, 0);
const at = (ms: number) => new Date(NOW + ms).toISOString();
const MIN = 60_000;
const H = 60 * MIN;

describe('formatRemaining', () => {
  it('formats days+hours, hours+minutes, minutes', () => {
    assert.equal(formatRemaining(at(2 * 24 * H + 4 * H + 30 * MIN), NOW), '2 d 4 h');
    assert.equal(formatRemaining(at(3 * H + 5 * MIN), NOW), '3 h 5 min');
    assert.equal(formatRemaining(at(4 * MIN), NOW), '4 min');
  });

  it('drops zero parts and rounds minutes up', () => {
    assert.equal(formatRemaining(at(24 * H), NOW), '1 d');
    assert.equal(formatRemaining(at(2 * H), NOW), '2 h');
    assert.equal(formatRemaining(at(30_000), NOW), '1 min');
    assert.equal(formatRemaining(at(59 * MIN + 1), NOW), '1 h');
  });

  it('is null when passed, at the instant, or unreadable', () => {
    assert.equal(formatRemaining(at(0), NOW), null);
    assert.equal(formatRemaining(at(-MIN), NOW), null);
    for (const bad of ['', 'tomorrow', 'Tue Mar 03 2026', '2026-13-01', '2026-02-30', '2026-03-01T25:00Z', '2026-03-01T10:00+25:00', 'x'.repeat(10_000)]) {
      assert.equal(formatRemaining(bad, NOW), null, bad);
    }
    assert.equal(formatRemaining(at(H), Number.NaN), null);
  });
});

describe('parseInstant', () => {
  it('reads offsets and treats a missing offset as UTC (same result on every device)', () => {
    assert.equal(parseInstant('2026-03-01T10:00:00+01:00'), NOW);
    assert.equal(parseInstant('2026-03-01T04:00-0500'), NOW);
    assert.equal(parseInstant('2026-03-01T09:00:00'), NOW);
    assert.equal(parseInstant('2026-03-01T09:00:00.000Z'), NOW);
    assert.equal(parseInstant('2026-03-01'), Date.UTC(2026, 2, 1));
  });

  it('keeps years below 100 as written', () => {
    assert.equal(new Date(parseInstant('0050-01-01T00:00:00Z')!).getUTCFullYear(), 50);
  });
});
