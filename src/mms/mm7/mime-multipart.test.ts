import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseContentType, parseHeaderBlock } from './mime-headers.ts';
import { parsePart, sniffBoundary, splitMultipart } from './mime-multipart.ts';
import type { MimeLeafPart, MimeMultipart } from './mime-part.ts';
import { ParseContext } from './parse-context.ts';
import { decodeQuotedPrintable, encodeBase64Lines } from './transfer-encoding.ts';

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
};
const b = (s: string): Buffer => Buffer.from(s, 'latin1');

test('Content-Type parsing tolerates case, missing spaces, dangling ;, quoted and unquoted values', () => {
  assert.deepEqual(parseContentType('Multipart/Related; Type="application/smil"; Start="<AAAA>";boundary=abc'), {
    mediaType: 'multipart/related',
    params: { type: 'application/smil', start: '<AAAA>', boundary: 'abc' },
  });
  assert.deepEqual(parseContentType('image/gif; '), { mediaType: 'image/gif', params: {} });
  assert.deepEqual(parseContentType('multipart/mixed; boundary="StoryParts 74526 8432 2002-77645"'), {
    mediaType: 'multipart/mixed',
    params: { boundary: 'StoryParts 74526 8432 2002-77645' },
  });
  assert.deepEqual(parseContentType('text/plain; name="a\\"b"; charset=utf-8'), { mediaType: 'text/plain', params: { name: 'a"b', charset: 'utf-8' } });
  assert.deepEqual(parseContentType(undefined), { mediaType: '', params: {} });
});

test('header blocks unfold continuation lines and lower-case names', () => {
  const ctx = new ParseContext();
  const h = parseHeaderBlock('Content-Type: multipart/related; type="a";\r\n\tboundary="x"\r\nContent-Id:<id>\r\nbogus line', ctx, 't');
  assert.equal(h.map.get('content-type'), 'multipart/related; type="a"; boundary="x"');
  assert.equal(h.map.get('content-id'), '<id>');
  assert.deepEqual(ctx.warnings.map((w) => w.code), ['mime.bad-header']);
});

test('splits CRLF and LF multiparts, with preamble, epilogue and padding after delimiters', () => {
  for (const eol of ['\r\n', '\n']) {
    const body = b(['preamble', '--xyz  ', 'Content-Type: text/plain', '', 'one', '--xyz', 'Content-ID: <2>', '', 'two', 'lines', '--xyz-- ', 'epilogue'].join(eol));
    const parts = splitMultipart(body, 'xyz', new ParseContext(), 't');
    assert.equal(parts.length, 2);
    assert.equal(parts[0]!.body.toString(), 'one');
    assert.equal(parts[1]!.body.toString(), `two${eol}lines`);
    assert.equal(parts[1]!.headers.map.get('content-id'), '<2>');
  }
});

test('a boundary that is a prefix of a longer line is not a delimiter', () => {
  const parts = splitMultipart(b('--ab\r\n\r\n--abc is text\r\n--ab--'), 'ab', new ParseContext(), 't');
  assert.equal(parts[0]!.body.toString(), '--abc is text');
});

test('binary data with CR, LF and NUL survives byte for byte', () => {
  const data = Buffer.from([0, 13, 10, 13, 10, 45, 45, 255, 10]);
  const body = Buffer.concat([b('--q\r\nContent-Type: image/jpeg\r\n\r\n'), data, b('\r\n--q--\r\n')]);
  assert.deepEqual(splitMultipart(body, 'q', new ParseContext(), 't')[0]!.body, data);
});

test('missing boundary, unterminated multipart and empty multipart are PORM_MM7_MIME_INVALID', () => {
  assert.equal(code(() => splitMultipart(b('no delimiters here'), 'x', new ParseContext(), 't')), 'PORM_MM7_MIME_INVALID');
  assert.equal(code(() => splitMultipart(b('--x\r\n\r\ntruncated'), 'x', new ParseContext(), 't')), 'PORM_MM7_MIME_INVALID');
  assert.equal(code(() => splitMultipart(b('--x--\r\n'), 'x', new ParseContext(), 't')), 'PORM_MM7_MIME_INVALID');
  assert.equal(code(() => splitMultipart(b('--x\r\n\r\n--x--'), '', new ParseContext(), 't')), 'PORM_MM7_MIME_INVALID');
});

