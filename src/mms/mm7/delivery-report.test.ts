import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMm7Envelope, buildMm7Message } from './build.ts';
import { DELIVERY_REPORT_REQ_ORDER } from './delivery-report.ts';
import type { Mm7DeliveryReportReq } from './model.ts';
import { MM7_DELIVERY_MM_STATUSES, deliveryOutcome, readOutcome } from './mm-status.ts';
import { parseMm7Message } from './parse.ts';
import { NS6, envelope, errorCode, topLevelChildren } from './test-util.ts';

const dr: Mm7DeliveryReportReq = {
  type: 'DeliveryReportReq',
  transactionId: 'dr-1',
  mmsRelayServerId: 'mmsc',
  messageId: 'M-42',
  recipient: { kind: 'Number', value: '+4790000001' },
  sender: { kind: 'ShortCode', value: '2222' },
  date: '2024-02-03T04:05:06Z',
  mmStatus: 'Retrieved',
  statusText: 'Delivered',
};

test('DeliveryReportReq: byte-exact bare text/xml', () => {
  const built = buildMm7Message(dr);
  assert.equal(built.contentType, 'text/xml; charset="utf-8"');
  assert.equal(
    built.body.toString(),
    envelope(
      'dr-1',
      `<DeliveryReportReq xmlns="${NS6}"><MM7Version>6.8.0</MM7Version><MMSRelayServerID>mmsc</MMSRelayServerID>` +
        '<MessageID>M-42</MessageID><Recipient><Number>+4790000001</Number></Recipient><Sender><ShortCode>2222</ShortCode></Sender>' +
        '<Date>2024-02-03T04:05:06Z</Date><MMStatus>Retrieved</MMStatus><StatusText>Delivered</StatusText></DeliveryReportReq>',
    ),
  );
});

test('DeliveryReportReq with every field keeps the schema order', () => {
  const xml = buildMm7Envelope({
    ...dr,
    vaspId: 'v',
    vasId: 's',
    mmStatusExtension: 'RejectionByMMSRecipient',
    applicId: 'a',
    replyApplicId: 'r',
    auxApplicInfo: 'x',
    uaCapabilities: { uaProf: 'p' },
  });
  assert.deepEqual(topLevelChildren(xml, 'DeliveryReportReq'), [...DELIVERY_REPORT_REQ_ORDER]);
});

test('DeliveryReportRsp: byte-exact', () => {
  const xml = buildMm7Envelope({ type: 'DeliveryReportRsp', transactionId: 'dr-1', status: { code: 1000 } });
  assert.equal(xml, envelope('dr-1', `<DeliveryReportRsp xmlns="${NS6}"><MM7Version>6.8.0</MM7Version><Status><StatusCode>1000</StatusCode><StatusText>Success</StatusText></Status></DeliveryReportRsp>`));
});

test('DeliveryReportReq parses back; unknown or mis-cased MMStatus is tolerated', () => {
  const built = buildMm7Message(dr);
  assert.deepEqual(parseMm7Message(built.contentType, built.body).message, { ...dr, mm7Version: '6.8.0' });
  const odd = built.body.toString().replace('<MMStatus>Retrieved</MMStatus>', '<MMStatus>unrecognized</MMStatus>');
  const parsed = parseMm7Message(built.contentType, Buffer.from(odd));
  assert.equal(parsed.message.type === 'DeliveryReportReq' && parsed.message.mmStatus, 'Unrecognised');
  const unknown = parseMm7Message(built.contentType, Buffer.from(odd.replace('unrecognized', 'Teleported')));
  assert.equal(unknown.message.type === 'DeliveryReportReq' && unknown.message.mmStatus, 'Indeterminate');
  assert.deepEqual(unknown.warnings.map((w) => w.code), ['mm7.unknown-mm-status']);
});

test('DeliveryReportReq without MessageID is PORM_MM7_MALFORMED; bad MMStatus is refused on build', () => {
  const built = buildMm7Message(dr).body.toString().replace('<MessageID>M-42</MessageID>', '');
  assert.equal(errorCode(() => parseMm7Message('text/xml', Buffer.from(built))), 'PORM_MM7_MALFORMED');
  assert.equal(errorCode(() => buildMm7Message({ ...dr, mmStatus: 'Delivered' as 'Retrieved' })), 'PORM_MM7_BUILD_INVALID');
});

test('every MMStatus maps to a message outcome', () => {
  const expected = {
    Retrieved: 'delivered',
    Forwarded: 'delivered',
    Expired: 'undelivered',
    Rejected: 'undelivered',
    Unrecognised: 'undelivered',
    DeliveryConditionNotMet: 'undelivered',
    Deferred: 'pending',
    Indeterminate: 'pending',
  } as const;
  for (const s of MM7_DELIVERY_MM_STATUSES) {
    const o = deliveryOutcome(s);
    assert.equal(o.outcome, expected[s], s);
    assert.equal(o.final, o.outcome !== 'pending');
  }
  assert.deepEqual(Object.keys(expected).sort(), [...MM7_DELIVERY_MM_STATUSES].sort());
  assert.equal(readOutcome('Read'), 'read');
  assert.equal(readOutcome('Deleted'), 'deleted-unread');
  assert.equal(readOutcome('Indeterminate'), 'unknown');
});
