// fast-check generator of PDU octets as peers write them: well delimited (so the decoder gets
// deep), but with any value inside — unknown codes, values of the wrong shape, text with
// controls, NULs and octets that are not UTF-8, odd charsets, parameters, nested multiparts.
import fc from 'fast-check';
import { MESSAGE_TYPE_CODES } from '../model.ts';

const cat = (parts: (number | Uint8Array | readonly number[])[]): Uint8Array => {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'number') out.push(p);
    else out.push(...p);
  }
  return Uint8Array.from(out);
};

/** Text octets without NUL: ASCII, controls, UTF-8, and octets that are not UTF-8. */
const textOctets = fc.array(fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 0x1f }) },
  { weight: 1, arbitrary: fc.integer({ min: 0x7f, max: 0xff }) },
  { weight: 1, arbitrary: fc.constantFrom(0xc3, 0xa9, 0xe2, 0x82, 0xac, 0x22, 0x3c, 0x3e) },
), { maxLength: 12 }).map((a) => Uint8Array.from(a));

const textString = fc.tuple(fc.boolean(), textOctets, fc.boolean()).map(([quote, t, nul]) => cat([...(quote ? [0x7f] : []), t, ...(nul ? [0] : [])]));
const charset = fc.oneof(fc.constantFrom([0xea], [0x83], [0x84], [0x80], [0x02, 0x03, 0xe8], [0x02, 0x03, 0xf7], [0x02, 0x0f, 0x00], [0x91]), fc.integer({ min: 0x80, max: 0xff }).map((b) => [b]));
const encodedString = fc.oneof(
  textString,
  fc.tuple(charset, fc.boolean(), textOctets, fc.integer({ min: 0, max: 2 })).map(([cs, quote, t, nuls]) => {
    const inner = cat([cs, ...(quote ? [0x7f] : []), t, ...Array<number>(nuls).fill(0)]);
    return cat([inner.length <= 30 ? [inner.length] : [0x1f, inner.length], inner]);
  }),
);
const lengthValue = fc.uint8Array({ maxLength: 12 }).map((v) => cat([v.length, v]));
/** One header value of any shape the generic WSP rule delimits. */
const anyValue = fc.oneof(
  fc.integer({ min: 0x80, max: 0xff }).map((b) => Uint8Array.of(b)),
  textString.filter((t) => t.length > 0 && t[0]! >= 0x20),
  encodedString.filter((t) => t.length > 0 && t[0]! !== 0 || t.length === 1),
  lengthValue,
);

const HEADER_CODES = fc.integer({ min: 0x81, max: 0xff }).filter((c) => c !== 0x84 && c !== 0x8c);
const header = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(HEADER_CODES, anyValue).map(([c, v]) => cat([c, v])) },
  { weight: 1, arbitrary: fc.tuple(textString.filter((t) => t.length > 0 && t[0]! >= 0x20 && t[t.length - 1] === 0), textString).map(([n, v]) => cat([n, v, ...(v[v.length - 1] === 0 ? [] : [0])])) },
);