test('part count is capped over all levels', () => {
  const body = b('--x\r\n\r\na\r\n'.repeat(2000) + '--x--\r\n');
  assert.equal(code(() => splitMultipart(body, 'x', new ParseContext(), 't')), 'PORM_MM7_MIME_TOO_MANY_PARTS');
  assert.equal(splitMultipart(body, 'x', new ParseContext({ maxParts: 2000 }), 't').length, 2000);
});

test('a part whose headers never end is read as headers-only, unless it is larger than the header limit', () => {
  const ctx = new ParseContext();
  const parts = splitMultipart(b('--x\r\nContent-Type: text/plain\r\n--x--'), 'x', ctx, 't');
  assert.equal(parts[0]!.body.length, 0);
  assert.deepEqual(ctx.warnings.map((w) => w.code), ['mime.headers-only']);
  const huge = b(`--x\r\nX: ${'a'.repeat(70_000)}\r\n--x--`);
  assert.equal(code(() => splitMultipart(huge, 'x', new ParseContext(), 't')), 'PORM_MM7_MIME_INVALID');
});

test('nested multiparts are parsed down to the depth limit, then PORM_MM7_MIME_TOO_DEEP', () => {
  const nest = (depth: number): string => (depth === 0 ? 'Content-Type: text/plain\r\n\r\nleaf' : `Content-Type: multipart/mixed; boundary="b${depth}"\r\n\r\n--b${depth}\r\n${nest(depth - 1)}\r\n--b${depth}--`);
  const raw = (depth: number) => splitMultipart(b(`--top\r\n${nest(depth)}\r\n--top--`), 'top', new ParseContext(), 't')[0]!;
  let part = parsePart(raw(7), new ParseContext(), 1, 't');
  for (let i = 0; i < 7; i++) part = (part as MimeMultipart).parts[0]!;
  assert.equal((part as MimeLeafPart).data.toString(), 'leaf');
  assert.equal(code(() => parsePart(raw(8), new ParseContext(), 1, 't')), 'PORM_MM7_MIME_TOO_DEEP');
});

test('transfer encodings: base64 (any case, with line breaks), quoted-printable, binary', () => {
  const ctx = new ParseContext();
  const body = b('--x\r\nContent-Transfer-Encoding: BASE64\r\n\r\naGVs\r\nbG8=\r\n--x\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nh=C3=A9=\r\nllo=ZZ\r\n--x\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nraw\r\n--x--');
  const parts = splitMultipart(body, 'x', ctx, 't').map((r) => parsePart(r, ctx, 1, 't') as MimeLeafPart);
  assert.deepEqual(parts.map((p) => p.data.toString()), ['hello', 'héllo=ZZ', 'raw']);
  assert.deepEqual(ctx.warnings.map((w) => w.code), ['mime.unknown-transfer-encoding']);
});

test('encodeBase64Lines wraps at 76 columns with CRLF and decodes back', () => {
  const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
  const lines = encodeBase64Lines(data).toString().split('\r\n');
  assert.ok(lines.slice(0, -1).every((l) => l.length === 76));
  assert.deepEqual(Buffer.from(lines.join(''), 'base64'), data);
  assert.equal(encodeBase64Lines(Buffer.alloc(0)).length, 0);
});

test('decodeQuotedPrintable keeps malformed escapes literal', () => {
  assert.equal(decodeQuotedPrintable(b('a=3Db=\nc=4')).toString('latin1'), 'a=bc=4');
});

test('sniffBoundary reads the first delimiter line, skipping leading blank lines', () => {
  assert.equal(sniffBoundary(b('\n--Nokia-x \r\nrest')), 'Nokia-x');
  assert.equal(sniffBoundary(b('<xml/>')), undefined);
});

test('Content-ID without <> is accepted with a warning; params keep everything but boundary', () => {
  const ctx = new ParseContext();
  const raw = splitMultipart(b('--x\r\nContent-Type: multipart/related; type="application/smil"; start="<s>"; boundary="y"\r\nContent-ID: content_15\r\n\r\n--y\r\nContent-Id: <s>\r\nContent-Location: s.smil\r\n\r\n<smil/>\r\n--y--\r\n--x--'), 'x', ctx, 't');
  const part = parsePart(raw[0]!, ctx, 1, 't') as MimeMultipart;
  assert.equal(part.contentId, 'content_15');
  assert.deepEqual(part.params, { type: 'application/smil', start: '<s>' });
  assert.deepEqual(part.parts[0], { contentType: 'text/plain', contentId: 's', contentLocation: 's.smil', data: b('<smil/>') });
  assert.deepEqual(ctx.warnings.map((w) => w.code), ['mime.content-id-without-angles']);
});
