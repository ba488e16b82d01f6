import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getExampleNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import examples from 'libphonenumber-js/mobile/examples';
import metadataJson from 'libphonenumber-js/min/metadata';
import { fastE164 } from './e164.ts';
import { prng as random } from '../mms/pdu/testing/fuzz.ts';

// fastE164 against libphonenumber-js itself, answer for answer: the fast path ships only because
// nothing here tells them apart. The corpus is generated from the library's metadata (every
// calling code, geographic and not) with a seeded generator, so a failure reproduces.

function library(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input);
  return parsed?.isValid() ? parsed.number : null;
}


const meta = metadataJson as unknown as { country_calling_codes: Record<string, string[]>; countries: Record<string, unknown[]>; nonGeographic: Record<string, unknown> };
const callingCodes = [...new Set([...Object.keys(meta.country_calling_codes), ...Object.keys(meta.nonGeographic)])];

function corpus(): string[] {
  const next = random(15);
  const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
  const out = new Set<string>();
  for (const cc of callingCodes) {
    // Every length the fast path takes, every first two national digits (leading-digit rules,
    // national prefixes, shared calling codes), a few random tails each.
    for (let total = 7; total <= 17; total++) {
      const national = total - cc.length;
      if (national < 1) continue;
      for (let head = 0; head < 100; head++) {
        const lead = String(head).padStart(2, '0').slice(0, national);
        out.add(`+${cc}${lead}${digits(national - lead.length)}`);
      }
    }
  }
  // National prefixes (and prefixes for parsing) written after the calling code, then any length.
  for (const [cc, countries] of Object.entries(meta.country_calling_codes)) {
    const prefixes = new Set(countries.flatMap((c) => [meta.countries[c]?.[5], meta.countries[c]?.[7]]).filter((p): p is string => typeof p === 'string' && /^[0-9]+$/.test(p)));
    for (const prefix of prefixes) {
      for (let national = 1; national + cc.length + prefix.length <= 17; national++) {
        for (let i = 0; i < 40; i++) out.add(`+${cc}${prefix}${digits(national)}`);
      }
    }
  }
  // Valid numbers in bulk: each country's example number, and the same with its last digits changed
  // and its national prefix written after the calling code (which the library may strip).
  for (const country of Object.keys(meta.countries) as CountryCode[]) {
    const example = getExampleNumber(country, examples);
    if (!example) continue;
    const cc = example.countryCallingCode;
    const nsn = example.nationalNumber;
    const prefix = (meta.countries[country]?.[5] as string | undefined) ?? '';
    for (let i = 0; i < 60; i++) {
      const keep = Math.max(0, nsn.length - 1 - Math.floor(next() * 5));
      const changed = nsn.slice(0, keep) + digits(nsn.length - keep);
      out.add(`+${cc}${changed}`);
      out.add(`+${cc}${changed}${digits(1)}`);
      out.add(`+${cc}${changed.slice(0, -1)}`);
      if (prefix !== '') out.add(`+${cc}${prefix}${changed}`);
      // Argentina's mobile "9" and "15", Mexico's "1": the transform rules' inputs.
      out.add(`+${cc}9${changed}`);
      out.add(`+${cc}1${changed}`);
    }
  }
  // The test numbers porm's docs use, and the contacts bench's.
  for (let i = 100; i <= 199; i++) out.add(`+14155550${i}`);
  return [...out];
}

test('fastE164 gives libphonenumber-js\'s answer for every generated "+digits" number', () => {
  const inputs = corpus();
  let valid = 0;
  let compared = 0;
  const wrong: string[] = [];
  for (const input of inputs) {
    const fast = fastE164(input);
    // Outside the fast path's input (shorter or longer): the library answers itself, nothing to compare.
    if (fast === undefined) continue;
    compared++;
    const expected = library(input);
    if (fast !== expected) wrong.push(`${input}: fast ${fast}, library ${expected}`);
    if (expected !== null) valid++;
  }
  assert.deepEqual(wrong.slice(0, 20), []);
  // The corpus is only a proof if it holds both kinds in numbers.
  assert.ok(compared > 200_000, `${compared} inputs compared`);
  assert.ok(valid > 20_000, `${valid} valid of ${compared}`);
  assert.ok(compared - valid > 100_000, `${compared - valid} invalid`);
});

test('fastE164 leaves anything but "+" and 7–17 digits to the library', () => {
  for (const input of ['+1 415 555 0100', '+1-415-555-0100', '(415) 555-0100', '4155550100', '+0123456789', '+14155550100 ext. 12',
    '+1415555010012345678', '＋14155550100', ' +14155550100', '+14155550100\n', 'tel:+14155550100', '', '+', '+123456']) {
    assert.equal(fastE164(input), undefined, input);
  }
  // Shortest and longest it takes.
  assert.notEqual(fastE164('+1234567'), undefined);
  assert.notEqual(fastE164('+12345678901234567'), undefined);
});

test('fastE164 on numbers whose answer depends on the national prefix and shared calling codes', () => {
  // Fixed points worth naming: a NANP number of another country (+1 876 Jamaica), Isle of Man under
  // +44, Kazakhstan under +7, Italy's kept leading 0, a non-geographic +800 number.
  for (const input of ['+18765550100', '+447624369230', '+77172123456', '+390612345678', '+80012345678', '+14155550100', '+12125550100', '+5491123456789', '+5215512345678']) {
    assert.equal(fastE164(input), library(input), input);
  }
  assert.equal(fastE164('+14155550100'), '+14155550100');
  assert.equal(fastE164('+11234567890'), null);
});
