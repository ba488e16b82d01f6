import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildMixed } from '../../mms/smil/index.ts';
import { buildForwardReq, buildResponse, encodeWords } from './mm4-build.ts';
import { parseMm4 } from './mm4-parse.ts';

const SYSTEM = { domain: 'mms.porm.example', systemUser: 'system-user', mmsVersion: '6.3.0' };
const forward = (subject: string | null, text = 'hi') => buildForwardReq(SYSTEM, {
  transactionId: 'msg_1', messageId: 'msg_1@mms.porm.example', from: '+14155550100/TYPE=PLMN@mms.porm.example',
  to: '+14155550199/TYPE=PLMN@mms.peer.example', subject, date: new Date(Date.UTC(2026, 11, 2, 12)), expiry: null,
  ackRequest: true, deliveryReport: true, body: buildMixed({ text, attachments: [] }),
});

test('forward.REQ: envelope, dates in RFC 2822 form, every line CRLF-terminated and short', () => {
  const mail = forward('Sale');
  assert.deepEqual(mail.envelope, { from: 'system-user@mms.porm.example', to: '+14155550199/TYPE=PLMN@mms.peer.example' });
  const text = mail.raw.toString('latin1');
  assert.match(text, /^Date: Wed, 02 Dec 2026 12:00:00 \+0000\r$/m);
  assert.equal(/[^\r]\n/.test(text), false, 'no bare LF');
  assert.ok(text.split('\r\n').every((l) => l.length <= 998));
});

test('subjects round-trip through the parser whatever their characters, and cannot inject headers', async () => {
  await fc.assert(fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 120 }), async (subject) => {
    const parsed = await parseMm4(forward(subject).raw);
    assert.equal(parsed.type, 'MM4_forward.REQ');
    const expected = subject.replace(/[\r\n\t]+/g, ' ');
    if (parsed.type === 'MM4_forward.REQ' && expected.trim() !== '') assert.equal(parsed.subject?.trim(), expected.trim());
  }), { numRuns: 200 });
  const evil = await parseMm4(forward('x\r\nBcc: victim@example.com').raw);
  assert.equal(evil.type === 'MM4_forward.REQ' && evil.subject, 'x Bcc: victim@example.com');
  assert.doesNotMatch(forward('x\r\nBcc: victim@example.com').raw.toString('latin1'), /^Bcc:/m);
});

test('encoded words stay under 76 characters and never split a character', () => {
  const words = encodeWords('👋'.repeat(40)).split('\r\n ');
  assert.ok(words.length > 1);
  for (const w of words) {
    assert.ok(w.length <= 75, w);
    const inner = /^=\?UTF-8\?B\?(.*)\?=$/.exec(w)![1]!;
    assert.equal(Buffer.from(inner, 'base64').toString('utf8').replace(/👋/g, ''), '');
  }
});

test('an answer refuses ids that would break its headers', () => {
  assert.throws(() => buildResponse(SYSTEM, { type: 'MM4_forward.RES', transactionId: 'a\r\nX: y', messageId: 'm', to: 'p@x', status: 'Ok', date: new Date(0), ownMessageId: 'o@x' }), RangeError);
});
