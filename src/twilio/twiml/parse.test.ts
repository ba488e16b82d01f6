import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_TWIML_BYTES, parseTwiml, type TwimlAnswer } from './parse.ts';
import { decodeXmlText } from './entities.ts';

const parse = (xml: string): TwimlAnswer => parseTwiml(Buffer.from(xml, 'utf8'));
const messages = (xml: string) => {
  const answer = parse(xml);
  assert.ok(answer.ok, JSON.stringify(answer));
  return answer;
};

test('<Message> with text, or with <Body> and <Media> nouns, in order, with to/from/statusCallback', () => {
  const answer = messages(`<?xml version="1.0" encoding="UTF-8"?>
    <Response>
      <Message to="+14155550100" from="+14155550199">  Hello &amp; bye &#x263A;&#65;  </Message>
      <Message statusCallback="https://app.example/s?a=1&amp;b=2"><Body>Look</Body><Media>https://cdn.example/a.jpg</Media><Media> https://cdn.example/b.png </Media></Message>
    </Response>`);
  assert.deepEqual(answer.messages, [
    { body: 'Hello & bye ☺A', media: [], to: '+14155550100', from: '+14155550199' },
    { body: 'Look', media: ['https://cdn.example/a.jpg', 'https://cdn.example/b.png'], statusCallback: 'https://app.example/s?a=1&b=2' },
  ]);
  assert.deepEqual(answer.ignored, []);
});

test('an empty answer, <Response/> and <Response></Response> send nothing', () => {
  for (const xml of ['', '  \n', '<Response/>', '<?xml version="1.0"?><Response></Response>', '\uFEFF<Response/>', '<Response><!-- nothing --></Response>']) {
    assert.deepEqual(parse(xml), { ok: true, messages: [], ignored: [] }, JSON.stringify(xml));
  }
});

test('<Redirect> and other verbs are left out with the reason; an empty <Message> is noted', () => {
  const answer = messages('<Response><Redirect method="POST">https://x.example/next</Redirect><Say>hi</Say><Message/><Message>ok</Message>stray</Response>');
  assert.deepEqual(answer.messages, [{ body: 'ok', media: [] }]);
  assert.deepEqual(answer.ignored, [
    '<Redirect> is not supported: porm does not fetch further TwiML', '<Say> is not a messaging verb porm acts on', 'an empty <Message>', 'text directly inside <Response>',
  ]);
});

test('CDATA is literal; text beside nouns and unknown attributes are noted', () => {
  assert.deepEqual(messages('<Response><Message><![CDATA[a &amp; <b> ]]>c</Message></Response>').messages, [{ body: 'a &amp; <b> c', media: [] }]);
  const answer = messages('<Response><Message action="/x" method="GET">stray<Body>b</Body></Message></Response>');
  assert.deepEqual(answer.messages, [{ body: 'b', media: [] }]);
  assert.deepEqual(answer.ignored, ['text beside <Body>/<Media> in a <Message>', 'the action attribute of <Message> is not supported', 'the method attribute of <Message> is not supported']);
});

test('refused: malformed, a DOCTYPE (entity expansion, external entities), other roots, undeclared entities, bare &, illegal characters', () => {
  const refused: Array<[string, RegExp]> = [
    ['<Response><Message>x</Response>', /^malformed XML at line 1/],
    ['<Response><Message>x</Message>', /^malformed XML/],
    ['<Response>', /^malformed XML/],
    ['not xml at all', /^malformed XML|root element/],
    ['<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><Response><Message>&lol2;</Message></Response>', /DOCTYPE/],
    ['<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Response><Message>&x;</Message></Response>', /DOCTYPE/],
    ['<html><body>hi</body></html>', /root element is <html>, not <Response>/],
    ['<response/>', /root element is <response>/],
    ['<Response/><Response/>', /malformed XML|root element/],
    ['<Response><Message>&nbsp;</Message></Response>', /&nbsp; is not a character/],
    ['<Response><Message>&#0;</Message></Response>', /&#0; is not/],
    ['<Response><Message>&#xD800;</Message></Response>', /&#xD800; is not/],
    ['<Response><Message>&#x110000;</Message></Response>', /is not a character/],
    ['<Response><Message to="&bogus;">x</Message></Response>', /attribute to: &bogus;/],
  ];
  for (const [xml, why] of refused) {
    const answer = parse(xml);
    assert.equal(answer.ok, false, xml);
    if (!answer.ok) assert.match(answer.why, why, xml);
  }
});

test('sizes: over 64 KB is refused unread; more than 10 messages or 10 media are cut with a note; deep nesting does not crash', () => {
  const huge = parseTwiml(Buffer.alloc(MAX_TWIML_BYTES + 1, 'a'));
  assert.deepEqual(huge, { ok: false, why: `the TwiML is ${MAX_TWIML_BYTES + 1} bytes; the limit is ${MAX_TWIML_BYTES}` });
  const many = messages(`<Response>${'<Message>m</Message>'.repeat(12)}</Response>`);
  assert.equal(many.messages.length, 10);
  assert.deepEqual(many.ignored, ['more than 10 <Message> verbs: the rest are left out']);
  const media = messages(`<Response><Message>${'<Media>https://x.example/a.jpg</Media>'.repeat(11)}</Message></Response>`);
  assert.equal(media.messages[0]!.media.length, 10);
  const depth = 6000;
  const deep = parse(`<Response><Message>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}ok</Message></Response>`);
  assert.equal(deep.ok, false);
  if (!deep.ok) assert.match(deep.why, /nested/i);
});

test('element names that are object keys of JavaScript are refused (the parser\'s guard), or plain names', () => {
  for (const name of ['__proto__', 'constructor']) {
    const answer = parse(`<Response><${name}>x</${name}><Message>ok</Message></Response>`);
    assert.equal(answer.ok, false, name);
  }
  const answer = messages('<Response><Message><toString>y</toString><hasOwnProperty/>ok</Message></Response>');
  assert.deepEqual(answer.messages, [{ body: 'ok', media: [] }]);
  assert.equal(answer.ignored.length, 2, JSON.stringify(answer.ignored));
  assert.equal(({} as Record<string, unknown>).x, undefined, 'no prototype was touched');
});

test('any bytes at all: the parser answers, it never throws', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
    const answer = parseTwiml(Buffer.from(bytes));
    assert.equal(typeof answer.ok, 'boolean');
  }), { numRuns: 300 });
  fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
    const answer = parse(`<Response><Message>${text}</Message></Response>`);
    assert.equal(typeof answer.ok, 'boolean');
  }), { numRuns: 300 });
});

test('entity decoding is one pass: an escaped reference stays a reference', () => {
  assert.deepEqual(decodeXmlText('&amp;#65; &amp;amp; &#65;'), { ok: true, text: '&#65; &amp; A' });
  assert.deepEqual(decodeXmlText('a & b'), { ok: false, why: 'a bare "&" (write &amp;)' });
});
