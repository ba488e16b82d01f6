import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildMm7Message } from './build.ts';
import { CHARGED_PARTIES, CONTENT_CLASSES, MESSAGE_CLASSES, PRIORITIES } from './enums.ts';
import type { MimePart } from './mime-part.ts';
import { MM7_DELIVERY_MM_STATUSES, MM7_READ_MM_STATUSES } from './mm-status.ts';
import type { Mm7Address, Mm7Content, Mm7Message, Mm7Recipients } from './model.ts';
import { parseMm7Message } from './parse.ts';
import { MM7_RELEASES } from './versions.ts';
import { isXmlSafe } from './xml-escape.ts';

// Property: for every valid message, parse(build(m)) gives m back (with the href the builder
// derives), without warnings, for any release, transfer encoding and envelope form.

const token = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,15}$/);
const freeText = fc.string({ unit: 'binary', maxLength: 30 }).filter((s) => isXmlSafe(s) && s.trim() === s);
const dateTime = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const duration = fc.tuple(fc.nat(400), fc.nat(23)).map(([d, h]) => `P${d}DT${h}H`);
const dateOrDuration = fc.oneof(dateTime, duration);
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const version = fc.tuple(fc.integer({ min: 5, max: 6 }), fc.nat(9), fc.nat(9)).map(([a, b, c]) => `${a}.${b}.${c}`);

const address = (recipient: boolean): fc.Arbitrary<Mm7Address> =>
  fc.record(
    {
      kind: fc.constantFrom('Number', 'ShortCode', 'RFC2822Address') as fc.Arbitrary<Mm7Address['kind']>,
      value: fc.constant(''),
      displayOnly: recipient ? fc.boolean() : fc.constant(undefined),
      addressCoding: fc.constantFrom('encrypted', 'obfuscated') as fc.Arbitrary<'encrypted' | 'obfuscated'>,
      id: token,
    },
    { requiredKeys: ['kind', 'value'] },
  ).chain((a) =>
    (a.kind === 'Number' ? fc.stringMatching(/^\+?[0-9]{1,15}$/) : a.kind === 'ShortCode' ? fc.stringMatching(/^[0-9A-Z]{3,8}$/) : fc.stringMatching(/^[a-z0-9.]{1,10}@[a-z0-9]{1,10}\.example$/)).map((value) =>
      clean({ ...a, value }),
    ),
  );

const recipients: fc.Arbitrary<Mm7Recipients> = fc
  .record({ to: fc.array(address(true), { minLength: 1, maxLength: 3 }), cc: fc.array(address(true), { maxLength: 2 }), bcc: fc.array(address(true), { maxLength: 2 }) })
  .map((r) => clean({ to: r.to, cc: r.cc.length > 0 ? r.cc : undefined, bcc: r.bcc.length > 0 ? r.bcc : undefined }));

let idCounter = 0;
const leaf: fc.Arbitrary<MimePart> = fc
  .record({
    contentType: fc.constantFrom('text/plain', 'image/jpeg', 'image/gif', 'application/smil', 'audio/amr'),
    params: opt(fc.record({ charset: fc.constantFrom('utf-8', 'us-ascii') }).map(clean)),
    contentLocation: opt(fc.stringMatching(/^[a-z0-9_]{1,8}\.[a-z]{3}$/)),
    data: fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
    withId: fc.boolean(),
  })
  .map(({ withId, ...p }) => clean({ ...p, contentId: withId ? `p${idCounter++}@porm` : undefined }));

const tree: fc.Arbitrary<MimePart> = fc.letrec<{ node: MimePart }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 2, depthIdentifier: 'mime' },
    leaf,
    fc.record({
      contentType: fc.constantFrom('multipart/related', 'multipart/mixed'),
      params: opt(fc.record({ type: fc.constant('application/smil'), start: fc.constant('<smil>') }).map(clean)),
      parts: fc.array(tie('node'), { minLength: 1, maxLength: 3, depthIdentifier: 'mime' }),
    }).map((p) => clean(p) as MimePart),
  ),
})).node;

const content: fc.Arbitrary<Mm7Content> = fc.record({ allowAdaptations: opt(fc.boolean()), part: tree }).map((c) => {
  const id = c.part.contentId ?? 'mm7-content';
  return clean({ ...c, href: `cid:${id}`, part: { ...c.part, contentId: id } });
});

const status = fc.record({ code: fc.integer({ min: 1000, max: 4999 }), text: freeText, details: opt(freeText) }).map(clean);
const applic = { applicId: opt(token), replyApplicId: opt(token), auxApplicInfo: opt(freeText) };
const rsHeader = { vaspId: opt(token), vasId: opt(token), mmsRelayServerId: opt(token) };
const head = { transactionId: token, mm7Version: version };
const senderIdentification = fc.record({ vaspId: opt(token), vasId: opt(token), senderAddress: opt(address(false)) }).map(clean);

