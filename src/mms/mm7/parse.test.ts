import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMm7Envelope, buildMm7Message } from './build.ts';
import type { Mm7DeliverReq } from './model.ts';
import { parseMm7Message } from './parse.ts';
import { errorCode } from './test-util.ts';

const mo: Mm7DeliverReq = { type: 'DeliverReq', transactionId: 't', sender: { kind: 'Number', value: '+1555' } };
const soap = (content = '<Content href="cid:c1"/>'): string => buildMm7Envelope(mo).replace('</Sender>', `</Sender>${content}`);
const multipart = (parts: string[], boundary = 'B'): Buffer => Buffer.from(parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('') + `--${boundary}--\r\n`, 'latin1');
const soapPart = (xml = soap(), headers = 'Content-Type: text/xml; charset="utf-8"\r\nContent-ID: <s>'): string => `${headers}\r\n\r\n${xml}`;

test('the start parameter selects the SOAP part even when it is not first', () => {
  const body = multipart(['Content-Type: text/plain\r\nContent-ID: <c1>\r\n\r\nhello', soapPart()]);
  const p = parseMm7Message('multipart/related; boundary=B; type="text/xml"; start="<s>"', body);
  const m = p.message as Mm7DeliverReq;
  assert.equal(m.content?.part.contentId, 'c1');
  assert.equal(p.attachments.length, 1);
  assert.deepEqual(p.warnings, []);
});

test('a start naming no part falls back to the first part, with a warning', () => {
  const body = multipart([soapPart(), 'Content-Type: text/plain\r\nContent-ID: <c1>\r\n\r\nhello']);
  const p = parseMm7Message('multipart/related; boundary="B"; start="<nope>"', body);
  assert.deepEqual(p.warnings.map((w) => w.code), ['mime.start-not-found']);
});

test('a multipart Content-Type without boundary is read with the boundary of the first line', () => {
  const body = multipart([soapPart(), 'Content-Type: text/plain\r\nContent-ID: <c1>\r\n\r\nhello']);
  const p = parseMm7Message('multipart/related; type="text/xml"', body);
  assert.deepEqual(p.warnings.map((w) => w.code), ['mime.boundary-sniffed']);
  assert.equal(errorCode(() => parseMm7Message('multipart/related', Buffer.from('no delimiter'))), 'PORM_MM7_MIME_INVALID');
});

test('href fallbacks: by Content-Location, case-insensitive, several attachments, no Content element', () => {
  const byLocation = multipart([soapPart(soap('<Content href="cid:pic.jpg"/>')), 'Content-Type: image/jpeg\r\nContent-Location: pic.jpg\r\n\r\nJ']);
  const p1 = parseMm7Message('multipart/related; boundary=B', byLocation);
  assert.equal((p1.message as Mm7DeliverReq).content?.part.contentLocation, 'pic.jpg');
  assert.deepEqual(p1.warnings.map((w) => w.code), ['content.href-location']);

  const byCase = multipart([soapPart(soap('<Content href="cid:C1"/>')), 'Content-Type: text/plain\r\nContent-ID: <c1>\r\n\r\nx']);
  assert.deepEqual(parseMm7Message('multipart/related; boundary=B', byCase).warnings.map((w) => w.code), ['content.href-case']);

  const several = multipart([soapPart(soap('<Content href="cid:zzz"/>')), 'Content-Type: text/plain\r\n\r\na', 'Content-Type: image/gif\r\n\r\nb']);
  const p3 = parseMm7Message('multipart/related; boundary=B', several);
  const part = (p3.message as Mm7DeliverReq).content?.part;
  assert.ok(part !== undefined && 'parts' in part && part.contentType === 'multipart/mixed' && part.parts.length === 2);
  assert.deepEqual(p3.warnings.map((w) => w.code), ['content.href-mismatch']);

  const noElement = multipart([soapPart(soap('')), 'Content-Type: text/plain\r\n\r\na']);
  const p4 = parseMm7Message('multipart/related; boundary=B', noElement);
  assert.equal((p4.message as Mm7DeliverReq).content?.part.contentType, 'text/plain');
  assert.deepEqual(p4.warnings.map((w) => w.code), ['content.no-content-element']);
});

