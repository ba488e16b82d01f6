// Segment counts against Twilio's own calculator (sms-segments-calculator, a devDependency),
// the figure Twilio reports as num_segments.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SegmentedMessage } from 'sms-segments-calculator';
import { countSegments, planSms } from './index.ts';

const twilio = (text: string): { encoding: 'gsm7' | 'ucs2'; segments: number } => {
  const m = new SegmentedMessage(text, 'auto');
  return { encoding: m.encodingName === 'GSM-7' ? 'gsm7' : 'ucs2', segments: m.segmentsCount };
};

describe('segment counts agree with Twilio', () => {
  it('at the documented boundaries', () => {
    const cases = [
      '', 'a'.repeat(160), 'a'.repeat(161), 'a'.repeat(306), 'a'.repeat(307), 'a'.repeat(459), 'a'.repeat(460),
      '€'.repeat(80), '€'.repeat(81), 'Ж'.repeat(70), 'Ж'.repeat(71), 'Ж'.repeat(134), 'Ж'.repeat(135),
      '😀'.repeat(35), '😀'.repeat(36), 'a'.repeat(152) + '€', 'a'.repeat(153) + '€', 'Ж'.repeat(66) + '😀' + 'Ж'.repeat(5),
      '\r\n'.repeat(90), '🇫🇷'.repeat(20), '👨‍👩‍👧'.repeat(10),
    ];
    for (const text of cases) assert.deepEqual(countSegments(text), twilio(text), JSON.stringify(text.slice(0, 20)) + ` (${text.length})`);
  });

  it('on every BMP code unit alone (which characters are GSM-7)', () => {
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const ch = String.fromCharCode(code);
      assert.equal(countSegments(ch).encoding, twilio(ch).encoding, `U+${code.toString(16)}`);
    }
  });

  it('on random mixed texts: emoji, extension characters at boundaries, mixed scripts', () => {
    const piece = fc.oneof(
      fc.constantFrom('a', 'b', ' ', '.', '€', '^', '{', '}', '[', ']', '~', '|', '\\', '\f', '\n', '\r\n', '@', 'Δ', 'é', 'ñ'),
      fc.constantFrom('Ж', 'ç', 'ı', '中', 'ع', 'ש', 'α', '😀', '👍🏽', '👨‍👩‍👧', '🇫🇷', '🏳️‍🌈', 'e\u0301', 'ก', '❤️'),
      fc.string({ minLength: 1, maxLength: 20 }),
    );
    const gsmOnly = fc.constantFrom('a', 'b', ' ', '€', '^', '{', '}', '[', ']', '~', '|', '\\', '\n', '\r\n', '@', 'Δ');
    const text = fc.oneof(fc.array(piece, { maxLength: 300 }).map((a) => a.join('')), fc.array(gsmOnly, { minLength: 140, maxLength: 800 }).map((a) => a.join('')));
    fc.assert(fc.property(text, (t) => {
      const ours = countSegments(t);
      assert.deepEqual(ours, twilio(t));
      assert.equal(planSms(t).segments, ours.segments);
    }), { numRuns: 1500 });
  });
});