const message: fc.Arbitrary<Mm7Message> = fc.oneof(
  fc.record({
    type: fc.constant('SubmitReq' as const), ...head, ...applic, senderIdentification, recipients,
    serviceCode: opt(token), linkedId: opt(token), messageClass: opt(fc.constantFrom(...MESSAGE_CLASSES)), timeStamp: opt(dateTime),
    replyCharging: opt(fc.record({ replyChargingSize: opt(fc.nat(100000)), replyDeadline: opt(dateOrDuration) }).map(clean)),
    earliestDeliveryTime: opt(dateOrDuration), expiryDate: opt(dateOrDuration), deliveryReport: opt(fc.boolean()), readReply: opt(fc.boolean()),
    priority: opt(fc.constantFrom(...PRIORITIES)), subject: opt(freeText), chargedParty: opt(fc.constantFrom(...CHARGED_PARTIES)), chargedPartyId: opt(token),
    distributionIndicator: opt(fc.boolean()), deliveryCondition: opt(fc.array(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 3 })),
    contentClass: opt(fc.constantFrom(...CONTENT_CLASSES)), drmContent: opt(fc.boolean()), content: opt(content),
  }),
  fc.record({ type: fc.constant('SubmitRsp' as const), ...head, ...applic, status, messageId: opt(token) }),
  fc.record({
    type: fc.constant('DeliverReq' as const), ...head, ...rsHeader, ...applic, linkedId: opt(token), sender: address(false), recipients: opt(recipients),
    senderSpi: opt(token), recipientSpi: opt(token), timeStamp: opt(dateTime), replyChargingId: opt(token), priority: opt(fc.constantFrom(...PRIORITIES)),
    subject: opt(freeText), uaCapabilities: opt(fc.record({ uaProf: opt(token), timeStamp: opt(dateTime) }).map(clean)), content: opt(content),
  }),
  fc.record({ type: fc.constant('DeliverRsp' as const), ...head, status, serviceCode: opt(token) }),
  fc.record({
    type: fc.constant('DeliveryReportReq' as const), ...head, ...rsHeader, ...applic, messageId: token, recipient: address(false), sender: address(false),
    date: dateTime, mmStatus: fc.constantFrom(...MM7_DELIVERY_MM_STATUSES), mmStatusExtension: opt(token), statusText: opt(freeText),
    uaCapabilities: opt(fc.record({ uaProf: opt(token), timeStamp: opt(dateTime) }).map(clean)),
  }),
  fc.record({
    type: fc.constant('ReadReplyReq' as const), ...head, ...rsHeader, ...applic, messageId: token, recipient: address(false), sender: address(false),
    timeStamp: dateTime, mmStatus: fc.constantFrom(...MM7_READ_MM_STATUSES), statusText: opt(freeText),
  }),
  fc.record({ type: fc.constantFrom('DeliveryReportRsp' as const, 'ReadReplyRsp' as const, 'CancelRsp' as const, 'ReplaceRsp' as const), ...head, status }),
  fc.record({ type: fc.constant('CancelReq' as const), ...head, senderIdentification, messageId: token }),
  fc.record({
    type: fc.constant('ReplaceReq' as const), ...head, senderIdentification, messageId: token, serviceCode: opt(token), timeStamp: opt(dateTime),
    readReply: opt(fc.boolean()), earliestDeliveryTime: opt(dateOrDuration), distributionIndicator: opt(fc.boolean()),
    contentClass: opt(fc.constantFrom(...CONTENT_CLASSES)), drmContent: opt(fc.boolean()), content: opt(content),
  }),
  fc.record({
    type: fc.constantFrom('RSErrorRsp' as const, 'VASPErrorRsp' as const), ...head, status,
    fault: fc.record({ code: fc.constantFrom('Client', 'Server'), string: freeText, actor: opt(token) }).map(clean),
  }),
).map((m) => clean(m) as Mm7Message);

const options = fc.record({
  release: fc.constantFrom(...MM7_RELEASES),
  transferEncoding: fc.constantFrom('binary' as const, 'base64' as const),
  alwaysMultipart: fc.boolean(),
});

test('property: parse(build(message)) === message for every operation, release and encoding', () => {
  fc.assert(
    fc.property(message, options, (m, o) => {
      const built = buildMm7Message(m, o);
      const parsed = parseMm7Message(built.contentType, built.body);
      assert.deepEqual(parsed.message, m);
      assert.deepEqual(parsed.warnings, []);
      assert.equal(parsed.release, o.release);
    }),
    { numRuns: 400 },
  );
});

test('property: rebuilding a parsed message gives the same bytes', () => {
  fc.assert(
    fc.property(message, (m) => {
      const o = { boundary: (d: number, i: number) => `rt-${d}-${i}` };
      const first = buildMm7Message(m, o);
      const again = buildMm7Message(parseMm7Message(first.contentType, first.body).message, o);
      assert.deepEqual(again.body, first.body);
      assert.equal(again.contentType, first.contentType);
    }),
    { numRuns: 200 },
  );
});

/** Drops keys whose value is undefined, so that absent stays absent as in parsed messages. */
function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
