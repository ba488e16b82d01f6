import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseContext } from './parse-context.ts';
import { readXml } from './xml-read.ts';

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
};

test('resolves prefixes and default namespaces, keeps local names, decodes entities', () => {
  const ctx = new ParseContext();
  const root = readXml('<?xml version="1.0"?><!-- c --><e:Env xmlns:e="urn:e" xmlns="urn:d"><e:B><C a:x="1 &amp; 2" xmlns:a="urn:a">t&lt;<![CDATA[&amp;<raw>]]></C></e:B></e:Env>', ctx);
  assert.equal(root.local, 'Env');
  assert.equal(root.ns, 'urn:e');
  const c = root.children[0]!.children[0]!;
  assert.equal(c.name, 'C');
  assert.equal(c.ns, 'urn:d');
  assert.deepEqual(c.attrs, [{ name: 'a:x', local: 'x', value: '1 & 2' }]);
  assert.equal(c.text, 't<&amp;<raw>');
  assert.deepEqual(ctx.warnings, []);
});

test('DOCTYPE is rejected before parsing: XXE', () => {
  const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>';
  assert.equal(code(() => readXml(xxe, new ParseContext())), 'PORM_MM7_XML_DOCTYPE');
});

test('DOCTYPE is rejected before parsing: billion laughs', () => {
  let dtd = '<!ENTITY lol0 "lol">';
  for (let i = 1; i < 10; i++) dtd += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
  const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [${dtd}]><lolz>&lol9;</lolz>`;
  assert.equal(code(() => readXml(bomb, new ParseContext())), 'PORM_MM7_XML_DOCTYPE');
});

test('a DOCTYPE hidden after comments, in lower case or mid-document is still rejected', () => {
  for (const xml of ['<!-- x --><!doctype r><r/>', '<r><!ENTITY a "b"></r>', '<r/><!DOCTYPE r>']) {
    assert.equal(code(() => readXml(xml, new ParseContext())), 'PORM_MM7_XML_DOCTYPE', xml);
  }
});

test('"<!DOCTYPE" inside comments, CDATA or attribute values is text, not a declaration', () => {
  const root = readXml('<r a="<!DOCTYPE x>"><!-- <!DOCTYPE y> --><![CDATA[<!DOCTYPE z>]]></r>', new ParseContext());
  assert.equal(root.text, '<!DOCTYPE z>');
});

test('nesting deeper than the limit fails fast with a stable code', () => {
  const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
  assert.equal(code(() => readXml(deep, new ParseContext({ maxSoapBytes: 10_000_000 }))), 'PORM_MM7_XML_TOO_DEEP');
  const ok = '<a>'.repeat(64) + '</a>'.repeat(64);
  assert.equal(readXml(ok, new ParseContext()).local, 'a');
  assert.equal(code(() => readXml('<a>'.repeat(65) + '</a>'.repeat(65), new ParseContext())), 'PORM_MM7_XML_TOO_DEEP');
});

test('self-closing tags do not count towards depth', () => {
  assert.equal(readXml(`<a>${'<b/>'.repeat(1000)}</a>`, new ParseContext()).children.length, 1000);
});

test('oversized envelopes are refused before parsing', () => {
  assert.equal(code(() => readXml(`<a>${'x'.repeat(2000)}</a>`, new ParseContext({ maxSoapBytes: 1000 }))), 'PORM_MM7_TOO_LARGE');
});

test('not well-formed XML gives PORM_MM7_XML_INVALID', () => {
  for (const xml of ['<a><b></a>', '<a>', '', 'plain text', '<a></a><b></b>', '<a x="1" x="2"/>', '<__proto__/>']) {
    assert.equal(code(() => readXml(xml, new ParseContext())), 'PORM_MM7_XML_INVALID', xml);
  }
});

test('unknown entity references are kept and reported as a warning', () => {
  const ctx = new ParseContext();
  assert.equal(readXml('<a>&nbsp;x</a>', ctx).text, '&nbsp;x');
  assert.deepEqual(ctx.warnings.map((w) => w.code), ['xml.unknown-entity']);
});
