// fast-check generators of valid, already-canonical PDUs: what the encoder accepts and the
// decoder gives back unchanged (addresses normalised, ids without <>, whole-second dates).
import fc from 'fast-check';
import {
  MESSAGE_TYPE_CODES, type ExtraHeader, type MessageType, type Part, type Pdu, type PduHeaders,
} from '../model.ts';
import { RULES } from '../rules.ts';

// A leading BOM is dropped by the decoder on purpose (con-211), so generated text has none.
const clean = (s: string): boolean =>
  ![...s].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f' || (c.length === 1 && c >= '\uD800' && c <= '\uDFFF')) && !s.startsWith('\uFEFF');
export const text = fc.string({ unit: 'binary', maxLength: 24 }).filter(clean);
const asciiText = fc.string({ unit: 'binary-ascii', maxLength: 24 }).filter(clean);
const anyText = fc.oneof(asciiText, text);
const token = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
const digits = fc.stringMatching(/^[0-9]{3,15}$/);

export const address = fc.oneof(
  digits.map((d) => `+${d}/TYPE=PLMN`),
  fc.tuple(token, token).map(([a, b]) => `${a}@${b}.example`),
  fc.tuple(fc.nat(255), fc.nat(255)).map(([a, b]) => `10.0.${a}.${b}/TYPE=IPv4`),
);
const date = fc.integer({ min: 0, max: 2 ** 32 - 1 }).map((s) => new Date(s * 1000));
const time = fc.oneof(
  date.map((d) => ({ kind: 'absolute' as const, date: d })),
  fc.integer({ min: 0, max: 2 ** 40 }).map((s) => ({ kind: 'relative' as const, seconds: s })),
);
const count = fc.integer({ min: 0, max: 2 ** 31 });
const octetCode = fc.integer({ min: 0x80, max: 0xff });
const addresses = fc.array(address, { minLength: 1, maxLength: 3 });
const bytes = (max: number): fc.Arbitrary<Uint8Array> => fc.uint8Array({ maxLength: max });

const optionalHeaders: fc.Arbitrary<PduHeaders> = fc.record({
  transactionId: anyText, bcc: addresses, cc: addresses, to: addresses, contentLocation: anyText, date,
  deliveryReport: fc.boolean(), deliveryTime: time, expiry: time,
  from: fc.oneof(fc.constant({ kind: 'insert' as const }), address.map((a) => ({ kind: 'address' as const, address: a }))),
  messageClass: fc.oneof(fc.constantFrom('personal', 'advertisement', 'informational', 'auto'), fc.stringMatching(/^[A-Z][A-Za-z]{0,12}$/)),
  messageId: anyText, messageSize: fc.maxSafeNat(), priority: fc.constantFrom('low', 'normal', 'high'),
  readReport: fc.boolean(), reportAllowed: fc.boolean(), responseStatus: octetCode, responseText: anyText,
  senderVisibility: fc.constantFrom('hide', 'show'),
  status: fc.constantFrom('expired', 'retrieved', 'rejected', 'deferred', 'unrecognised', 'indeterminate', 'forwarded', 'unreachable'),
  subject: anyText, retrieveStatus: octetCode, retrieveText: anyText, readStatus: fc.constantFrom('read', 'deleted-without-being-read'),
  replyCharging: fc.constantFrom('requested', 'requested-text-only', 'accepted', 'accepted-text-only'),
  replyChargingDeadline: time, replyChargingId: anyText, replyChargingSize: count,
  previouslySentBy: fc.array(fc.record({ count, value: address }), { minLength: 1, maxLength: 2 }),
  previouslySentDate: fc.array(fc.record({ count, value: date }), { minLength: 1, maxLength: 2 }),
  store: fc.boolean(), mmState: fc.constantFrom('draft', 'sent', 'new', 'retrieved', 'forwarded'),
  mmFlags: fc.array(fc.record({ op: fc.constantFrom('add', 'remove', 'filter'), flag: anyText }), { minLength: 1, maxLength: 2 }),
  storeStatus: octetCode, storeStatusText: anyText, stored: fc.boolean(), attributes: fc.array(octetCode, { minLength: 1, maxLength: 3 }),
  totals: fc.boolean(), mboxTotals: fc.array(fc.record({ kind: fc.constantFrom('messages', 'size'), value: count }), { minLength: 1, maxLength: 2 }),
  quotas: fc.boolean(), mboxQuotas: fc.array(fc.record({ kind: fc.constantFrom('messages', 'size'), value: count }), { minLength: 1, maxLength: 2 }),
  messageCount: count, start: count, distributionIndicator: fc.boolean(), limit: count, recommendedRetrievalMode: fc.constant('manual'),
  recommendedRetrievalModeText: anyText, statusText: anyText, applicId: anyText, replyApplicId: anyText, auxApplicInfo: anyText,
  contentClass: fc.constantFrom('text', 'image-basic', 'image-rich', 'video-basic', 'video-rich', 'megapixel', 'content-basic', 'content-rich'),
  drmContent: fc.boolean(), adaptationAllowed: fc.boolean(), replaceId: anyText, cancelId: anyText, cancelStatus: fc.constantFrom('received', 'corrupted'),
}, { requiredKeys: [] });

