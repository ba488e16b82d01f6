import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMm7Envelope } from './build.ts';
import { parseMm7Message } from './parse.ts';
import { errorCode } from './test-util.ts';

// Hostile input through the public entry point: every case ends in a stable code, quickly.

const soap = buildMm7Envelope({ type: 'DeliverReq', transactionId: 't', sender: { kind: 'Number', value: '1' } });
const time = (fn: () => unknown): number => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

test('XXE in the SOAP part of a multipart message is rejected, nothing is resolved', () => {
  const xxe = soap.replace('<?xml version="1.0" encoding="UTF-8"?>\n', '<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]>').replace('>1<', '>&x;<');
  const body = Buffer.from(`--B\r\nContent-Type: text/xml\r\n\r\n${xxe}\r\n--B--\r\n`);
  assert.equal(errorCode(() => parseMm7Message('multipart/related; boundary=B', body)), 'PORM_MM7_XML_DOCTYPE');
});

test('billion laughs is rejected in well under a second', () => {
  let dtd = '<!ENTITY l0 "lol">';
  for (let i = 1; i < 12; i++) dtd += `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`;
  const bomb = Buffer.from(`<!DOCTYPE e [${dtd}]>${soap.replace('>1<', '>&l11;<').replace(/^<\?xml[^>]*>\n/, '')}`);
  let code: string | undefined;
  assert.ok(time(() => (code = errorCode(() => parseMm7Message('text/xml', bomb)))) < 1000);
  assert.equal(code, 'PORM_MM7_XML_DOCTYPE');
});

test('deeply nested XML and deeply nested multiparts are refused', () => {
  const deep = soap.replace('<Sender>', `<Sender>${'<x>'.repeat(5000)}${'</x>'.repeat(5000)}`);
  assert.equal(errorCode(() => parseMm7Message('text/xml', Buffer.from(deep))), 'PORM_MM7_XML_TOO_DEEP');
  let inner = 'Content-Type: text/plain\r\n\r\nleaf';
  for (let d = 0; d < 50; d++) inner = `Content-Type: multipart/mixed; boundary="n${d}"\r\n\r\n--n${d}\r\n${inner}\r\n--n${d}--`;
  const body = Buffer.from(`--B\r\nContent-Type: text/xml\r\n\r\n${soap}\r\n--B\r\n${inner}\r\n--B--\r\n`);
  assert.equal(errorCode(() => parseMm7Message('multipart/related; boundary=B', body)), 'PORM_MM7_MIME_TOO_DEEP');
});

test('a huge part count is refused without building every part', () => {
  const body = Buffer.from(`--B\r\nContent-Type: text/xml\r\n\r\n${soap}\r\n` + '--B\r\n\r\n\r\n'.repeat(200_000) + '--B--\r\n');
  let code: string | undefined;
  const ms = time(() => (code = errorCode(() => parseMm7Message('multipart/related; boundary=B', body))));
  assert.equal(code, 'PORM_MM7_MIME_TOO_MANY_PARTS');
  assert.ok(ms < 2000, `${ms} ms`);
});

test('missing boundary and unterminated parts are PORM_MM7_MIME_INVALID', () => {
  const unterminated = Buffer.from(`--B\r\nContent-Type: text/xml\r\n\r\n${soap}\r\n--B\r\nContent-Type: image/jpeg\r\n\r\ntruncated...`);
  assert.equal(errorCode(() => parseMm7Message('multipart/related; boundary=B', unterminated)), 'PORM_MM7_MIME_INVALID');
  assert.equal(errorCode(() => parseMm7Message('multipart/related; boundary=Z', unterminated)), 'PORM_MM7_MIME_INVALID');
});

test('a body full of almost-delimiters stays linear', () => {
  const noise = Buffer.from('\n--Bx'.repeat(300_000));
  const body = Buffer.concat([Buffer.from(`--B\r\nContent-Type: text/xml\r\n\r\n${soap}\r\n--Bx`), noise]);
  let code: string | undefined;
  const ms = time(() => (code = errorCode(() => parseMm7Message('multipart/related; boundary=B', body))));
  assert.equal(code, 'PORM_MM7_MIME_INVALID');
  assert.ok(ms < 2000, `${ms} ms`);
});

test('thousands of warnings are capped', () => {
  const noisy = soap.replace('<Sender>', `${'<Junk/>'.repeat(5000)}<Sender>`);
  const p = parseMm7Message('text/xml', Buffer.from(noisy));
  assert.equal(p.warnings.length, 101);
  assert.equal(p.warnings.at(-1)!.code, 'warnings.truncated');
});
