// SMS fallback: GSM-7/UCS-2 accounting, transliteration, budgeted text with the page link kept
// whole, and a property test over hostile strings (surrogates, extension characters, CJK).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { BoundMessage } from '../bound/model.ts';
import { card, heading, message, samples, text } from './sample-messages.ts';
import { buildSmsText, gsm7Units, measureSms, segmentsFor, toGsmFriendly } from './sms.ts';

const LINK = 'https://porm.example/m/Ab3dEf9hJk';
const lastLine = (s: string): string => s.slice(s.lastIndexOf('\n') + 1);
const hasLoneSurrogate = (s: string): boolean => !s.isWellFormed();

describe('GSM-7 and UCS-2 accounting', () => {
  it('counts basic characters once, extension characters twice, and refuses anything else', () => {
    const basic = 'Hello @£$¥ èéùìò ÄÖÑÜ§¿ äöñüà ΔΦΓΛΩΠΨΣΘΞ';
    assert.equal(gsm7Units(basic), basic.length);
    assert.equal(gsm7Units('^{}\\[~]|€\f'), 20);
    assert.equal(gsm7Units(''), 0);
    for (const s of ['🔥', '中文', 'á', 'ç', '\t', '’', '\u00A0']) assert.equal(gsm7Units(s), null, JSON.stringify(s));
  });

  it('transliterates typographic quotes, dashes, ellipsis and odd spaces to GSM look-alikes', () => {
    const friendly = toGsmFriendly('“Don’t” ‘x’ – — … a\u00A0b\u202Fc\u200Bd\r\ne');
    assert.equal(friendly, '"Don\'t" \'x\' - - ... a b cd\ne');
    assert.notEqual(gsm7Units(friendly), null);
    assert.equal(toGsmFriendly('中文 🔥'), '中文 🔥');
  });

  it('segments at 160/153 septets and 70/67 units, never splitting an escape or surrogate pair across parts', () => {
    assert.deepEqual(measureSms('a'.repeat(160)), { encoding: 'GSM-7', units: 160, segments: 1 });
    assert.deepEqual(measureSms('a'.repeat(161)), { encoding: 'GSM-7', units: 161, segments: 2 });
    assert.equal(segmentsFor('a'.repeat(306)), 2);
    assert.equal(segmentsFor('a'.repeat(307)), 3);
    assert.deepEqual(measureSms('€'.repeat(80)), { encoding: 'GSM-7', units: 160, segments: 1 });
    // 306 septets would fit two parts, but the euro's escape pair cannot straddle parts 1 and 2.
    assert.equal(segmentsFor(`${'a'.repeat(152)}€${'a'.repeat(152)}`), 3);
    assert.deepEqual(measureSms('中'.repeat(70)), { encoding: 'UCS-2', units: 70, segments: 1 });
    assert.equal(segmentsFor('中'.repeat(71)), 2);
    assert.deepEqual(measureSms('🔥'.repeat(35)), { encoding: 'UCS-2', units: 70, segments: 1 });
    assert.equal(segmentsFor(`${'a'.repeat(66)}🔥${'a'.repeat(66)}`), 3);
    assert.equal(segmentsFor(''), 1);
  });
});

