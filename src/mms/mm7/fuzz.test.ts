import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildMm7Message } from './build.ts';
import { isMm7Error } from './mm7-error.ts';
import type { Mm7Message } from './model.ts';
import { parseMm7Message } from './parse.ts';
import { MM7_FIXTURES } from './test-util.ts';

// Fuzzing: mutated built messages and fixtures must give a result or an Mm7Error, never another
// exception, a hang or unbounded memory. Asserts nothing about which of the two.

const seeds: Array<{ contentType: string | undefined; body: Buffer }> = [];
const messages: Mm7Message[] = [
  {
    type: 'SubmitReq', transactionId: 'f1', senderIdentification: { vaspId: 'v', senderAddress: { kind: 'ShortCode', value: '1234' } },
    recipients: { to: [{ kind: 'Number', value: '+15550001' }], cc: [{ kind: 'RFC2822Address', value: 'a@b.example' }] }, subject: 'fuzz & <me>', deliveryReport: true,
    content: { part: { contentType: 'multipart/related', params: { type: 'application/smil', start: '<s>' }, parts: [
      { contentType: 'application/smil', contentId: 's', data: Buffer.from('<smil><body><par><img src="cid:i"/></par></body></smil>') },
      { contentType: 'image/gif', contentId: 'i', contentLocation: 'i.gif', data: Buffer.from('GIF89a\x00\x01\r\n--x\r\n', 'latin1') },
    ] } },
  },
  { type: 'DeliveryReportReq', transactionId: 'f2', messageId: 'M', recipient: { kind: 'Number', value: '1' }, sender: { kind: 'Number', value: '2' }, date: '2024-01-01T00:00:00Z', mmStatus: 'Expired' },
  { type: 'RSErrorRsp', transactionId: 'f3', status: { code: 4006, details: 'busy' } },
  { type: 'DeliverReq', transactionId: 'f4', sender: { kind: 'Number', value: '3' }, content: { part: { contentType: 'text/plain', data: Buffer.from('hi') } } },
];
for (const m of messages) {
  seeds.push(buildMm7Message(m, { boundary: (d) => `fz${d}` }));
  seeds.push(buildMm7Message(m, { boundary: (d) => `fz${d}`, transferEncoding: 'base64' }));
}
const smallFixtures = MM7_FIXTURES === undefined ? [] : readdirSync(MM7_FIXTURES).filter((f) => f !== 'deliver-req4.txt');
for (const f of smallFixtures) seeds.push({ contentType: undefined, body: readFileSync(join(MM7_FIXTURES!, f)) });

const TOKENS = ['<', '>', '&', '&lt;', '<!DOCTYPE x>', '<!ENTITY a "b">', ']]>', '<![CDATA[', '--', '--fz0', '--fz0--', '--fz1', '\r\n', '\n\n', '\r\n\r\n', '"', 'cid:', 'Content-Type: multipart/mixed; boundary=fz0\r\n', '<a>'.repeat(70), '=', 'Content-Transfer-Encoding: base64\r\n', '\u0000', '\xff\xfe'];

type Mutation = (b: Buffer) => Buffer;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([at, v]): Mutation => (b) => {
    const c = Buffer.from(b);
    if (c.length > 0) c[at % c.length] = v;
    return c;
  }),
  fc.nat().map((at): Mutation => (b) => b.subarray(0, b.length === 0 ? 0 : at % b.length)),
  fc.tuple(fc.nat(), fc.nat(200)).map(([at, len]): Mutation => (b) => (b.length === 0 ? b : Buffer.concat([b.subarray(0, at % b.length), b.subarray(Math.min(b.length, (at % b.length) + len))]))),
  fc.tuple(fc.nat(), fc.constantFrom(...TOKENS)).map(([at, tok]): Mutation => (b) => {
    const i = b.length === 0 ? 0 : at % b.length;
    return Buffer.concat([b.subarray(0, i), Buffer.from(tok, 'latin1'), b.subarray(i)]);
  }),
  fc.tuple(fc.nat(), fc.nat(300), fc.nat()).map(([from, len, to]): Mutation => (b) => {
    if (b.length === 0) return b;
    const s = b.subarray(from % b.length, Math.min(b.length, (from % b.length) + len));
    const i = to % b.length;
    return Buffer.concat([b.subarray(0, i), s, s, b.subarray(i)]);
  }),
);

function parseOrTypedError(contentType: string | undefined, body: Buffer): void {
  try {
    const r = parseMm7Message(contentType, body);
    assert.equal(typeof r.message.type, 'string');
    assert.ok(r.warnings.length <= 101);
  } catch (err) {
    if (!isMm7Error(err)) throw err;
    assert.match(err.code, /^PORM_MM7_/);
  }
}

test(`fuzz: ${seeds.length} seeds x mutations -> a result or an Mm7Error`, () => {
  fc.assert(
    fc.property(fc.nat(seeds.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (s, muts, dropType) => {
      const seed = seeds[s]!;
      const body = muts.reduce<Buffer>((b, m) => m(b), seed.body);
      parseOrTypedError(dropType ? undefined : seed.contentType, body);
    }),
    { numRuns: 4000 },
  );
});

test('fuzz: random Content-Type headers and random bytes', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 80 }), fc.uint8Array({ maxLength: 400 }), (ct, bytes) => parseOrTypedError(ct, Buffer.from(bytes))),
    { numRuns: 1000 },
  );
});

test(`fuzz: the 400 KB fixture, mutated${MM7_FIXTURES === undefined ? ' (skipped: ../shared/fixtures not found)' : ''}`, { skip: MM7_FIXTURES === undefined }, () => {
  const big = readFileSync(join(MM7_FIXTURES!, 'deliver-req4.txt'));
  fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (muts) => parseOrTypedError(undefined, muts.reduce<Buffer>((b, m) => m(b), big))), { numRuns: 60 });
});