test('a Content element without attachments is a warning, not an error', () => {
  const p = parseMm7Message('text/xml', Buffer.from(soap()));
  assert.equal((p.message as Mm7DeliverReq).content, undefined);
  assert.deepEqual(p.warnings.map((w) => w.code), ['content.missing-part']);
});

test('the SOAP part charset is honoured; a BOM is dropped', () => {
  const xml = Buffer.from(buildMm7Envelope({ ...mo, subject: 'café' }), 'utf8');
  assert.equal((parseMm7Message('text/xml; charset=iso-8859-1', Buffer.from(xml.toString('utf8'), 'latin1')).message as Mm7DeliverReq).subject, 'café');
  assert.equal((parseMm7Message('text/xml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), xml])).message as Mm7DeliverReq).subject, 'café');
});

test('typed errors for unusable input', () => {
  const cases: Array<[string | undefined, Buffer, string]> = [
    ['application/json', Buffer.from('{}'), 'PORM_MM7_UNSUPPORTED_CONTENT_TYPE'],
    [undefined, Buffer.from('hello'), 'PORM_MM7_UNSUPPORTED_CONTENT_TYPE'],
    ['text/xml', Buffer.from('<a/>'), 'PORM_MM7_XML_INVALID'],
    ['text/xml', Buffer.from('<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"/>'), 'PORM_MM7_XML_INVALID'],
    ['text/xml', Buffer.from('<e:Envelope xmlns:e="x"><e:Body/></e:Envelope>'), 'PORM_MM7_UNKNOWN_OPERATION'],
    ['text/xml', Buffer.from('<e:Envelope xmlns:e="x"><e:Body><GetWeather/></e:Body></e:Envelope>'), 'PORM_MM7_UNKNOWN_OPERATION'],
    ['text/xml', Buffer.from('<e:Envelope xmlns:e="x"><e:Body><SubmitRsp><MM7Version>6.8.0</MM7Version></SubmitRsp></e:Body></e:Envelope>'), 'PORM_MM7_MALFORMED'],
    ['text/xml', Buffer.from('<e:Envelope xmlns:e="x"><e:Body><SubmitRsp><MM7Version>6.8.0</MM7Version><Status><StatusCode>OK</StatusCode></Status></SubmitRsp></e:Body></e:Envelope>'), 'PORM_MM7_MALFORMED'],
    ['text/xml', Buffer.from('<!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]><e:Envelope xmlns:e="x"><e:Body>&x;</e:Body></e:Envelope>'), 'PORM_MM7_XML_DOCTYPE'],
    ['multipart/related; boundary=B', multipart([soapPart(undefined, 'Content-Type: multipart/mixed; boundary=C')]), 'PORM_MM7_MIME_INVALID'],
  ];
  for (const [ct, body, code] of cases) assert.equal(errorCode(() => parseMm7Message(ct, body)), code, body.toString().slice(0, 60));
});

test('size limits: body and SOAP part', () => {
  const built = buildMm7Message({ ...mo, content: { part: { contentType: 'image/jpeg', data: Buffer.alloc(5000) } } });
  assert.equal(errorCode(() => parseMm7Message(built.contentType, built.body, { limits: { maxBodyBytes: 4000 } })), 'PORM_MM7_TOO_LARGE');
  assert.equal(errorCode(() => parseMm7Message(built.contentType, built.body, { limits: { maxSoapBytes: 100 } })), 'PORM_MM7_TOO_LARGE');
  assert.equal(parseMm7Message(built.contentType, built.body).message.type, 'DeliverReq');
});