const mediaCode = fc.oneof(fc.integer({ min: 0x80, max: 0xff }).map((b) => [b]), fc.constant([0x02, 0x02, 0x01]));
const param = fc.oneof(
  fc.tuple(fc.constantFrom(0x80, 0x81, 0x85, 0x86, 0x88, 0x89, 0x8a, 0x8e, 0x97, 0x98, 0x99, 0x90, 0x82, 0xff), anyValue).map(([t, v]) => cat([t, v])),
  fc.tuple(textString.filter((t) => t.length > 0 && t[0]! >= 0x20 && t[t.length - 1] === 0), fc.oneof(textString.map((t) => (t[t.length - 1] === 0 ? t : cat([t, 0]))), fc.constant(Uint8Array.of(0)), fc.integer({ min: 0x80, max: 0xff }).map((b) => Uint8Array.of(b)))).map(([n, v]) => cat([n, v])),
);
/** A Content-type-value: short code, text, or the general form with parameters. */
const contentType = fc.oneof(
  mediaCode.filter((m) => m.length === 1).map((m) => Uint8Array.from(m)),
  textString.filter((t) => t.length > 0 && t[0]! >= 0x20 && t[t.length - 1] === 0),
  fc.tuple(fc.oneof(mediaCode, textString.filter((t) => t.length > 0 && t[0]! >= 0x20 && t[t.length - 1] === 0).map((t) => [...t])), fc.array(param, { maxLength: 3 })).map(([m, ps]) => {
    const inner = cat([m, ...ps]);
    return cat([inner.length <= 30 ? [inner.length] : [0x1f, inner.length & 0x7f], inner]);
  }).filter((ct) => ct[0] !== 0x1f || ct.length - 2 < 128),
);
const partHeader = fc.oneof(
  fc.tuple(fc.constantFrom(0xc0, 0x8e, 0xae, 0xc5, 0x81, 0x83, 0xd0), anyValue).map(([c, v]) => cat([c, v])),
  fc.tuple(fc.constantFrom(0xae, 0xc5), fc.constantFrom(0x80, 0x81, 0x82, 0x83), fc.array(param, { maxLength: 3 })).map(([c, t, ps]) => {
    const inner = cat([t, ...ps]);
    return inner.length <= 30 ? cat([c, inner.length, inner]) : Uint8Array.of(c, 0x81);
  }),
  fc.tuple(fc.constantFrom('Content-ID', 'Content-Location', 'X-Foo', 'Content-Transfer-Encoding'), textString).map(([n, v]) => cat([Buffer.from(`${n}\0`), v, ...(v[v.length - 1] === 0 ? [] : [0])])),
);

const uintvar = (n: number): number[] => {
  const out = [n & 0x7f];
  for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) out.unshift((v & 0x7f) | 0x80);
  return out;
};

type Entry = { head: Uint8Array; data: Uint8Array };
const multipart = (entries: Entry[]): Uint8Array =>
  cat([uintvar(entries.length), ...entries.flatMap((e) => [uintvar(e.head.length), uintvar(e.data.length), e.head, e.data])]);

const leafEntry: fc.Arbitrary<Entry> = fc.tuple(contentType, fc.array(partHeader, { maxLength: 3 }), fc.uint8Array({ maxLength: 16 }))
  .map(([ct, hs, data]) => ({ head: cat([ct, ...hs]), data }));
const entries = (depth: number): fc.Arbitrary<Entry[]> => fc.array(depth >= 3 ? leafEntry : fc.oneof(
  { weight: 4, arbitrary: leafEntry },
  { weight: 1, arbitrary: fc.constant(null).chain(() => entries(depth + 1)).map((es) => ({ head: Uint8Array.of(0xa3), data: multipart(es) })) },
), { maxLength: 3 });

const TYPES = Object.values(MESSAGE_TYPE_CODES);

/** A PDU as octets: Message-Type, maybe Transaction-ID and version, any headers, maybe a body. */
export const wildPdu: fc.Arbitrary<Uint8Array> = fc.record({
  type: fc.constantFrom(...TYPES),
  tid: fc.option(textString, { nil: undefined }),
  version: fc.option(fc.integer({ min: 0x80, max: 0xff }), { nil: undefined }),
  headers: fc.array(header, { maxLength: 8 }),
  body: fc.option(fc.oneof(
    fc.tuple(fc.constantFrom(Uint8Array.of(0xa3), Uint8Array.of(0xb3)), entries(1)).map(([ct, es]) => cat([ct, multipart(es)])),
    fc.tuple(contentType, fc.uint8Array({ maxLength: 16 })).map(([ct, data]) => cat([ct, data])),
  ), { nil: undefined }),
  trailingNuls: fc.integer({ min: 0, max: 2 }),
}).map(({ type, tid, version, headers, body, trailingNuls }) => cat([
  0x8c, type,
  ...(tid === undefined ? [] : [0x98, tid]),
  ...(version === undefined ? [] : [0x8d, version]),
  ...headers,
  ...(body === undefined ? Array<number>(trailingNuls).fill(0) : [0x84, body]),
]));
