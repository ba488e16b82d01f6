import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMm7Envelope, buildMm7Message } from './build.ts';
import type { Mm7SubmitReq } from './model.ts';
import { parseMm7Message } from './parse.ts';
import { SUBMIT_REQ_ORDER } from './submit.ts';
import { NS6 as NS, envelope, errorCode as code, topLevelChildren } from './test-util.ts';

const minimal: Mm7SubmitReq = {
  type: 'SubmitReq',
  transactionId: 'tx-1',
  senderIdentification: { vaspId: 'vasp', vasId: 'svc', senderAddress: { kind: 'ShortCode', value: '12345' } },
  recipients: { to: [{ kind: 'Number', value: '+4712345678' }] },
};

test('SubmitReq without content: byte-exact text/xml envelope', () => {
  const built = buildMm7Message({ ...minimal, deliveryReport: true, subject: 'Hello & <bye>' });
  assert.equal(built.contentType, 'text/xml; charset="utf-8"');
  assert.equal(built.soapAction, '""');
  assert.equal(built.httpStatus, 200);
  assert.equal(
    built.body.toString('utf8'),
    envelope(
      'tx-1',
      `<SubmitReq xmlns="${NS}"><MM7Version>6.8.0</MM7Version>` +
        '<SenderIdentification><VASPID>vasp</VASPID><VASID>svc</VASID><SenderAddress><ShortCode>12345</ShortCode></SenderAddress></SenderIdentification>' +
        '<Recipients><To><Number>+4712345678</Number></To></Recipients>' +
        '<DeliveryReport>true</DeliveryReport><Subject>Hello &amp; &lt;bye&gt;</Subject></SubmitReq>',
    ),
  );
});

test('SubmitReq with every field: elements in schema sequence order, byte-exact', () => {
  const full: Mm7SubmitReq = {
    ...minimal,
    transactionId: 'tx-2',
    mm7Version: '6.7.0',
    recipients: {
      bcc: [{ kind: 'RFC2822Address', value: 'b@example.com' }],
      cc: [{ kind: 'ShortCode', value: '4444', addressCoding: 'obfuscated' }],
      to: [{ kind: 'Number', value: '+15550001', displayOnly: false, id: 'r1' }, { kind: 'Number', value: '15550002' }],
    },
    serviceCode: 'svc-1',
    linkedId: 'mo-9',
    messageClass: 'Informational',
    timeStamp: '2024-05-01T10:00:00Z',
    replyCharging: { replyChargingSize: 3000, replyDeadline: 'P2D' },
    earliestDeliveryTime: '2024-05-01T11:00:00+02:00',
    expiryDate: 'P1D',
    deliveryReport: true,
    readReply: false,
    priority: 'High',
    subject: 'Sub',
    chargedParty: 'ThirdParty',
    chargedPartyId: 'acct-7',
    distributionIndicator: false,
    deliveryCondition: [1, 2],
    applicId: 'app',
    replyApplicId: 'rapp',
    auxApplicInfo: 'aux info',
    contentClass: 'image-rich',
    drmContent: false,
    content: { allowAdaptations: false, part: { contentType: 'text/plain', contentId: 'c1', data: Buffer.from('x') } },
  };
  const xml = buildMm7Envelope(full);
  assert.equal(
    xml,
    envelope(
      'tx-2',
      `<SubmitReq xmlns="${NS}"><MM7Version>6.7.0</MM7Version>` +
        '<SenderIdentification><VASPID>vasp</VASPID><VASID>svc</VASID><SenderAddress><ShortCode>12345</ShortCode></SenderAddress></SenderIdentification>' +
        '<Recipients><To><Number displayOnly="false" id="r1">+15550001</Number><Number>15550002</Number></To>' +
        '<Cc><ShortCode addressCoding="obfuscated">4444</ShortCode></Cc><Bcc><RFC2822Address>b@example.com</RFC2822Address></Bcc></Recipients>' +
        '<ServiceCode>svc-1</ServiceCode><LinkedID>mo-9</LinkedID><MessageClass>Informational</MessageClass>' +
        '<TimeStamp>2024-05-01T10:00:00Z</TimeStamp><ReplyCharging replyChargingSize="3000" replyDeadline="P2D"/>' +
        '<EarliestDeliveryTime>2024-05-01T11:00:00+02:00</EarliestDeliveryTime><ExpiryDate>P1D</ExpiryDate>' +
        '<DeliveryReport>true</DeliveryReport><ReadReply>false</ReadReply><Priority>High</Priority><Subject>Sub</Subject>' +
        '<ChargedParty>ThirdParty</ChargedParty><ChargedPartyID>acct-7</ChargedPartyID><DistributionIndicator>false</DistributionIndicator>' +
        '<DeliveryCondition><DC>1</DC><DC>2</DC></DeliveryCondition><ApplicID>app</ApplicID><ReplyApplicID>rapp</ReplyApplicID>' +
        '<AuxApplicInfo>aux info</AuxApplicInfo><ContentClass>image-rich</ContentClass><DRMContent>false</DRMContent>' +
        '<Content href="cid:c1" allowAdaptations="false"/></SubmitReq>',
    ),
  );
  // The sequence above is SUBMIT_REQ_ORDER: check the table and the writer agree.
  const top = topLevelChildren(xml, 'SubmitReq');
  assert.deepEqual(top, SUBMIT_REQ_ORDER.filter((n) => top.includes(n)));
  assert.equal(top.length, SUBMIT_REQ_ORDER.length);
});

