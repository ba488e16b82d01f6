import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMm7Envelope, buildMm7Message } from './build.ts';
import { DELIVER_REQ_ORDER } from './deliver.ts';
import type { Mm7DeliverReq } from './model.ts';
import { parseMm7Message } from './parse.ts';
import { NS6, envelope, errorCode, topLevelChildren } from './test-util.ts';

const mo: Mm7DeliverReq = {
  type: 'DeliverReq',
  transactionId: 'mo-1',
  vaspId: 'vasp',
  vasId: 'svc',
  mmsRelayServerId: 'mmsc-1',
  linkedId: 'lnk',
  sender: { kind: 'Number', value: '+4790000001' },
  recipients: { to: [{ kind: 'ShortCode', value: '2222' }] },
  senderSpi: 'spi-a',
  recipientSpi: 'spi-b',
  timeStamp: '2024-01-02T03:04:05.678Z',
  replyChargingId: 'rc-1',
  priority: 'Low',
  subject: 'Photo',
  applicId: 'a',
  replyApplicId: 'ra',
  auxApplicInfo: 'aux',
  uaCapabilities: { uaProf: 'http://ua.example/prof.xml', timeStamp: '2024-01-01T00:00:00Z' },
  content: { part: { contentType: 'text/plain', params: { charset: 'utf-8' }, contentId: 'txt', data: Buffer.from('hi') } },
};

test('DeliverReq: byte-exact envelope, every element in sequence order', () => {
  const xml = buildMm7Envelope(mo);
  assert.equal(
    xml,
    envelope(
      'mo-1',
      `<DeliverReq xmlns="${NS6}"><MM7Version>6.8.0</MM7Version><VASPID>vasp</VASPID><VASID>svc</VASID>` +
        '<MMSRelayServerID>mmsc-1</MMSRelayServerID><LinkedID>lnk</LinkedID><Sender><Number>+4790000001</Number></Sender>' +
        '<Recipients><To><ShortCode>2222</ShortCode></To></Recipients><SenderSPI>spi-a</SenderSPI><RecipientSPI>spi-b</RecipientSPI>' +
        '<TimeStamp>2024-01-02T03:04:05.678Z</TimeStamp><ReplyChargingID>rc-1</ReplyChargingID><Priority>Low</Priority>' +
        '<Subject>Photo</Subject><ApplicID>a</ApplicID><ReplyApplicID>ra</ReplyApplicID><AuxApplicInfo>aux</AuxApplicInfo>' +
        '<UACapabilities UAProf="http://ua.example/prof.xml" TimeStamp="2024-01-01T00:00:00Z"/><Content href="cid:txt"/></DeliverReq>',
    ),
  );
  assert.deepEqual(topLevelChildren(xml, 'DeliverReq'), [...DELIVER_REQ_ORDER]);
});

test('DeliverReq round trip through SOAP with attachments', () => {
  const built = buildMm7Message(mo, { boundary: () => 'deliver-b' });
  const parsed = parseMm7Message(built.contentType, built.body);
  assert.deepEqual(parsed.message, { ...mo, mm7Version: '6.8.0', content: { href: 'cid:txt', part: mo.content!.part } });
  assert.deepEqual(parsed.warnings, []);
  assert.equal(parsed.release, 'REL-6-MM7-1-4');
});

test('DeliverRsp: byte-exact', () => {
  const xml = buildMm7Envelope({ type: 'DeliverRsp', transactionId: 'mo-1', status: { code: 1000, text: 'OK' }, serviceCode: 'free' });
  assert.equal(xml, envelope('mo-1', `<DeliverRsp xmlns="${NS6}"><MM7Version>6.8.0</MM7Version><Status><StatusCode>1000</StatusCode><StatusText>OK</StatusText></Status><ServiceCode>free</ServiceCode></DeliverRsp>`));
});

test('DeliverReq needs a Sender to be built', () => {
  const { sender: _sender, ...noSender } = mo;
  assert.equal(errorCode(() => buildMm7Envelope(noSender)), 'PORM_MM7_BUILD_INVALID');
});
