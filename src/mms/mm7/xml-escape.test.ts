import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeXmlAttr, escapeXmlText, isXmlSafe, unescapeXml } from './xml-escape.ts';

test('escapeXmlText escapes markup and CR, keeps quotes and LF', () => {
  assert.equal(escapeXmlText(`a&b<c>d"e'f\r\ng`), `a&amp;b&lt;c&gt;d"e'f&#13;\ng`);
});

test('escapeXmlAttr also escapes quotes and whitespace that parsers would normalise', () => {
  assert.equal(escapeXmlAttr(`x"y&z\t\n\r<`), 'x&quot;y&amp;z&#9;&#10;&#13;&lt;');
});

test('isXmlSafe refuses NUL, C0 controls, lone surrogates and U+FFFE/U+FFFF', () => {
  assert.equal(isXmlSafe('plain, emoji \u{1F600}, tab\t, newline\n'), true);
  for (const bad of ['\u0000', '\u0001', '\u000b', '\u001f', '\ud800', '\udc00x', '\ufffe', '\uffff']) {
    assert.equal(isXmlSafe(`a${bad}b`), false, JSON.stringify(bad));
  }
});

test('unescapeXml resolves the predefined entities and character references once', () => {
  assert.deepEqual(unescapeXml('&lt;a&gt; &amp;amp; &quot;&apos; &#65;&#x42;&#x1F600;'), { value: `<a> &amp; "' AB\u{1F600}`, unknown: false });
});

test('unescapeXml leaves unknown and forbidden references as written and says so', () => {
  assert.deepEqual(unescapeXml('&lol9; &#0; &#xD800; &#x110000;'), { value: '&lol9; &#0; &#xD800; &#x110000;', unknown: true });
  assert.deepEqual(unescapeXml('fish & chips'), { value: 'fish & chips', unknown: false });
});