test('SubmitReq with a SMIL slideshow: byte-exact SOAP with attachments (binary)', () => {
  const built = buildMm7Message(
    {
      ...minimal,
      content: {
        allowAdaptations: true,
        part: {
          contentType: 'multipart/related',
          params: { type: 'application/smil', start: '<smil>' },
          contentId: 'mm',
          parts: [
            { contentType: 'application/smil', contentId: 'smil', contentLocation: 'smil.xml', data: Buffer.from('<smil/>') },
            { contentType: 'image/jpeg', contentId: 'img', contentLocation: 'img.jpg', data: Buffer.from([0xff, 0xd8, 0x0d, 0x0a, 0x00]) },
          ],
        },
      },
    },
    { boundary: (depth) => `porm-b${depth}` },
  );
  assert.equal(built.contentType, 'multipart/related; boundary="porm-b0"; type="text/xml"; start="<mm7-soap>"');
  const soap = buildMm7Envelope({ ...minimal, content: { allowAdaptations: true, part: { contentType: 'text/plain', contentId: 'mm', data: Buffer.alloc(0) } } });
  const expected = Buffer.concat([
    Buffer.from(`--porm-b0\r\nContent-Type: text/xml; charset="utf-8"\r\nContent-ID: <mm7-soap>\r\n\r\n${soap}\r\n`),
    Buffer.from('--porm-b0\r\nContent-Type: multipart/related; type="application/smil"; start="<smil>"; boundary="porm-b1"\r\nContent-ID: <mm>\r\n\r\n'),
    Buffer.from('--porm-b1\r\nContent-Type: application/smil\r\nContent-ID: <smil>\r\nContent-Location: smil.xml\r\nContent-Transfer-Encoding: binary\r\n\r\n<smil/>\r\n'),
    Buffer.from('--porm-b1\r\nContent-Type: image/jpeg\r\nContent-ID: <img>\r\nContent-Location: img.jpg\r\nContent-Transfer-Encoding: binary\r\n\r\n'),
    Buffer.from([0xff, 0xd8, 0x0d, 0x0a, 0x00]),
    Buffer.from('\r\n--porm-b1--\r\n\r\n--porm-b0--\r\n'),
  ]);
  assert.deepEqual(built.body, expected);
  assert.match(soap, /<Content href="cid:mm" allowAdaptations="true"\/><\/SubmitReq>/);
});

test('SubmitReq with base64 attachments: 76-column lines, parsed back to the same bytes', () => {
  const data = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7) % 256));
  const built = buildMm7Message({ ...minimal, content: { part: { contentType: 'image/png', data } } }, { transferEncoding: 'base64', boundary: () => 'bb' });
  const text = built.body.toString('latin1');
  assert.match(text, /Content-ID: <mm7-content>\r\nContent-Transfer-Encoding: base64\r\n\r\n[A-Za-z0-9+/]{76}\r\n/);
  const parsed = parseMm7Message(built.contentType, built.body);
  assert.equal(parsed.message.type, 'SubmitReq');
  assert.deepEqual(parsed.message.type === 'SubmitReq' && parsed.message.content, { href: 'cid:mm7-content', part: { contentType: 'image/png', contentId: 'mm7-content', data } });
  assert.deepEqual(parsed.warnings, []);
});

