import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { normalizeContactPhone } from './phone.ts';

// normalizeContactPhone (the fast path for "+digits", the memo for everything else) against what it
// was before both: libphonenumber asked every time. Numbers as people write them, each asked twice
// (the second answer comes from the memo) and under two default countries.

function before(value: string, country: CountryCode): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > 40) return undefined;
  const text = trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed;
  const parsed = parsePhoneNumberFromString(text, country);
  return parsed?.isValid() ? parsed.number : undefined;
}

test('normalizeContactPhone answers as libphonenumber does, written any way, asked again or not', () => {
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const bases = ['+14155550100', '+442079460018', '+4930901820', '+33142685300', '+819012345678', '+61412345678', '+5491123456789', '+12125550199'];
  const writings = (e164: string): string[] => {
    const d = e164.slice(1);
    const split = `${d.slice(0, 2)} ${d.slice(2, 5)} ${d.slice(5, 8)}-${d.slice(8)}`;
    return [e164, `+${split}`, `00${d}`, `00 ${split}`, ` ${e164} `, `(${d.slice(1, 4)}) ${d.slice(4, 7)}-${d.slice(7)}`, d.slice(1), d, `0${d.slice(2)}`, `${e164}x12`, `tel:${e164}`, `+${d.slice(0, -1)}`, `+${d}0`, `+${d.slice(0, 2)}.${d.slice(2)}`];
  };
  const inputs: string[] = [];
  for (const base of bases) {
    for (let i = 0; i < 30; i++) {
      const e164 = base.slice(0, -3) + String(next(1000)).padStart(3, '0');
      inputs.push(...writings(e164));
    }
  }
  inputs.push('', '   ', 'abc', '+', '00', '+1'.padEnd(45, '5'));
  for (const country of ['US', 'GB'] as const) {
    for (const round of [1, 2]) {
      for (const input of inputs) assert.equal(normalizeContactPhone(input, country), before(input, country), `${input} (${country}, round ${round})`);
    }
  }
});
