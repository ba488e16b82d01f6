import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { classifyKeyword, isBuiltinOptOut } from './classify.ts';
import { normalizeKeywordText } from './normalize.ts';

const OPT_OUTS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'CANCEL', 'ARRET', 'REMOVE', 'TD', 'STOP ALL', 'OPT OUT', 'ALTO', 'BAJA'];
const CYRILLIC: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', t: 'т', x: 'х', y: 'у', s: 'ѕ', i: 'і' };

/** Random case, whitespace and punctuation around and between letters that keep the word. */
const noisy = (word: string): fc.Arbitrary<string> => fc.tuple(
  fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }),
  fc.constantFrom('', ' ', '  ', '\t', '\n', ' \u00a0'),
  fc.constantFrom('', '.', '!', '!!!', '?', ' :)', ' 🛑', '…', '"'),
  fc.constantFrom('', '"', '¡', '*', ' '),
).map(([upper, ws, tail, head]) => `${ws}${head}${[...word].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join('')}${tail}${ws}`);

describe('keyword normalisation', () => {
  test('every built-in opt-out word survives case, whitespace and punctuation noise', () => {
    fc.assert(fc.property(fc.constantFrom(...OPT_OUTS).chain(noisy), (text) => classifyKeyword(text)?.kind === 'opt_out'));
  });

  test('fullwidth, styled and look-alike letters are the letters they imitate', () => {
    fc.assert(fc.property(fc.constantFrom(...OPT_OUTS), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), fc.boolean(), (word, swap, fullwidth) => {
      const chars = [...word.toLowerCase()].map((c, i) => (swap[i] && CYRILLIC[c] ? CYRILLIC[c] : c));
      const text = fullwidth ? chars.map((c) => (c === ' ' ? c : String.fromCodePoint((CYRILLIC[c] === c ? c : c).codePointAt(0)! + (/[a-z]/.test(c) ? 0xfee0 - 0x20 : 0)))).join('') : chars.join('');
      return classifyKeyword(text)?.kind === 'opt_out';
    }));
    assert.equal(classifyKeyword('ＳＴＯＰ')?.kind, 'opt_out');
    assert.equal(classifyKeyword('𝐒𝐓𝐎𝐏')?.kind, 'opt_out');
    assert.equal(classifyKeyword('SТОР')?.kind, 'opt_out'); // Cyrillic Т, О, Р
    assert.equal(classifyKeyword('S\u200bTOP')?.kind, 'opt_out');
    assert.equal(classifyKeyword('ARRÊT')?.kind, 'opt_out');
    assert.equal(classifyKeyword('ARRÊT')?.language, 'fr');
  });

  test('normalisation is idempotent and never grows whitespace at the ends', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
      const once = normalizeKeywordText(s);
      return normalizeKeywordText(once) === once && once === once.trim() && !once.includes('  ');
    }));
  });

  test('clear phrases opt out; sentences that merely contain stop do not', () => {
    for (const text of ['stop texting me', 'Stop texting me!!', 'remove me', 'Unsubscribe please', 'please unsubscribe', 'WRONG NUMBER', "Don't text me", 'stop please', 'STOP STOP STOP', 'Stop. Thanks', 'take me off your list', 'Número equivocado']) {
      assert.equal(classifyKeyword(text)?.kind, 'opt_out', text);
    }
    for (const text of ["don't stop the deals!", 'stop by our store', 'I will stop by', 'when does the sale end?', 'unstoppable', 'stopwatch', 'cancel my order 1234', 'please', 'yes stop', 'the end is near', 'info about stop']) {
      assert.notEqual(classifyKeyword(text)?.kind, 'opt_out', text);
    }
  });

  test('a sentence with stop inside other words is never an opt-out (property)', () => {
    const word = fc.constantFrom('deals', 'the', 'sale', 'by', 'store', 'dont', 'never', 'shopping', 'my', 'order');
    fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), fc.array(word, { minLength: 1, maxLength: 4 }), (before, after) => {
      return classifyKeyword([...before, 'stop', ...after].join(' ')) === undefined;
    }));
  });

  test('opt-in and help words, in English and Spanish', () => {
    for (const t of ['START', 'yes', 'Unstop', 'Sí']) assert.equal(classifyKeyword(t)?.kind, 'opt_in', t);
    for (const t of ['HELP', 'info', 'Ayuda!', 'help please']) assert.equal(classifyKeyword(t)?.kind, 'help', t);
    assert.equal(classifyKeyword('Sí')?.language, 'es');
    assert.equal(classifyKeyword('ayuda')?.language, 'es');
    assert.equal(classifyKeyword('HELP')?.language, undefined);
  });

  test("a program's own words count, and never outrank STOP", () => {
    const extra = { optOut: ['Basta'], optIn: ['JOIN'], help: ['¿Qué?'] };
    assert.equal(classifyKeyword('basta!', extra)?.kind, 'opt_out');
    assert.equal(classifyKeyword('Join', extra)?.kind, 'opt_in');
    assert.equal(classifyKeyword('que', extra)?.kind, 'help');
    assert.equal(classifyKeyword('STOP', { optOut: [], optIn: ['stop'], help: [] })?.kind, 'opt_out');
    assert.ok(isBuiltinOptOut(' Stop! '));
    assert.ok(!isBuiltinOptOut('join'));
  });

  test('hostile input: long, empty, control characters', () => {
    assert.equal(classifyKeyword(''), undefined);
    assert.equal(classifyKeyword('   \n'), undefined);
    assert.equal(classifyKeyword('stop '.repeat(10_000)), undefined);
    assert.equal(classifyKeyword('\u0000STOP\u0007')?.kind, 'opt_out');
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => { classifyKeyword(s); return true; }));
  });
});