test('namespace and MM7Version follow the carrier options', () => {
  const rel5 = buildMm7Envelope(minimal, { release: 'REL-5-MM7-1-0' });
  assert.match(rel5, /<SubmitReq xmlns="http:\/\/www\.3gpp\.org\/ftp\/Specs\/archive\/23_series\/23\.140\/schema\/REL-5-MM7-1-0"><MM7Version>5\.3\.0<\/MM7Version>/);
  const custom = buildMm7Envelope(minimal, { namespace: 'urn:carrier:mm7', mm7Version: '6.3.0' });
  assert.match(custom, /xmlns:mm7="urn:carrier:mm7".*<SubmitReq xmlns="urn:carrier:mm7"><MM7Version>6\.3\.0</);
});

test('SubmitRsp: byte-exact, StatusText defaulted from the code table', () => {
  const xml = buildMm7Envelope({ type: 'SubmitRsp', transactionId: 't9', status: { code: 1000 }, messageId: 'msg-1' });
  assert.equal(xml, envelope('t9', `<SubmitRsp xmlns="${NS}"><MM7Version>6.8.0</MM7Version><Status><StatusCode>1000</StatusCode><StatusText>Success</StatusText></Status><MessageID>msg-1</MessageID></SubmitRsp>`));
});

test('strict build: invalid values are refused with PORM_MM7_BUILD_INVALID', () => {
  const bad: Array<[string, unknown]> = [
    ['no recipients', { ...minimal, recipients: {} }],
    ['bad number', { ...minimal, recipients: { to: [{ kind: 'Number', value: '12ab' }] } }],
    ['bad kind', { ...minimal, recipients: { to: [{ kind: 'Email', value: 'a@b' }] } }],
    ['bad enum', { ...minimal, priority: 'Urgent' }],
    ['bad date', { ...minimal, timeStamp: 'yesterday' }],
    ['duration not allowed for TimeStamp', { ...minimal, timeStamp: 'P1D' }],
    ['NUL in subject', { ...minimal, subject: 'a\u0000b' }],
    ['empty transaction id', { ...minimal, transactionId: '' }],
    ['line break in id', { ...minimal, linkedId: 'a\nb' }],
    ['bad version', { ...minimal, mm7Version: '6.8' }],
    ['href mismatch', { ...minimal, content: { href: 'cid:other', part: { contentType: 'text/plain', contentId: 'c', data: Buffer.alloc(0) } } }],
    ['content id with <>', { ...minimal, content: { part: { contentType: 'text/plain', contentId: '<c>', data: Buffer.alloc(0) } } }],
    ['uppercase media type', { ...minimal, content: { part: { contentType: 'Text/Plain', data: Buffer.alloc(0) } } }],
    ['boundary param given', { ...minimal, content: { part: { contentType: 'multipart/mixed', params: { boundary: 'x' }, parts: [{ contentType: 'text/plain', data: Buffer.alloc(0) }] } } }],
    ['empty multipart', { ...minimal, content: { part: { contentType: 'multipart/mixed', parts: [] } } }],
    ['displayOnly on sender', { ...minimal, senderIdentification: { senderAddress: { kind: 'Number', value: '1', displayOnly: true } } }],
    ['negative DC', { ...minimal, deliveryCondition: [0] }],
  ];
  for (const [why, msg] of bad) assert.equal(code(() => buildMm7Message(msg as Mm7SubmitReq)), 'PORM_MM7_BUILD_INVALID', why);
});

test('a boundary that occurs in the data is refused rather than corrupting the message', () => {
  const msg: Mm7SubmitReq = { ...minimal, content: { part: { contentType: 'text/plain', data: Buffer.from('x\r\n--fixed\r\n') } } };
  assert.equal(code(() => buildMm7Message(msg, { boundary: () => 'fixed' })), 'PORM_MM7_BUILD_INVALID');
});