describe('buildSmsText', () => {
  it('fits every sample into one GSM-7 segment: headline first, page link last and whole', () => {
    for (const [name, m] of Object.entries(samples)) {
      const sms = buildSmsText(m, { pageUrl: LINK });
      assert.equal(sms.encoding, 'GSM-7', name);
      assert.equal(sms.segments, 1, name);
      assert.ok(sms.units <= 160, name);
      assert.equal(lastLine(sms.text), LINK, name);
      assert.deepEqual(measureSms(sms.text), { encoding: sms.encoding, units: sms.units, segments: sms.segments }, name);
    }
    assert.match(buildSmsText(samples.retailSale, { pageUrl: LINK }).text, /^Summer Sale - 50% off\nEnds: Sunday 23:59\nCode: SUMMER50\n/);
    assert.match(buildSmsText(samples.eventTicket, { pageUrl: LINK }).text, /^Your ticket: Arctic Lights Live\nDate: Fri 5 June, doors 19:00\nSeat: Block C, row 12, seat 7\n/);
  });

  it('keeps the whole message when it fits, in priority order (headline, key facts, the rest)', () => {
    const sms = buildSmsText(samples.surveyForm, { pageUrl: LINK });
    assert.equal(sms.text, `How did we do?\nTell us about your visit on Tuesday.\n${LINK}`);
    const carousel = buildSmsText(samples.productCarousel, { pageUrl: LINK });
    assert.equal(carousel.text, `Picked for you\nTrail runner\n$89\nRain jacket\n$120\nWool socks\n$15\n${LINK}`);
  });

  it('takes the first heading, else the first card title, else the first text as the headline', () => {
    const noHeading = message([text('t', 'Intro text'), card('c', { title: 'Card title', body: 'Body' })]);
    assert.match(buildSmsText(noHeading, { pageUrl: LINK }).text, /^Card title\n/);
    const textOnly = message([text('t', 'Just text'), text('u', 'More text')]);
    assert.equal(buildSmsText(textOnly, { pageUrl: LINK }).text, `Just text\nMore text\n${LINK}`);
    const late = message([text('t', 'Before'), heading('h', 'The headline')]);
    assert.match(buildSmsText(late, { pageUrl: LINK }).text, /^The headline\nBefore\n/);
    const empty = message([]);
    assert.equal(buildSmsText(empty, { pageUrl: LINK }).text, LINK);
  });

  it('stays in GSM-7 when typographic characters are the only non-GSM ones', () => {
    const m = message([heading('h', '“Last chance” – it’s today…'), text('t', 'Prices\u00A0drop.')]);
    const sms = buildSmsText(m, { pageUrl: LINK });
    assert.equal(sms.encoding, 'GSM-7');
    assert.equal(sms.text, `"Last chance" - it's today...\nPrices drop.\n${LINK}`);
  });

  it('switches to UCS-2 for emoji and Chinese, and budgets 70 units then', () => {
    const emoji = buildSmsText(message([heading('h', 'Flash sale 🔥 today only'), text('t', 'Everything in store is 30% off until midnight, online and in every shop.')]), { pageUrl: LINK });
    assert.equal(emoji.encoding, 'UCS-2');
    assert.equal(emoji.segments, 1);
    assert.ok(emoji.units <= 70);
    assert.match(emoji.text, /^Flash sale 🔥 today only\n.*…\nhttps:/);
    const chinese = buildSmsText(message([heading('h', '您的订单已发货'), text('t', '预计明天送达。请保持电话畅通，快递员会在送达前联系您。感谢您的惠顾！')]), { pageUrl: LINK });
    assert.equal(chinese.encoding, 'UCS-2');
    assert.equal(chinese.segments, 1);
    assert.equal(lastLine(chinese.text), LINK);
    // No spaces to cut at: a hard cut between characters, closed with the one-unit ellipsis.
    assert.match(chinese.text, /^您的订单已发货\n预计[^\n]*…\n/);
  });

  it('counts extension characters twice when budgeting', () => {
    const m = message([heading('h', 'Prices'), text('t', Array.from({ length: 40 }, (_, i) => `€${i}`).join(' '))]);
    const sms = buildSmsText(m, { pageUrl: LINK });
    assert.equal(sms.encoding, 'GSM-7');
    assert.equal(sms.segments, 1);
    assert.equal(sms.units, gsm7Units(sms.text));
    assert.ok(sms.units <= 160);
    assert.ok(sms.units > [...sms.text].length, 'the euro signs cost two septets each');
  });

  it('cuts the body at a word boundary with "..." in GSM-7, leaving the link untouched', () => {
    const words = 'Our spring collection has arrived with new colours fabrics and fits for every season and every occasion you can imagine this year';
    const sms = buildSmsText(message([heading('h', 'New in'), text('t', words)]), { pageUrl: LINK });
    assert.equal(sms.segments, 1);
    const [head, body, link] = sms.text.split('\n');
    assert.equal(head, 'New in');
    assert.equal(link, LINK);
    assert.ok(body!.endsWith('...'));
    const kept = body!.slice(0, -3);
    assert.ok(words.startsWith(kept) && words[kept.length] === ' ', `cut inside a word: ${kept}`);
  });

  it('uses more segments when allowed, and more lines survive', () => {
    const one = buildSmsText(samples.appointmentReminder, { pageUrl: LINK });
    const three = buildSmsText(samples.appointmentReminder, { pageUrl: LINK, maxSegments: 3 });
    assert.ok(three.text.length > one.text.length);
    assert.ok(three.segments <= 3);
    assert.match(three.text, /Hi Ana, your appointment with Dr\. Lee is tomorrow\./);
  });

  it('truncates even the headline when it alone is too long', () => {
    const long = 'Important update about your account '.repeat(10).trim();
    const sms = buildSmsText(message([heading('h', long)]), { pageUrl: LINK });
    assert.equal(sms.segments, 1);
    const [first, link] = sms.text.split('\n');
    assert.equal(link, LINK);
    assert.ok(first!.endsWith('...') && long.startsWith(first!.slice(0, -3)));
  });

  it('sends the link alone when nothing else fits, and never cuts it even when it overflows', () => {
    const tight = `https://porm.example/${'x'.repeat(150)}`;
    assert.equal(buildSmsText(samples.retailSale, { pageUrl: tight }).text, tight);
    const huge = `https://porm.example/${'x'.repeat(400)}`;
    const sms = buildSmsText(samples.retailSale, { pageUrl: huge });
    assert.equal(sms.text, huge);
    assert.equal(sms.segments, 3);
  });

  it('never splits a surrogate pair or a grapheme when cutting', () => {
    const sms = buildSmsText(message([heading('h', '👍🏽'.repeat(40))]), { pageUrl: LINK });
    assert.ok(!hasLoneSurrogate(sms.text));
    const first = sms.text.split('\n')[0]!.replace(/…$/, '');
    assert.match(first, /^(👍🏽)+$/u);
  });

  it('refuses a segment budget below one', () => {
    assert.throws(() => buildSmsText(samples.retailSale, { pageUrl: LINK, maxSegments: 0 }), RangeError);
    assert.throws(() => buildSmsText(samples.retailSale, { pageUrl: LINK, maxSegments: 1.5 }), RangeError);
  });

  it('property: fits the budget or is the link alone, ends with the link, and holds no lone surrogate (fast-check)', () => {
    const unit = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('a', 'Z', ' ', ' ', '\n', '.', ',', '7', 'é', '@') },
      { weight: 2, arbitrary: fc.constantFrom('€', '^', '{', '}', '\\', '[', '~', ']', '|', '\f') },
      { weight: 2, arbitrary: fc.constantFrom('’', '“', '—', '…', '\u00A0') },
      { weight: 1, arbitrary: fc.constantFrom('🔥', '👍🏽', '🇫🇷', '中', '文', 'ש', '\uD83D', '\uDE00', 'e\u0301') },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
    );
    const str = fc.string({ unit, maxLength: 400 });
    const msg = fc.tuple(str, str, str).map(([h, t, c]): BoundMessage => message([heading('h', h), text('t', t), card('c', { title: c, facts: [{ label: 'When', value: t.slice(0, 20) }] })]));
    const link = fc.tuple(fc.constantFrom('https://porm.example/m/', 'https://p.example/'), fc.string({ unit: fc.constantFrom('a', 'B', '0', '-', '_'), minLength: 1, maxLength: 200 })).map(([a, b]) => a + b);
    fc.assert(fc.property(msg, link, fc.integer({ min: 1, max: 4 }), (m, pageUrl, maxSegments) => {
      const sms = buildSmsText(m, { pageUrl, maxSegments });
      assert.equal(lastLine(sms.text), pageUrl);
      assert.ok(!hasLoneSurrogate(sms.text));
      assert.deepEqual(measureSms(sms.text), { encoding: sms.encoding, units: sms.units, segments: sms.segments });
      assert.ok(sms.segments <= maxSegments || sms.text === pageUrl, `${sms.segments} segments > ${maxSegments}`);
    }), { numRuns: 300 });
  });
});