const headerValue = fc.oneof(
  octetCode.map((b) => new Uint8Array([b])),
  asciiText.filter((s) => s.length > 0 && s.charCodeAt(0) >= 0x20).map((s) => new Uint8Array([...Buffer.from(s), 0])),
  bytes(20).map((b) => new Uint8Array([b.length, ...b])),
);
/** Kept headers; codes and names chosen so the decoder cannot mistake them for modelled ones. */
export const extraHeaders = (codes: fc.Arbitrary<number>, reserved: readonly string[]): fc.Arbitrary<ExtraHeader[]> =>
  fc.array(fc.oneof(
    fc.record({ kind: fc.constant('text' as const), name: fc.stringMatching(/^X-[A-Za-z0-9-]{1,12}$/).filter((n) => !reserved.includes(n.toLowerCase())), value: anyText }),
    fc.record({ kind: fc.constant('binary' as const), code: codes, value: headerValue }),
  ), { minLength: 1, maxLength: 3 });

const MEDIA = ['text/plain', 'image/jpeg', 'image/gif', 'application/smil', 'audio/amr', 'video/3gpp', 'image/png'];
const contentType = fc.oneof(fc.constantFrom(...MEDIA), token.map((t) => `application/x-${t}`));
const params = fc.record({
  charset: fc.constantFrom('utf-8', 'us-ascii', 'iso-8859-1', 'utf-16', 'iso-10646-ucs-2', 'big5', 'x-custom', 'mib-2000'),
  name: anyText, filename: anyText,
  params: fc.dictionary(token.filter((k) => !['charset', 'type', 'start', 'name', 'filename'].includes(k)), anyText, { minKeys: 1, maxKeys: 2 }),
}, { requiredKeys: [] });
const partCodes = fc.integer({ min: 0x80, max: 0xff }).filter((c) => ![0x8e, 0xae, 0xc0, 0xc5].includes(c));

const leafPart = (withExtras: boolean): fc.Arbitrary<Part> => fc.record({
  contentType, contentId: anyText, contentLocation: anyText,
  disposition: fc.record({ type: fc.constantFrom('form-data', 'attachment', 'inline'), filename: anyText }, { requiredKeys: ['type'] }),
  headers: withExtras ? extraHeaders(partCodes, ['content-id', 'content-location', 'content-transfer-encoding']) : fc.constant(undefined),
}, { requiredKeys: ['contentType'] }).chain((p) => fc.tuple(params, fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([ps, random]) => {
  let data = random;
  const { headers, ...rest } = p;
  // tshark dissects SMIL parts as XML and flags random octets there; give them real SMIL.
  if (rest.contentType === 'application/smil') data = new TextEncoder().encode('<smil><body><par dur="1s"/></body></smil>');
  return headers === undefined ? { ...rest, ...ps, data } : { ...rest, headers, ...ps, data };
}));

/** Parts of a multipart at nesting `depth` (the message body is 1; the decoder allows 4). */
export function partsAt(depth: number, withExtras = true): fc.Arbitrary<Part[]> {
  const leaf = leafPart(withExtras);
  const part = depth >= 4 ? leaf : fc.oneof({ weight: 4, arbitrary: leaf }, {
    weight: 1,
    arbitrary: fc.constant(null).chain(() => partsAt(depth + 1, withExtras)).map((ps) => ({ contentType: 'application/vnd.wap.multipart.mixed', data: new Uint8Array(0), parts: ps })),
  });
  return fc.array(part, { maxLength: 4 });
}

const body = (withExtras: boolean) => fc.oneof(
  fc.tuple(fc.constantFrom('application/vnd.wap.multipart.mixed', 'application/vnd.wap.multipart.related'), partsAt(1, withExtras),
    fc.record({ type: fc.constant('application/smil'), start: anyText }, { requiredKeys: [] }))
    .map(([mediaType, ps, p]) => ({ contentType: { mediaType, ...p }, parts: ps })),
  fc.tuple(contentType, bytes(64)).map(([mediaType, b]) => ({ contentType: { mediaType }, body: b })),
);

const TYPES = Object.keys(MESSAGE_TYPE_CODES) as MessageType[];

/** A random valid PDU of `type` (any type when omitted), optionally with kept extra headers (top level and in parts). */
export function pduArb(type?: MessageType, withExtras = true): fc.Arbitrary<Pdu> {
  const topCodes = fc.oneof(fc.constantFrom(0xae, 0xb0, 0xb2), fc.integer({ min: 0xc0, max: 0xff }));
  return fc.record({
    messageType: type === undefined ? fc.constantFrom(...TYPES) : fc.constant(type),
    mmsVersion: fc.constantFrom('1.0', '1.1', '1.2', '1.3'),
    headers: optionalHeaders,
    required: fc.record({ transactionId: anyText, from: fc.constant({ kind: 'insert' as const }), to: addresses, responseStatus: octetCode, messageClass: fc.constant('personal'), messageSize: count, expiry: time, contentLocation: anyText, status: fc.constant('retrieved' as const), date, messageId: anyText, readStatus: fc.constant('read' as const), cancelId: anyText, storeStatus: octetCode }),
    body: body(withExtras),
    extras: withExtras ? fc.option(extraHeaders(topCodes, []), { nil: undefined }) : fc.constant(undefined),
  }).map(({ messageType, mmsVersion, headers, required, body, extras }) => {
    const rule = RULES[messageType];
    const pdu: Pdu = { ...headers, messageType, mmsVersion };
    const need = pdu as unknown as Record<string, unknown>;
    for (const key of [...rule.required, ...(rule.oneOf?.slice(0, 1) ?? [])]) if (need[key] === undefined) need[key] = required[key as keyof typeof required];
    if (rule.body !== 'none') Object.assign(pdu, body);
    if (messageType === 'm-mbox-delete-conf') {
      // That PDU carries these two in an indexed form porm does not model (see rules.ts).
      delete pdu.contentLocation;
      delete pdu.responseText;
    }
    if (extras) pdu.extraHeaders = extras;
    return pdu;
  });
}
